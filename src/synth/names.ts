/**
 * Name tables of the generator. Written for idic from common knowledge of naming customs: the
 * frequencies are rough shapes (a few very common family names, a long tail), not census figures.
 */

/** A Latin-script given name with its gender and common nicknames. */
export interface GivenName {
  readonly name: string;
  readonly gender: "female" | "male";
  readonly nicknames: readonly string[];
}

const g = (gender: "female" | "male", list: string): GivenName[] =>
  list.split(";").map((entry) => {
    const [name = "", nicks = ""] = entry.trim().split(":");
    return { name, gender, nicknames: nicks ? nicks.split(",") : [] };
  });

/** Latin given names; about half carry the nicknames people use for themselves on forms. */
export const GIVEN_NAMES: readonly GivenName[] = [
  ...g(
    "male",
    "Robert:Bob,Rob,Bobby;William:Bill,Will,Billy;James:Jim,Jimmy,Jamie;John:Jack,Johnny;Michael:Mike,Mick;Richard:Rick,Dick,Rich;" +
      "Thomas:Tom,Tommy;Charles:Charlie,Chuck;Joseph:Joe,Joey;Daniel:Dan,Danny;Christopher:Chris,Kit;Matthew:Matt;Anthony:Tony;" +
      "Edward:Ed,Ted,Eddie;Alexander:Alex,Sandy;Benjamin:Ben,Benny;Samuel:Sam,Sammy;Nicholas:Nick,Nicky;Jonathan:Jon,Jonny;" +
      "Stephen:Steve;Andrew:Andy,Drew;Peter:Pete;David:Dave,Davy;Timothy:Tim;Gregory:Greg;Kenneth:Ken,Kenny;Ronald:Ron,Ronnie;" +
      "Donald:Don;Lawrence:Larry;Theodore:Theo,Ted;Frederick:Fred,Freddie;Henry:Harry,Hal;Patrick:Pat,Paddy;Philip:Phil;" +
      "Raymond:Ray;Gerald:Gerry;Francis:Frank;Oliver:Ollie;Harold:Harry;Leonard:Len,Leo;Vincent:Vince;Douglas:Doug;" +
      "Jacob:Jake;Zachary:Zach;Nathaniel:Nate,Nathan;Maximilian:Max;Johannes:Hans;Wolfgang:Wolf;Friedrich:Fritz;Giuseppe:Beppe;" +
      "Francesco:Cesco;Alejandro:Alex;Lucas;Noah;Oscar;Leo;Arthur;George;Harry;Jack;Jacob;Mohammed;Ali;Omar;Arjun;Rahul;Luca;" +
      "Mateo;Hugo;Louis;Pierre;Jan;Lukas;Felix;Jonas;Paul;Marco;Pablo;Sebastian;Adam;Ryan;Kevin;Brian;Sean;Liam;Connor;Ethan",
  ),
  ...g(
    "female",
    "Elizabeth:Liz,Beth,Betty,Lizzie;Margaret:Maggie,Peggy,Meg;Katherine:Kate,Kathy,Katie;Catherine:Cathy,Kate;Patricia:Pat,Patty,Trish;" +
      "Jennifer:Jen,Jenny;Susan:Sue,Susie;Deborah:Debbie,Deb;Rebecca:Becky,Becca;Victoria:Vicky,Tori;Alexandra:Alex,Sasha;" +
      "Jessica:Jess,Jessie;Samantha:Sam;Christine:Chris,Tina;Barbara:Barb,Babs;Dorothy:Dot,Dotty;Eleanor:Ellie,Nell;" +
      "Abigail:Abby;Josephine:Jo,Josie;Jacqueline:Jackie;Kimberly:Kim;Stephanie:Steph;Valerie:Val;Theresa:Tess,Terri;" +
      "Caroline:Carrie;Charlotte:Lottie,Charlie;Frances:Fran;Gabrielle:Gabby;Natalie:Nat;Penelope:Penny;Amanda:Mandy;" +
      "Cynthia:Cindy;Judith:Judy;Pamela:Pam;Sandra:Sandy;Louise:Lou;Helen:Nell;Anne:Annie;Mary:Molly,Polly;" +
      "Emma;Olivia;Sophie;Amelia;Isla;Ava;Mia;Grace;Lily;Hannah;Laura;Sarah;Rachel;Emily;Chloe;Lucy;Anna;Maria;Sofia;Julia;" +
      "Lena;Clara;Marie;Camille;Chiara;Giulia;Lucia;Carmen;Fatima;Aisha;Priya;Ananya;Zoe;Megan;Niamh;Siobhan;Claire;Fiona",
  ),
];

/** A family name with a relative frequency. */
export interface FamilyName {
  readonly name: string;
  readonly weight: number;
  /** The spelling without diacritics people type on keyboards without them, when it differs. */
  readonly plain?: string;
}

const FAMILY_LIST =
  "Smith;Jones;Williams;Brown;Taylor;Davies;Evans;Wilson;Thomas;Johnson;Roberts;Robinson;Thompson;Wright;Walker;White;Edwards;" +
  "Hughes;Green;Hall;Lewis;Harris;Clarke;Patel;Jackson;Wood;Turner;Martin;Cooper;Hill;Ward;Morris;Moore;Clark;Lee;King;Baker;" +
  "Harrison;Morgan;Allen;James;Scott;Phillips;Watson;Davis;Parker;Price;Bennett;Young;Griffiths;Mitchell;Kelly;Cook;Carter;" +
  "Richardson;Bailey;Collins;Bell;Shaw;Murphy;Miller;Cox;Richards;Khan;Marshall;Anderson;Simpson;Ellis;Adams;Singh;Begum;" +
  "Wilkinson;Foster;Chapman;Powell;Webb;Rogers;Gray;Mason;Ali;Hunt;Hussain;Campbell;Matthews;Owen;Palmer;Holmes;Mills;Barnes;" +
  "Knight;Lloyd;Butler;Russell;Barker;Fisher;Stevens;Jenkins;Murray;Dixon;Harvey;Graham;Pearson;Ahmed;Fletcher;Walsh;Kaur;" +
  "Gibson;Howard;Andrews;Stewart;Elliott;Reynolds;Saunders;Payne;Fox;Ford;Pearce;Day;Brooks;West;Lawrence;Cole;Atkinson;" +
  "Bradley;Spencer;Gill;Dawson;Ball;Burton;O'Brien;Watts;Rose;Booth;Perry;Ryan;Grant;Wells;Armstrong;Francis;Rees;Hayes;Hart;" +
  "Hudson;Newman;Barrett;Webster;Hunter;Gregory;Carr;Lowe;Page;Marsh;Riley;Dunn;Woods;Parsons;Berry;Stone;Reid;Holland;" +
  "Hawkins;Harding;Porter;Robertson;Newton;O'Neil;MacDonald;McCarthy;Fitzgerald;Van der Berg;De Jong;Kowalski;Nowak;Novak;" +
  "Schmidt;Schneider;Fischer;Weber;Meyer;Wagner;Becker;Schulz;Hoffmann;Koch;Richter;Klein;Wolf;Neumann;Schwarz;Zimmermann;" +
  "Rossi;Russo;Ferrari;Esposito;Bianchi;Romano;Colombo;Ricci;Dubois;Moreau;Laurent;Simon;Michel;Fontaine;Rousseau;Nguyen;Tran;" +
  "Kim;Park;Tanaka;Sato;Suzuki;Garcia;Lopez;Martinez;Sanchez;Perez;Gomez;Diaz;Silva;Santos;Costa;Oliveira;Pereira";
const FAMILY_WITH_DIACRITICS: readonly [string, string][] = [
  ["Müller", "Mueller"],
  ["Schäfer", "Schaefer"],
  ["Köhler", "Koehler"],
  ["Krüger", "Krueger"],
  ["Groß", "Gross"],
  ["García", "Garcia"],
  ["Fernández", "Fernandez"],
  ["González", "Gonzalez"],
  ["Rodríguez", "Rodriguez"],
  ["Martínez", "Martinez"],
  ["Lefèvre", "Lefevre"],
  ["Béranger", "Beranger"],
  ["Novák", "Novak"],
  ["Wójcik", "Wojcik"],
  ["Løvstad", "Lovstad"],
  ["Ó Súilleabháin", "O Suilleabhain"],
];

/** Latin family names, Zipf-weighted so that a match on "Smith" says less than one on "Løvstad". */
export const FAMILY_NAMES: readonly FamilyName[] = [
  ...FAMILY_LIST.split(";").map((name, rank) => ({ name, weight: 1 / Math.pow(rank + 4, 0.9) })),
  ...FAMILY_WITH_DIACRITICS.map(([name, plain], k) => ({ name, plain, weight: 1 / Math.pow(40 + k * 6, 0.9) })),
];

/** A Chinese character (or two-character surname) in both scripts with its pinyin. */
export interface HanName {
  /** Simplified form. */
  readonly simplified: string;
  /** Traditional form (equal to the simplified form for unchanged characters). */
  readonly traditional: string;
  /** Pinyin without tones. */
  readonly pinyin: string;
  readonly weight: number;
}

const han = (list: string): HanName[] =>
  list.split(";").map((entry, rank) => {
    const [simplified = "", traditional = "", pinyin = ""] = entry.split(",");
    return { simplified, traditional: traditional || simplified, pinyin, weight: 1 / Math.pow(rank + 2, 0.8) };
  });

/** Common Chinese surnames (simplified, traditional, pinyin), most common first. */
export const HAN_SURNAMES: readonly HanName[] = han(
  "王,,Wang;李,,Li;张,張,Zhang;刘,劉,Liu;陈,陳,Chen;杨,楊,Yang;黄,黃,Huang;赵,趙,Zhao;吴,吳,Wu;周,,Zhou;徐,,Xu;孙,孫,Sun;" +
    "马,馬,Ma;朱,,Zhu;胡,,Hu;郭,,Guo;何,,He;林,,Lin;罗,羅,Luo;高,,Gao;郑,鄭,Zheng;梁,,Liang;谢,謝,Xie;宋,,Song;唐,,Tang;" +
    "许,許,Xu;邓,鄧,Deng;冯,馮,Feng;韩,韓,Han;曹,,Cao;曾,,Zeng;彭,,Peng;萧,蕭,Xiao;蔡,,Cai;潘,,Pan;田,,Tian;董,,Dong;袁,,Yuan;" +
    "于,,Yu;余,,Yu;叶,葉,Ye;蒋,蔣,Jiang;杜,,Du;苏,蘇,Su;魏,,Wei;程,,Cheng;吕,呂,Lü;丁,,Ding;沈,,Shen;任,,Ren;姚,,Yao;卢,盧,Lu;" +
    "钟,鍾,Zhong;汪,,Wang;欧阳,歐陽,Ouyang;司马,司馬,Sima;诸葛,諸葛,Zhuge",
);

/** Characters common in Chinese given names (simplified, traditional, pinyin). */
export const HAN_GIVEN: readonly HanName[] = han(
  "伟,偉,Wei;芳,,Fang;娜,,Na;敏,,Min;静,靜,Jing;丽,麗,Li;强,強,Qiang;磊,,Lei;军,軍,Jun;洋,,Yang;勇,,Yong;艳,艷,Yan;杰,傑,Jie;" +
    "娟,,Juan;涛,濤,Tao;明,,Ming;超,,Chao;秀,,Xiu;霞,,Xia;平,,Ping;刚,剛,Gang;华,華,Hua;国,國,Guo;红,紅,Hong;文,,Wen;建,,Jian;" +
    "玲,,Ling;龙,龍,Long;飞,飛,Fei;鹏,鵬,Peng;辉,輝,Hui;宁,寧,Ning;东,東,Dong;兰,蘭,Lan;凤,鳳,Feng;燕,,Yan;梅,,Mei;宇,,Yu;" +
    "浩,,Hao;欣,,Xin;怡,,Yi;婷,,Ting;晓,曉,Xiao;嘉,,Jia;俊,,Jun;学,學,Xue;志,,Zhi;佳,,Jia;颖,穎,Ying;慧,,Hui;琳,,Lin;雪,,Xue;" +
    "海,,Hai;波,,Bo;斌,,Bin;鑫,,Xin;婉,,Wan;诗,詩,Shi;晨,,Chen;阳,陽,Yang;子,,Zi;涵,,Han;梓,,Zi;轩,軒,Xuan;书,書,Shu;瑶,瑤,Yao",
);
