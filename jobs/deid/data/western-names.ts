// Common given names and surnames in the United States and the United Kingdom, written
// for this project from general knowledge (no list file was copied). Lowercase, one
// space between entries; `names.ts` turns them into sets.

export const WESTERN_GIVEN_NAMES = `
aaron abigail adam adrian aiden alan albert alex alexander alexandra alexis alfred alice
alicia allen allison alma amanda amber amelia amy andrea andrew angela angelica angie anita
ann anna anne annette annie anthony antonio april arlene arnold arthur ashley audrey austin
barbara barry beatrice becky ben benjamin bernard bernice bertha beth betty beverly bill
billy blake bob bobby bonnie brad bradley brandon brandy brenda brent brett brian bridget
brittany brooke bruce bryan byron caleb calvin cameron carl carla carlos carmen carol
caroline carolyn carrie casey catherine cathy cecil cecilia chad charlene charles charlie
charlotte chelsea cheryl chester chloe chris christian christina christine christopher
christy cindy claire clara clarence claude claudia clayton clifford clinton clyde cody colin
colleen connie constance cora courtney craig crystal curtis cynthia daisy dale dallas damon
dan dana daniel danielle danny darlene darrell darren darryl dave david dawn dean deanna
debbie deborah debra delores denise dennis derek derrick desiree diana diane dianne dolores
dominic don donald donna dora doris dorothy doug douglas duane dustin dwayne dwight earl
eddie edgar edith edna eduardo edward edwin eileen elaine eleanor elizabeth ella ellen elmer
eloise elsie emily emma eric erica erik erin ernest esther ethan ethel eugene eunice eva
evan evelyn faith felicia felix fernando florence floyd frances francis frank franklin fred
freda frederick gabriel gail gary gavin gene geneva george georgia gerald geraldine gertrude
gilbert gina gladys glen glenda glenn gloria gordon grace greg gregory gwendolyn hailey
hannah harold harriet harry harvey hazel heather hector heidi helen henry herbert herman
hilda holly hope howard hugh ian ida irene iris irma isaac isabel isabella jack jackie
jacob jacqueline jake james jamie jan jane janet janice jared jasmine jason jay jean
jeanette jeanne jeff jeffery jeffrey jenna jennifer jenny jeremy jerome jerry jesse
jessica jesus jill jim jimmy jo joan joann joanne joe joel john johnny jon jonathan jordan
jorge jose joseph josephine josh joshua joy joyce juan juanita judith judy julia julian
julie june justin kara karen kari karl kate katherine kathleen kathryn kathy katie katrina
kay kayla keith kelly ken kenneth kent kerry kevin kim kimberly kirk kristen kristin
kristina kurt kyle lance larry laura lauren laurie lawrence leah lee leon leona leonard
leroy leslie lester lewis lillian lily linda lindsay lindsey lisa liz lloyd logan lois
lonnie loretta lori lorraine louis louise lucas lucille lucy luis luke lydia lynn mabel
madison mae maggie malcolm mandy marc marcia marcus margaret margie maria marian marie
marilyn marion marjorie mark marlene marsha marshall martha martin marvin mary mason
matthew maureen max maxine megan melanie melinda melissa melvin meredith michael michele
michelle miguel mike mildred milton mindy miranda miriam misty mitchell molly monica
morris myrtle nancy naomi natalie nathan nathaniel neil nellie nicholas nicole nina noah
nora norma norman olga olive oliver olivia oscar pam pamela pat patricia patrick patsy paul
paula pauline pearl peggy penny perry pete peter philip phillip phyllis priscilla rachel
ralph ramon randall randy ray raymond rebecca regina renee rhonda ricardo richard rick
ricky rita rob robert roberta robin rodney roger roland ron ronald ronnie rosa rose
rosemary ross roy ruby russell ruth ryan sabrina sally sam samantha samuel sandra sandy
sara sarah scott sean seth shannon sharon shawn sheila shelby shelley sherri sherry
shirley sidney sophia stacey stacy stanley stella stephanie stephen steve steven sue susan
suzanne sylvia tamara tammy tanya tara ted teresa terri terry thelma theodore theresa
thomas tiffany tim timothy tina todd tom tommy toni tony tracey traci tracy travis troy
tyler valerie vanessa vera keisha latoya aaliyah jamal darnell tyrone malik imani
ebony shanice deshawn jalen hiroshi yuki kenji akira takeshi haruto yumi mei wei li
ming dmitri ivan olga natasha sergei vladimir igor svetlana anya kwame kofi ama
emeka chidi ngozi tunde fatima aisha omar ahmed mohammed yusuf hassan ali layla
mariam sofia mateo santiago diego valentina camila lucia alejandro javier vernon veronica vicki vickie victor victoria vincent viola
violet virginia vivian wade walter wanda warren wayne wendell wendy wesley willard william
willie wilma winifred yolanda yvonne zachary zoe
`;

export const WESTERN_SURNAMES = `
abbott abernathy acosta adams adkins aguilar alexander allen alvarez anderson andrews
armstrong arnold atkins austin bailey baker baldwin ball banks barber barker barnes barnett
barrett barton bates baxter beck becker bell bennett benson berry bishop black blair blake
boyd bradley brady brennan brewer brooks brown bryant burke burns burton bush butler byrd
caldwell campbell carlson carpenter carr carroll carter casey castillo castro chambers
chandler chapman chavez chen clark clarke cohen cole coleman collins conner cook cooper
cortez cox craig crawford cross cruz cunningham curtis daniels davidson davis dawson day
dean delgado diaz dixon dominguez douglas doyle duncan dunn edwards elliott ellis evans
farmer ferguson fernandez fields fischer fisher fitzgerald fleming fletcher flores flynn
ford foster fowler fox francis franklin frazier freeman fuller garcia gardner garrett
garza gibson gilbert gomez gonzales gonzalez goodman gordon graham grant graves gray green
greene gregory griffin gross guerrero gutierrez hale hall hamilton hammond hansen hanson
hardy harper harrington harris harrison hart harvey hawkins hayes henderson henry
hernandez herrera hicks hill hoffman holland holmes holt hopkins horton howard howell
hudson hughes hunt hunter jackson jacobs james jenkins jennings jensen jimenez johnson
johnston jones jordan kaiser keller kelley kelly kennedy kim king klein knight kowalczyk
kozicki lambert lane larson lawrence lawson lee lewis lindsey little lopez lowe lucas lynch
mack maldonado mann marshall martin martinez mason matthews maxwell may mccarthy mccoy
mcdonald mckinney medina mendez mendoza meyer miller mills mitchell montgomery moore
morales moreno morgan morris morrison moss murphy murray myers nelson newman newton nguyen
nichols nicholson nixon norris norton obrien oconnor oliver olsen olson ortiz owens palmer
parker parks patel patterson payne pearson pena perez perkins perry peters peterson
phillips pierce porter powell powers price quinn ramirez ramos ramsey ray reed reese reeves
reid reyes reynolds rhodes rice richards richardson riley rivera roberts robertson robinson
rodgers rodriguez rogers romero rose ross ruiz russell ryan salazar sanchez sanders
sandoval santiago santos schmidt schneider schultz scott shaw shelton simmons simpson sims
smith snyder soto spencer stanley steele stephens stevens stewart stone sullivan sutton
swanson taylor terry thomas thompson thornton torres tran tucker turner tyler vargas
vasquez vaughn vega wagner walker wallace walsh walters wang ward warner warren washington
watkins watson watts weaver webb weber welch wells west wheeler white whitney wilkins
williams williamson willis wilson wolf wong wood woods wright wu yang young zimmerman yilmaz mensah adeyemi okafor nakamura tanaka suzuki sato
watanabe ito kobayashi novak lindgren dubois kowalski nowak ivanov petrov smirnov
navarro molina delacruz rosario ochoa okonkwo
`;
