// Place names used as context: cities (redacted as CITY) and states (kept, because HIPAA
// Safe Harbor allows a state to stay, but a word before a state is likely a city).
// Written for this project from general knowledge (no list file was copied). An
// underscore joins the words of a multi-word name.

export const INDIAN_CITIES = `
agra ahmedabad ajmer aligarh allahabad amravati amritsar aurangabad bareilly belgaum
bengaluru bangalore bhavnagar bhilai bhopal bhubaneswar bikaner chandigarh chennai
coimbatore cuttack dehradun delhi dhanbad durgapur erode faridabad gaya ghaziabad goa
gorakhpur gulbarga guntur gurgaon gurugram guwahati gwalior hubli hyderabad indore jabalpur
jaipur jalandhar jammu jamnagar jamshedpur jhansi jodhpur kakinada kanpur kochi kolhapur
kolkata kollam kota kozhikode lucknow ludhiana madurai mangalore mangaluru meerut mumbai
mysore mysuru nagpur nanded nashik nellore noida patiala patna pondicherry puducherry
pune raipur rajkot ranchi rourkela salem sangli shimla siliguri solapur srinagar surat
thane thiruvananthapuram thrissur tiruchirappalli tirunelveli tirupati udaipur ujjain
vadodara varanasi vellore vijayawada visakhapatnam warangal howrah navi secunderabad
`;

export const US_CITIES = `
albany albuquerque anchorage arlington atlanta aurora austin bakersfield baltimore
baton_rouge birmingham boise boston buffalo burlington charleston charlotte chattanooga chicago
cincinnati cleveland columbia columbus dallas dayton denver detroit durham el_paso fargo
fort_worth fresno glendale greensboro hartford henderson honolulu houston indianapolis
irvine jacksonville knoxville lansing laredo las_vegas lexington lincoln little_rock long_beach los_angeles louisville lubbock memphis miami milwaukee minneapolis
montgomery nashville newark new_orleans new_york norfolk oakland oklahoma omaha orlando
philadelphia phoenix pittsburgh plano portland providence raleigh reno richmond riverside
rochester sacramento san_antonio san_diego san_francisco san_jose santa_ana savannah
scottsdale seattle spokane springfield st_louis st_paul stockton tacoma tampa toledo
topeka tucson tulsa wichita worcester annapolis bethesda rockville
`;

export const INDIAN_STATES = `
andhra_pradesh arunachal_pradesh assam bihar chhattisgarh goa gujarat haryana himachal_pradesh jharkhand
karnataka kerala madhya_pradesh maharashtra manipur meghalaya mizoram nagaland odisha punjab
rajasthan sikkim tamil_nadu telangana tripura uttar_pradesh uttarakhand west_bengal delhi
`;

/** Two-letter US state and territory abbreviations (USPS). */
export const US_STATE_CODES = `
AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH
NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY PR GU VI
`;

/** Indian vehicle registration state and union territory codes (Motor Vehicles Act). */
export const INDIAN_RTO_CODES = `
AN AP AR AS BR CG CH DD DL DN GA GJ HP HR JH JK KA KL LA LD MH ML MN MP MZ NL OD OR PB PY
RJ SK TN TR TS UK UP WB
`;
