/**
 * Small word lists written for Credence's entity recogniser (not taken from any dataset or library):
 * cues a news reader knows without reading a corpus. Each is a set of lower-cased single words; a
 * multi-word name contributes each of its words. They are features, never rules: the model learns
 * how far to trust each list.
 */

const words = (s: string): string[] => s.trim().split(/\s+/);

/** Titles and honorifics that come before a person's name. */
const TITLES = words(`
mr mr. mrs mrs. ms ms. miss dr dr. prof prof. professor sir dame lord lady rev rev. reverend father sister brother
president vice-president chairman chairwoman chair ceo cfo founder director secretary minister premier chancellor
senator sen sen. rep rep. representative congressman congresswoman governor gov gov. mayor judge justice attorney
general gen gen. colonel col col. lieutenant lt lt. major maj maj. captain capt capt. sergeant sgt sgt. commander
admiral adm adm. corporal private officer detective inspector sheriff deputy ambassador king queen prince princess
duke duchess emperor pope cardinal bishop archbishop rabbi imam sheikh ayatollah pastor coach spokesman spokeswoman
spokesperson actress actor singer rapper star model designer author writer journalist reporter correspondent
analyst economist scientist researcher doctor nurse lawyer candidate nominee leader
`);

/** Common given names (a few hundred across English-speaking news and beyond). */
const FIRST_NAMES = words(`
james john robert michael william david richard joseph thomas charles christopher daniel matthew anthony mark
donald steven paul andrew joshua kenneth kevin brian george timothy ronald edward jason jeffrey ryan jacob gary
nicholas eric jonathan stephen larry justin scott brandon benjamin samuel gregory alexander frank patrick raymond
jack dennis jerry tyler aaron jose adam nathan henry douglas zachary peter kyle ethan walter noah jeremy christian
keith roger terry gerald harold sean austin carl arthur lawrence dylan jesse jordan bryan billy joe bruce gabriel
logan albert willie alan juan wayne elijah randy roy vincent ralph eugene russell bobby mason philip louis bill
mike tom jim bob dan steve chris tony ted newt mitt rand marco bernie hillary barack joe kamala nancy chuck mitch
ron rudy rex elon jeff tim sundar satya vladimir xi kim angela emmanuel boris theresa justin narendra recep benjamin
mary patricia jennifer linda elizabeth barbara susan jessica sarah karen nancy lisa betty margaret sandra ashley
kimberly emily donna michelle dorothy carol amanda melissa deborah stephanie rebecca sharon laura cynthia kathleen
amy shirley angela helen anna brenda pamela nicole emma samantha katherine christine debra rachel catherine carolyn
janet ruth maria heather diane virginia julie joyce victoria olivia kelly christina lauren joan evelyn judith
megan cheryl andrea hannah martha jacqueline frances gloria ann teresa kathryn sara janice jean alice madison doris
abigail julia judy grace denise amber marilyn beverly danielle theresa sophia marie diana brittany natalie isabella
charlotte rose alexis kayla taylor kim kate katie jane jen jenny beyonce rihanna selena miley ariana kylie kendall
khloe kourtney kris caitlyn meghan harry william kanye justin brad angelina jennifer gwyneth blake ryan
ahmed mohammed muhammad ali hassan hussein omar abdul ibrahim yusuf mustafa khalid tariq fatima aisha mahmoud
carlos luis miguel jorge pedro manuel francisco antonio javier alejandro pablo diego rafael sergio fernando
ivan dmitry sergei alexei mikhail nikolai olga natalia tatiana igor andrei yuri viktor
wei li zhang wang chen liu yang hiroshi takeshi yuki kenji shinzo raj rahul priya amit sanjay vijay
pierre jean francois michel jacques marie sophie hans klaus jurgen wolfgang giuseppe giovanni marco luca
`);

/** Words that end (or start) organisation names. */
const ORG_WORDS = words(`
inc inc. corp corp. co co. ltd ltd. llc plc gmbh ag sa company companies corporation group holdings partners
bank banks fund foundation institute institution university college school academy association society council
committee commission agency administration authority bureau department dept dept. ministry office service services
party union league federation alliance coalition organisation organization network networks news times post
journal herald tribune gazette press magazine radio television tv channel broadcasting studios records airlines
airways motors industries technologies systems labs laboratories pharmaceuticals hospital clinic center centre
church court congress senate parliament assembly government army navy police force forces guard command club
team fc united
`);

/** Words that name or end place names, and words that come before a place. */
const PLACE_WORDS = words(`
city town village county province state states republic kingdom island islands river lake mountain mountains
valley bay gulf sea ocean coast street avenue road square park district region north south east west northern
southern eastern western capital
`);

/** Countries, US states, and large or often-named cities and regions (each word of each name). */
const PLACES = words(`
afghanistan albania algeria andorra angola argentina armenia australia austria azerbaijan bahamas bahrain
bangladesh barbados belarus belgium belize benin bhutan bolivia bosnia herzegovina botswana brazil brunei
bulgaria burkina faso burundi cambodia cameroon canada chad chile china colombia comoros congo croatia cuba
cyprus czech czechia denmark djibouti dominica ecuador egypt salvador eritrea estonia eswatini ethiopia fiji
finland france gabon gambia georgia germany ghana greece grenada guatemala guinea guyana haiti honduras hungary
iceland india indonesia iran iraq ireland israel italy jamaica japan jordan kazakhstan kenya kiribati korea
kosovo kuwait kyrgyzstan laos latvia lebanon lesotho liberia libya liechtenstein lithuania luxembourg madagascar
malawi malaysia maldives mali malta mauritania mauritius mexico micronesia moldova monaco mongolia montenegro
morocco mozambique myanmar burma namibia nauru nepal netherlands holland zealand nicaragua niger nigeria
macedonia norway oman pakistan palau palestine panama papua paraguay peru philippines poland portugal qatar
romania russia rwanda samoa marino arabia senegal serbia seychelles sierra leone singapore slovakia slovenia
somalia sudan spain lanka suriname sweden switzerland syria taiwan tajikistan tanzania thailand togo tonga
trinidad tobago tunisia turkey turkmenistan tuvalu uganda ukraine emirates uae uk britain england scotland wales
usa america uruguay uzbekistan vanuatu vatican venezuela vietnam yemen zambia zimbabwe crimea gaza kurdistan
europe asia africa antarctica oceania caribbean balkans scandinavia
alabama alaska arizona arkansas california colorado connecticut delaware florida hawaii idaho illinois indiana
iowa kansas kentucky louisiana maine maryland massachusetts michigan minnesota mississippi missouri montana
nebraska nevada hampshire jersey mexico york carolina dakota ohio oklahoma oregon pennsylvania rhode tennessee
texas utah vermont virginia washington wisconsin wyoming
london paris berlin moscow beijing tokyo delhi mumbai shanghai sydney melbourne toronto montreal vancouver
chicago boston houston dallas phoenix philadelphia atlanta miami seattle denver detroit baltimore orleans vegas
angeles francisco diego brooklyn manhattan queens bronx hollywood beverly malibu oakland portland austin
nashville memphis cleveland pittsburgh cincinnati orlando tampa sacramento albuquerque honolulu anchorage
madrid barcelona rome milan naples vienna prague warsaw budapest athens istanbul ankara tehran baghdad damascus
beirut jerusalem tel aviv cairo riyadh dubai doha kabul islamabad karachi lahore dhaka kathmandu bangkok hanoi
manila jakarta seoul pyongyang taipei hong kong singapore kyiv kiev minsk brussels amsterdam geneva zurich
dublin edinburgh glasgow manchester liverpool birmingham lisbon stockholm oslo copenhagen helsinki nairobi
lagos johannesburg pretoria havana caracas bogota lima santiago buenos aires rio janeiro paulo brasilia ottawa
wuhan hubei aleppo mosul raqqa benghazi tripoli sinai donetsk luhansk sevastopol dushanbe tashkent kabul
`);

/** Nationalities, demonyms and religions: CoNLL's MISC. */
const NATIONALITIES = words(`
american americans british english scottish welsh irish french german germans italian spanish portuguese dutch
belgian swiss austrian swedish norwegian danish finnish polish russian russians ukrainian belarusian czech
hungarian romanian bulgarian greek turkish turks kurdish kurds armenian georgian iranian iranians iraqi iraqis
syrian syrians lebanese israeli israelis palestinian palestinians jordanian egyptian egyptians saudi saudis
yemeni libyan tunisian algerian moroccan nigerian kenyan ethiopian somali sudanese african africans south
chinese japanese korean koreans vietnamese thai indian indians pakistani pakistanis afghan afghans bangladeshi
indonesian filipino malaysian australian australians canadian canadians mexican mexicans brazilian argentine
colombian venezuelan cuban chilean peruvian european europeans asian asians arab arabs latino latina hispanic
muslim muslims islamic christian christians catholic catholics jewish jews jew hindu buddhist sunni shia shiite
democrat democrats democratic republican republicans gop western soviet
`);

/** Words that are capitalised in news yet are almost never a name by themselves. */
const NOT_NAMES = words(`
january february march april may june july august september october november december
monday tuesday wednesday thursday friday saturday sunday jan jan. feb feb. mar mar. apr apr. jun jun. jul jul.
aug aug. sep sep. sept sept. oct oct. nov nov. dec dec. i
`);

export const enum ListFlag {
  Title = 1,
  FirstName = 2,
  OrgWord = 4,
  PlaceWord = 8,
  Place = 16,
  Nationality = 32,
  NotName = 64,
}

let table: Map<string, number> | undefined;

/** The list flags of a lower-cased word (0 when it is in none). */
export function listFlags(form: string): number {
  if (table === undefined) {
    table = new Map();
    const add = (list: string[], flag: number): void => {
      for (const w of list) table!.set(w, (table!.get(w) ?? 0) | flag);
    };
    add(TITLES, ListFlag.Title);
    add(FIRST_NAMES, ListFlag.FirstName);
    add(ORG_WORDS, ListFlag.OrgWord);
    add(PLACE_WORDS, ListFlag.PlaceWord);
    add(PLACES, ListFlag.Place);
    add(NATIONALITIES, ListFlag.Nationality);
    add(NOT_NAMES, ListFlag.NotName);
  }
  return table.get(form) ?? 0;
}
