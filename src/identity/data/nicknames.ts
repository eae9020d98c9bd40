// Written for idic as a list of facts of common usage (English given names and their familiar
// forms, with common German, French, Spanish, Italian and Dutch equivalents). Each line is one
// group: the canonical name first, then names that commonly stand for it. A name may belong to
// several groups (al → albert, alan, alexander, alfred).

/** Nickname groups, one per line: canonical name, then its familiar forms and spelling variants. */
export const NICKNAME_GROUPS_TEXT = `
aaron ron ronnie
abigail abby abbie gail nabby
abraham abe bram
adam ad addy
adelaide addie adele ada heidi
adrian adrien ade
agatha aggie
agnes aggie nessa nessie
albert al bert bertie albie
alan al allan allen alun
alexander alex al alec alek sandy xander lex sasha alejandro alessandro sandro alasdair alistair
alexandra alex alexa sandra sandy lexi sasha alessandra
alfred al alf alfie fred freddie freddy
alice allie ally alicia alison allison
amanda mandy manda
amelia amy milly millie emilia
andrew andy drew andre andreas andres andrea
angela angie angelina
ann anne anna annie nan nancy nanny hanna hannah anita
anthony tony anton antonio toni
antoinette toni netta
archibald archie archy
arnold arnie
arthur art artie
augustus gus augustine austin
barbara barb barbie babs bab
barnabas barney barnaby
bartholomew bart bartle barty
beatrice bea bee trixie beatrix
benedict ben benny bennett
benjamin ben benny benji jamie
bernard bernie barney
bertram bert bertie
beverly bev
bradley brad
brian bryan bri
bridget biddy bridie brigid brigitte gitte
caroline carol carrie lina caro carolyn charlotte
catherine cathy kate katie kathy kay kit kitty cat cate katherine kathryn katharina
cecilia cissy cissie celia cecily
charles charlie chuck chas chaz chip carl karl carlos carlo
charlotte lottie lotte charlie tottie
christian chris kit christiaan
christina chris chrissie tina kirsten kristina christine kristin
christopher chris kit topher kris cristobal christoph
clarence clare clarry
clifford cliff
constance connie
cornelius neil connie cornelis kees
cynthia cindy
daniel dan danny dani
david dave davy davie dai
deborah debbie deb debra
dennis denny denis
diana di diane dianne
dominic dom nick
donald don donnie
dorothy dot dottie dolly dora
douglas doug
edgar ed eddie ned
edmund ed eddie ned ted edmond
edward ed eddie ned ted teddy ward eduardo edouard
edwin ed eddie ned
eleanor ellie nell nellie nora elinor eleanora
elizabeth liz lizzie beth betty bess bessie betsy eliza libby elsie lisa liza elise elisabeth isabel isabella ilse lisbeth
ellen nell nellie ella elle
emily em emmy millie emilie emilia
emma em emmy
ernest ernie ernst
esther essie hetty
eugene gene
eugenia gene jenny genie
evelyn eve evie
ezekiel zeke
florence flo florrie flossie
frances fran fanny frankie francie francesca francoise
francis frank frankie fran francisco paco pancho franz francois francesco
frederick fred freddie freddy fritz rick fredrick friedrich federico
gabriel gabe gabby gavril
gabrielle gabby gaby gabriela
geoffrey geoff jeff jeffrey
george georgie geo jorge georg giorgio
georgina georgie gina
gerald gerry jerry
geraldine gerry jerry dina
gertrude gertie trudy trudi
gilbert gil bert
gregory greg
gwendolyn gwen wendy
harold harry hal
harriet hattie hatty harry
helen nell nellie lena ellen helena elena
henrietta etta hetty henny
henry harry hank hal hendrik heinrich enrique enrico henri heinz
herbert herb bert
hubert hugh bert
hugh hughie hugo
humphrey humph
ignatius iggy ignacio
isaac ike zac
isabella isabel bella izzy isa belle ishbel
isadora izzy dora
jacob jake jack jakob jacques jaime
jacqueline jackie jacqui
james jim jimmy jamie jem jas
jane jenny jennie janie janet jean jan jana
janet jan jenny nettie
jeffrey jeff geoff
jennifer jen jenny jenn
jeremiah jerry jeremy
jeremy jerry jez
jerome jerry
jessica jess jessie
joan joanie jo
joanna jo joanne jojo johanna
john jack johnny jon jonny johann johannes hans jan
jonathan jon jonny nathan john
joseph joe joey jo jos josef sepp jose pepe giuseppe beppe peppe
josephine jo josie fifi pepita
joshua josh
judith judy jude
julia julie jules
julian jules julius
katherine kathy kate katie kay kit kitty
kenneth ken kenny
kimberly kim kimmy
laurence larry laurie lawrence lorenzo
leonard leo len lenny leon
leslie les
lillian lil lily lilly
linda lindy lin
lorraine lori laurie
louis lou louie lewis luis luigi ludwig lutz
louise lou lulu louisa luisa
lucy lu lucia luce lucinda
magdalena maggie lena magda madeleine madeline maddie
margaret maggie meg peggy marge margie madge daisy greta gretchen maisie margarita margot rita
marjorie marge margie
martha marty patty mattie
martin marty
mary molly polly mae mamie maria marie mimi
matilda tilly tillie maud mattie
matthew matt matty mathias matthias mateo matteo
maximilian max maxi
melissa mel missy lissa
michael mike mikey mick micky mitch michel miguel michele mikhail
michelle shelly michele
mildred millie milly
mitchell mitch
montgomery monty
nathaniel nate nat nathan
nicholas nick nicky nico nikolaus klaus niklas nicolas
nicole nicky nikki
norman norm
oliver ollie noll
olivia liv livvy ollie
oswald ozzie ozzy oz
patricia pat patty patsy trish tricia
patrick pat paddy rick patricio
paul paulie pablo paolo
pamela pam
penelope penny nell
peter pete pierre pedro pietro piet
philip phil pip felipe filippo philipp
phyllis phil
priscilla prissy cilla
prudence prue prudy
rachel rae shelly
randolph randy
raphael rafe rafael
raymond ray
rebecca becky becca beck reba
regina gina reggie
reginald reg reggie rex
richard dick rick ricky rich richie ricardo riccardo
robert bob bobby rob robbie bert bertie roberto
roberta bobbie robbie bertie
rodney rod
roger rodge hodge
ronald ron ronnie
rosalind rosa roz rosie
rose rosie rosa
rosemary rosie rose
rudolph rudy rolf rudolf
russell russ
samantha sam sammy
samuel sam sammy
sandra sandy
sarah sally sadie sara
sebastian seb bastian
solomon sol
sophia sophie sofia
stanley stan
stephanie steph stevie
stephen steve stevie steven esteban stefan stefano etienne
stuart stu stewart
susan sue susie suzy susanna suzanne
sylvester sly syl
teresa tess tessa terry tracy theresa
terence terry
theodore ted teddy theo
thomas tom tommy thom tomas tommaso
timothy tim timmy
tobias toby
ulysses lyss
valentine val
valerie val
veronica ronnie vera
victor vic
victoria vicky tori vic
vincent vince vinny vin
virginia ginny ginger
walter walt wally
wilfred wilf fred
wilhelmina mina minnie willa billie
william bill billy will willy liam wim willem wilhelm guillermo guglielmo guillaume willi
winifred winnie freda
zachary zach zack zak
zebedee zeb
adolph dolph ad
alberta bertie allie
alfreda freda alfie
alonzo lon lonnie
alphonse al alfonso fonzie
alvin al
ambrose brose
anastasia stacy stacey tasia
andrea andie
angus gus
annabelle annie belle bella
arabella bella belle
augusta gussie aggie
bernadette bernie detta
bertha bertie
calvin cal
camilla milly cammie
cassandra cassie sandy
clara clare
clement clem
cyrus cy
delbert del bert
dolores dolly lola dee
dorothea dora dot thea
ebenezer eb eben
edith edie
elbert bert
elias eli
elijah eli lige
ephraim eph
euphemia effie phemie
ferdinand ferdie fred
gideon gid
gordon gordy
gustave gus
hannah annie nan
harvey harv
horace horry
irene rena
isidore izzy
jedediah jed
jemima mima jem
joachim achim jo
josiah joe si
keziah kizzie kezzie
lavinia vina
lemuel lem
leonora nora lenora
leopold leo poldi
levi lev
loretta etta lorrie retta
lucas luke
lucinda cindy lucy
mark marc marcus
marvin marv
maxwell max
melvin mel
mervyn merv
mortimer mort morty
moses mo moe
nelson nels
newton newt
obadiah obie
octavia tavia
olive ollie liv
percival percy
philippa pippa pip
reuben rube
roland rollo
rosalie rosie
rufus ruf
sherman sherm
sidney sid
silas si
simeon sim
sybil sib
tabitha tabby
thaddeus tad
theophilus theo
vernon vern
wesley wes
wilbur wil
winston win winnie
wolfgang wolf
woodrow woody
zachariah zach zak
zebulon zeb
`;
