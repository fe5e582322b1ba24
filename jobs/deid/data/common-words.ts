// English and clinical words that are also given names or surnames ("will", "hope",
// "grace", "mark", "bell"). A listed name that is one of these counts as a name only
// with a context cue (title, relation, credential) or when it already occurred as a
// name elsewhere in the same note. Written for this project from general knowledge.

export const NAME_WORDS_THAT_ARE_COMMON = `
will hope grace faith joy may june april august mark bill rose lily iris ruby pearl
violet daisy olive ray dawn summer autumn rich sandy dale glen cliff rob pat sue
art bell hill wood woods stone rice lane cross day west young king price black white
green brown gray grey long little hunt hart hale fox wolf ward reed carter cook baker
miller mason parker turner hunter fisher walker bishop frank earl dean major chase jack
guy patience moon love more pal gill ram sunny gene crystal amber don van holly heather
ginger penny brandy misty ivy sky skye page case fields banks powers rivers rhodes mills
wells ford cole lee may mae max
`;

/**
 * Capitalized words that follow a title or start a line in notes but are never names:
 * the engine stops a name at these.
 */
export const NOT_NAME_WORDS = `
the a an and or of to in on at for with by from as is was are were be been has had have
patient pt pts doctor dr mr mrs ms md rn do np pa team unit ward bed icu ccu micu sicu
csru er ed or hospital hosp clinic center centre medical department dept service services
aware notified called paged informed spoke here in out today tonight tomorrow yesterday
am pm no yes not none nil per via re cc sub subject date time note notes report reports
impression findings history plan assessment diagnosis dx rx hx sx tx fx abg cxr ekg ecg
ct mri bp hr rr spo2 temp neuro cv resp gi gu id skin social family mother father son
daughter wife husband brother sister nephew niece friend aunt uncle cousin baby child
admitted discharged transferred seen examined reviewed consulted ordered started stopped
continued given received placed removed changed increased decreased held restarted
status stable unstable afebrile alert oriented awake asleep resting comfortable
dear sir madam regards sincerely thanks thank yours respectfully kind best warm
morning evening night day days week weeks month months year years hour hours min
left right bilateral upper lower anterior posterior medial lateral
general surgery medicine cardiology neurology nephrology orthopaedics orthopedics
oncology radiology pathology pediatrics paediatrics obstetrics gynaecology psychiatry
emergency internal family consultant resident intern fellow attending registrar
nurse nursing staff charge primary secondary
visited visiting visit came come comes called calling updated update present aware
notified informed spoke speak talked states stated says said wants wanted wishes feels
felt lives living plans planning bedside would could should might must is
see seen agitation agitated twice multiple into regarding during claims off ho appropriately
stayed sometimes clinical care able times renal met low iv extremely children aunts oob
but occ about since short meds assist spont fc without wo osh sbp bb simv rate tol freq receive having cardiac begin max mae
ppm rehab russian teens tachycardia nipride assymptomatic visisted unable awake asleep
isnt wasnt does did doesnt dont cannot here there who which what when where why how
that this these those it its he she they them him her his hers their our we you i me
my your also very all any some many much more most each every both either neither
other another same such only just still already again then than now soon later
updated aware agrees agreed concerned upset anxious happy pleased tearful supportive
involved updated phoned phone telephone message messages left right home out
memorial institute infirmary home house mbbs dnb frcs mrcp mch dm phd bsn rrt lpn cna aprn crnp lcsw msw facc facs frcp dch dgo
`;
