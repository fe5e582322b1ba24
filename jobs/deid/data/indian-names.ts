// Common Indian given names and surnames across regions, written for this project from
// general knowledge (no list file was copied). Lowercase, one space between entries;
// `names.ts` turns them into sets.

export const INDIAN_GIVEN_NAMES = `
aarav aarti abhay abhishek aditi aditya ajay ajit akash akhil akshay alka alok amar
amit amita amitabh amol amrita anand ananya anil anita anjali ankit ankita anupam anuradha
anusha aparna archana arjun arun aruna arvind asha ashish ashok ashwin atul avinash ayesha
babita balaji bhagat bharat bhavana bhavna chandra chetan chitra deepa deepak deepika
devendra dev devika dhanraj dharmendra dilip dinesh divya durga ganesh gaurav gautam geeta
geetha girish gita gopal govind gurpreet hari harish harpreet harsh hema hemant imran indira
indu irfan ishaan jagdish jasmeet jaya jayant jitendra jyoti kabir kailash kalpana kamal
kamala kamalam kavita kavya kiran kishore krishna kumar kunal lakshmi lalita lata madhu
madhuri mahesh malini mamta manish manisha manju manoj meena meera mehul mohan mohit mukesh
murali nagesh nalini namita nandini naresh narendra naveen neelam neha nikhil nirmala
nisha nitin nitya pankaj parvati pooja poonam pradeep prakash pramod pranav prasad
prashant praveen preeti prem priya priyanka rachna radha raghav rahul raj rajat rajendra
rajesh rajiv rajni rakesh ram ramesh rani ranjit rashmi ravi rekha ritu rohan rohit
sachin sadhana sameer sandeep sangeeta sanjay sanjeev santosh sarita satish savita seema
shalini shankar shanti sharad sheela shilpa shivani shobha shreya shruti shweta siddharth
smita sneha sonal sonia subhash sudha sudhir suman sumit sunil sunita suresh sushil sushma
swati tanvi tarun tushar uma umesh usha vandana varun vasanthi vijay vikas vikram vinay
vineeta vinod vipin vishal vivek yash yogesh zoya farhan salman sana shabnam nasreen
rukhsana ayaan tanya rupali bindu latha padma revathi saranya karthik senthil murugan
selvi vasant manjunath raghu ramya shashi nagaraj kumari jaspreet manpreet simran
harjit baljit kuldeep amandeep navneet debashish partha sagar megha girija
subhas tapan swapan biswajit indranil sourav arnab anirban moumita sudipta
rituparna tanushree ashwini pallavi snehal prajakta aniket omkar tejas
vaishnavi rupesh santhosh lokesh dhanush keerthi lavanya divakar sridhar
`;

export const INDIAN_SURNAMES = `
agarwal aggarwal ahmed ahuja aiyer alam ansari arora bajaj banerjee bansal basu bhat bhatt
bhattacharya bhatia bose chakraborty chatterjee chaudhary chauhan chawla chopra das dasgupta
desai deshmukh deshpande dhillon dixit dsouza dubey dutta fernandes gandhi ganguly garg
ghosh gill goel goswami gowda gupta hegde iyengar iyer jain jha joshi kamath kapoor kaur
khan khanna kohli krishnan kulkarni kumar lal mathew mathur mehra mehta menon mishra
mohanty mukherjee murthy nair naidu naik nanda narayan pandey pandit parikh patel patil pillai
prasad qureshi rao rathore reddy roy saha sahu saxena sen sengupta sethi shah sharma
shetty shukla siddiqui singh sinha sood srivastava subramanian tandon thakur tiwari
trivedi varma verma yadav sandhu grewal bedi malhotra bhalla kapadia contractor
mistry vakil pawar jadhav shinde more gaikwad chavan salunkhe kale rane sawant naik
pillai nambiar kurup panicker varghese kurian thomas joseph george chacko nayak acharya
hegde shenoy pai kini ranganathan venkatesh raman swamy chettiar pandian nadar
mudaliar gounder thevar reddy choudhury barua bora kalita sarma gogoi
`;
