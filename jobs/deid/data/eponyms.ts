// Surnames that name diseases, signs, scales, devices and procedures. A token from this
// list is not redacted when a clinical word follows it ("Parkinson disease", "Foley
// catheter", "Hunt and Hess grade") or when it sits inside a known eponym phrase.
// Written for this project from general clinical knowledge.

export const EPONYM_SURNAMES = `
addison alzheimer apgar argyll babinski barre barrett bell billroth braden breslow
brudzinski child cheyne creutzfeldt crohn cushing down duchenne epley foley ganz
glasgow gleason graves guillain hartmann hashimoto heimlich hess hodgkin horner
huntington hunt jakob kaposi kernig killip klinefelter korsakoff kussmaul lachman
lewy lund browder marfan mcmurray morse murphy nissen osler parkinson phalen pugh
raynaud romberg roux sjogren spetzler stevens johnson stokes swan tinel tourette
trendelenburg turner valsalva wernicke whipple wilson wells fisher norton homan
korotkoff doppler holter fontan glenn ross ranson bishop clark coombs gram ziehl
neelsen wright giemsa papanicolaou schilling widal mantoux hunter hurler gaucher
tay sachs kawasaki bowen paget pott colles smith barton monteggia galeazzi salter
harris weber mallory meckel hirschprung wilms ewing burkitt kaplan meier thomas wagner
foley swan jackson pratt hickman groshong quinton miller blakemore sengstaken
`;

/** Words that, right after a capitalized token, mark it as an eponym rather than a name. */
export const EPONYM_TRIGGERS = `
disease diseases syndrome palsy sign signs test tests scale score scores grade grades
catheter catheters body bodies maneuver manoeuvre procedure operation classification
criteria reflex phenomenon tube tubes stocking stockings fracture fractures lymphoma
sarcoma tumor tumour node nodes stain staining index law rule rules formula method
technique repair fundoplication esophagus oesophagus ulcer hernia diverticulum dementia
encephalopathy chorea coma ataxia triad pentad test equation rhythm respiration
splint splints drain drains line lines cath catheter balloon position
`;
