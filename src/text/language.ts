/**
 * Language detection for news text, written for one question above all: is this article in English
 * (the only language our models read)? Two steps:
 *
 * 1. Script: the letters are counted by Unicode block; the script with the most letters wins. Most
 *    scripts name their language outright (Greek, Hebrew, Hangul, Thai, Georgian, the Indic scripts...);
 *    Han with any kana is Japanese, Han alone Chinese.
 * 2. Within a script shared by several languages (Latin, Cyrillic, Arabic, Devanagari), a vote of
 *    function words: every word found in a language's list of very common words gives that language
 *    1/k, where k is how many of the lists hold the word ("de" is Spanish, French, Portuguese, Dutch,
 *    Romanian... and says little; "the" says English). Letters only some languages use (ñ, ß, ã, ø, ł,
 *    ő, ş, ї, ў, پ, ے...) add a small vote of their own.
 *
 * A foreign quote or foreign names in an English article stay a minority of the function words, so the
 * article stays English. Without evidence (no letters, or a Latin text without a single function word)
 * the answer is 'und'. Only the first MAX_CHARS characters are read.
 *
 * No data files and no dependencies. `detectLanguageOfDoc` reads a Doc's tokens instead of splitting the
 * text again.
 */
import type { Doc } from './doc.js';
import { TokenKind } from './tokens.js';

export interface DetectedLanguage {
  /** ISO 639-1 code, or 'und' when the text gives no evidence. */
  code: string;
  /** English name of the language ('Undetermined' for 'und'). */
  name: string;
  /** 0..1: how far the evidence favours this language over the next, shrunk when there is little of it. */
  confidence: number;
  /** ISO 15924 code of the text's main script ('Latn', 'Cyrl', 'Arab', 'Hani', ...; 'Zyyy' without letters). */
  script: string;
}

/** Characters read from the start of the text (about 700 English words; a 1,000-word article is about 6,000). */
export const MAX_CHARS = 4000;

const NAMES: Record<string, string> = {
  und: 'Undetermined',
  en: 'English', es: 'Spanish', fr: 'French', de: 'German', it: 'Italian', pt: 'Portuguese', nl: 'Dutch',
  sv: 'Swedish', da: 'Danish', no: 'Norwegian', fi: 'Finnish', pl: 'Polish', cs: 'Czech', sk: 'Slovak',
  ro: 'Romanian', hu: 'Hungarian', tr: 'Turkish', id: 'Indonesian', vi: 'Vietnamese', ca: 'Catalan',
  hr: 'Croatian', sl: 'Slovenian', et: 'Estonian', lv: 'Latvian', lt: 'Lithuanian', af: 'Afrikaans',
  tl: 'Tagalog', sw: 'Swahili', sq: 'Albanian',
  ru: 'Russian', uk: 'Ukrainian', bg: 'Bulgarian', sr: 'Serbian', mk: 'Macedonian', be: 'Belarusian',
  ar: 'Arabic', fa: 'Persian', ur: 'Urdu',
  hi: 'Hindi', mr: 'Marathi', ne: 'Nepali',
  el: 'Greek', he: 'Hebrew', zh: 'Chinese', ja: 'Japanese', ko: 'Korean', th: 'Thai', ka: 'Georgian',
  hy: 'Armenian', bn: 'Bengali', pa: 'Punjabi', gu: 'Gujarati', or: 'Odia', ta: 'Tamil', te: 'Telugu',
  kn: 'Kannada', ml: 'Malayalam', si: 'Sinhala', lo: 'Lao', bo: 'Tibetan', my: 'Burmese', am: 'Amharic',
  km: 'Khmer',
};

// ---------------------------------------------------------------------------------------------------
// Scripts

const enum S {
  Latn, Cyrl, Grek, Arab, Hebr, Deva, Beng, Guru, Gujr, Orya, Taml, Telu, Knda, Mlym, Sinh, Thai, Laoo,
  Tibt, Mymr, Geor, Hang, Ethi, Khmr, Armn, Kana, Hani, Count,
}

const SCRIPT_CODES = ['Latn', 'Cyrl', 'Grek', 'Arab', 'Hebr', 'Deva', 'Beng', 'Guru', 'Gujr', 'Orya', 'Taml', 'Telu', 'Knda', 'Mlym', 'Sinh', 'Thai', 'Laoo', 'Tibt', 'Mymr', 'Geor', 'Hang', 'Ethi', 'Khmr', 'Armn', 'Kana', 'Hani'];

/** The language a script names by itself (null: several languages share it). */
const SCRIPT_LANGUAGE: (string | null)[] = [
  null, null, 'el', null, 'he', null, 'bn', 'pa', 'gu', 'or', 'ta', 'te', 'kn', 'ml', 'si', 'th', 'lo',
  'bo', 'my', 'ka', 'ko', 'am', 'km', 'hy', 'ja', 'zh',
];

/** [from, to, script] code-point ranges, letters only. */
const RANGES: [number, number, S][] = [
  [0x41, 0x5a, S.Latn], [0x61, 0x7a, S.Latn], [0xc0, 0x24f, S.Latn], [0x1e00, 0x1eff, S.Latn],
  [0x370, 0x3ff, S.Grek], [0x1f00, 0x1fff, S.Grek],
  [0x400, 0x52f, S.Cyrl],
  [0x531, 0x58f, S.Armn],
  [0x591, 0x5ff, S.Hebr],
  [0x600, 0x6ff, S.Arab], [0x750, 0x77f, S.Arab], [0xfb50, 0xfdff, S.Arab], [0xfe70, 0xfeff, S.Arab],
  [0x900, 0x97f, S.Deva], [0x980, 0x9ff, S.Beng], [0xa00, 0xa7f, S.Guru], [0xa80, 0xaff, S.Gujr],
  [0xb00, 0xb7f, S.Orya], [0xb80, 0xbff, S.Taml], [0xc00, 0xc7f, S.Telu], [0xc80, 0xcff, S.Knda],
  [0xd00, 0xd7f, S.Mlym], [0xd80, 0xdff, S.Sinh], [0xe00, 0xe7f, S.Thai], [0xe80, 0xeff, S.Laoo],
  [0xf00, 0xfff, S.Tibt], [0x1000, 0x109f, S.Mymr], [0x10a0, 0x10ff, S.Geor], [0x1100, 0x11ff, S.Hang],
  [0x1200, 0x137f, S.Ethi], [0x1780, 0x17ff, S.Khmr],
  [0x3040, 0x30ff, S.Kana], [0x31f0, 0x31ff, S.Kana], [0xff66, 0xff9d, S.Kana],
  [0x3130, 0x318f, S.Hang], [0xac00, 0xd7af, S.Hang],
  [0x3400, 0x4dbf, S.Hani], [0x4e00, 0x9fff, S.Hani], [0xf900, 0xfaff, S.Hani],
];

/** Script of every BMP code point (255: not a letter of a known script); built once, 64 KB. */
const SCRIPT_OF = (() => {
  const table = new Uint8Array(0x10000).fill(255);
  for (const [from, to, s] of RANGES) table.fill(s, from, to + 1);
  // Latin-1 punctuation and symbols are not letters.
  for (const c of [0xd7, 0xf7]) table[c] = 255;
  // Arabic digits, punctuation and marks carry no script vote.
  for (let c = 0x660; c <= 0x66d; c++) table[c] = 255;
  table[0x60c] = 255;
  table[0x61b] = 255;
  table[0x61f] = 255;
  return table;
})();

// ---------------------------------------------------------------------------------------------------
// Function words and letters of the languages that share a script

const STOP: Record<string, string> = {
  en: "the a of and to in is was that for on it with as he she by at from his her they have has had be been are were this which said not but their its an or who will would there after about more also than when can could into what up out one we you i if so no all new over just do did them those these because other some only our how may him while most even before where such should being both between any many your my don't didn't it's",
  es: 'el la los las de del y en que a un una es se no por con para su al lo como más pero sus le ya o este esta fue ha han sido porque muy sin sobre también me hasta hay donde quien desde todo nos durante todos uno les ni contra otros ese eso ante ellos e esto mí antes algunos qué unos yo otro otras otra él tanto esa estos mucho quienes nada muchos cual poco ella estar estas algunas algo nosotros dijo según entre cuando está están además',
  pt: 'o a os as de do da dos das e em um uma que é no na nos nas por para com não se ao aos mais como mas foi ele ela seu sua ou ser quando muito há já está eu também só pelo pela até isso entre era depois sem mesmo seus quem nas me esse eles estão você tinha foram essa num nem suas meu às minha têm numa pelos elas havia seja qual será nós tenho lhe deles essas esses pelas este fosse dele são disse segundo ainda sobre',
  fr: "le la les de des du un une et en est que qui dans pour pas sur au aux ce il elle ne se plus par avec son sa ses a été ont mais ou comme on nous vous leur leurs ils elles cette ces tout très sans aussi être avait fait d'un d'une qu'il c'est l'a n'est selon déjà encore après avant entre lors où dont même depuis notre",
  de: 'der die das und in den von zu mit sich des auf für ist im dem nicht ein eine als auch es an werden aus er hat dass sie nach wird bei einer um am sind noch wie einem über einen so zum war haben nur oder aber vor zur bis mehr durch man sein wurde sei ihr seine ihre wenn was diese dieser kann gegen vom schon wir ich uns nicht hatte sagte',
  it: 'il lo la i gli le di del della dei delle e è che un una in per non con si da al alla ai nel nella sono come più ma anche ha hanno su sul sulla questo questa ci era stato stata essere ad cui dopo tra fra se loro suo sua suoi sue mi ne o perché quando già solo degli agli negli dal dalla ha detto secondo',
  nl: 'de het een en van in is dat op te voor met zijn niet aan er om ook als bij of door maar naar hij ze was wordt dan nog worden dit die zo al uit tot over kan hebben na deze geen heeft werd zou we zich tegen wel meer waren veel haar hun ons jaar volgens onder',
  sv: 'och i att det som en på är av för med till den har inte om ett de jag var men så från också efter blev när kan sig vid hade han hon vi ni eller dem detta sina sitt skulle bara nu mot utan hur under år enligt säger sade',
  da: 'og i at det som en på er af for med til den har ikke om et de jeg var men så fra også efter blev når kan sig ved havde han hun vi eller dem dette sine sit skulle kun nu mod uden hvor under år ifølge siger sagde meget noget mig dig hvad være',
  no: 'og i at det som en på er av for med til den har ikke om et de jeg var men så fra også etter ble når kan seg ved hadde han hun vi eller dem dette sine sitt skulle bare nå mot uten hvor under år ifølge sier sa mye noe meg deg hva være',
  fi: 'ja on ei se että oli hän ovat myös kun mutta jo tai joka ole vain sen hänen nyt niin kuin jos sitä mukaan vuonna ovat olisi voi sekä ollut tämä nämä he me te minä sinä kanssa jälkeen sanoi',
  pl: 'i w nie na z się że do to jest jak po o co ale od za przez tak jego jej ich już tylko był była było są dla czy może przy oraz też jednak bardzo który która które ten ta tym tego jako został została według powiedział',
  cs: 'a v se na je že s z do to jako o ale po by jsou pro už jen jeho její jejich který která které tak také byl byla bylo před při podle nebo mezi bude může než aby když jsem není řekl',
  sk: 'a v sa na je že s z do to ako o ale po by sú pre už len jeho jej ich ktorý ktorá ktoré tak tiež bol bola bolo pred pri podľa alebo medzi bude môže než aby keď som nie povedal',
  ro: 'și în de la a cu pe că nu este o un se care din au mai fost pentru ce sunt sau al ai ale lui ei le dar după prin acest această despre până fi va vor avea spus',
  hu: 'a az és hogy nem is egy van meg de csak ez el már volt mint vagy ki be kell még azt minden lesz után szerint által között pedig ha amely aki most nagyon mondta',
  tr: 've bir bu da de için ile çok ne daha gibi o ama en olarak kadar sonra olan var ya mi ki şey ise değil her göre ancak oldu olduğu tarafından dedi yılında',
  id: 'yang dan di dari ini itu dengan untuk tidak ke akan pada dalam juga ada adalah oleh karena atau mereka kami kita saya sudah telah bisa lebih saat tersebut bahwa seperti',
  vi: 'và của là có không được cho các những trong một người với này đã để khi đến từ cũng như về theo nhiều tại sẽ nhưng nói',
  ca: "el la els les de del i a en que un una és per no amb es va al com més però seu seva dels aquest aquesta també ha han ser fa quan perquè on sense entre l'any segons",
  hr: 'i u je na da se za su od s o što ne to kao iz ali koji koja koje bi sa će ili bio bila bilo biti nije samo prema nakon između već jer kada rekao',
  sl: 'in v je na da se za so od s o kar ne to kot iz ali ki bi bo sta ali bil bila bilo biti ni samo po med že ker ko rekel tudi',
  et: 'ja on et ei ta see oli ka kui mis aga nii oma mida siis või veel pärast tema nad ning seda ole üle',
  lv: 'un ir ka no par uz ar ar kā bet to tas tā arī vai viņš viņa tik pēc pie ir bija būs lai',
  lt: 'ir yra kad į su iš ne kaip bet tai jis ji jie taip po per už dėl buvo bus kai',
  af: 'die en van in is het nie te op vir dat met hy sy was word ook aan as om deur maar hulle by na jy ek ons sal kan',
  tl: 'ang ng sa na at mga ay si para hindi ito ni kay siya ko niya mga nang kung pero lamang din',
  sw: 'na ya wa kwa ni katika za la hii kuwa pia cha hiyo yake wao sisi hata baada kama lakini',
  sq: 'dhe në të e i një që për me nga është u se nuk ka janë si por edhe ishte do',
  ru: 'и в не на я что он с как а то все она так его но да ты к у же вы за бы по только ее её мне было вот от меня еще ещё нет о из ему теперь когда даже ну ли если уже или ни быть был него до вас для мы тебя их чем была сам без тоже себе под будет тогда кто этот того потому этого какой совсем здесь этом один почти мой тем чтобы сейчас были можно при после над больше тот через эти нас про всего них много три эту моя свою этой перед том нельзя такой им более всегда между также года это которые который которая заявил',
  uk: 'і в не на я що він з як а то все вона так його але та ти до у же ви за б по тільки її мені було від мене ще немає о йому тепер коли навіть чи якщо вже або ні бути був нього вас для ми тебе їх ніж була сам без це які який яка також року під час після через між україни є може можна щоб де тут там вони їй цього цей ця заявив',
  bg: 'и в не на аз че той с като а то всичко тя така но да ти към у вие за би по само ми беше от мен още няма о из него сега когато дори или ни бъде бил до вас ние тях са се е това които който която също година след през между може има ще бяха заяви',
  sr: 'и у не на ја да он са као а то све она тако али ти код ви за би по само ми је било од мене још нема о из сада када чак или ни бити био до вас тебе њих што се су ће који која које такође године после између може има рекао',
  mk: 'и во не на јас дека тој со како а тоа сè таа така но да ти кон кај вие за би по само ми беше од мене уште нема ние тие се е ќе што која кој кое исто година меѓу може има изјави',
  be: 'і ў не на я што ён з як а то ўсё яна так яго але ты да у вы за б па толькі мне было ад мяне яшчэ няма аб яму цяпер калі нават ці ўжо або ні быць быў гэта якія які яшчэ таксама',
  ar: 'في من على إلى عن مع هذا هذه التي الذي أن إن كان قد لا ما هو هي ثم أو بين كل بعد قبل حتى عند وقد وفي ذلك تلك وأن أنه الى او لم لن كانت وهو وهي التى الذى عام قال',
  fa: 'و در به از که این را با است برای آن یک تا می هم شد بر کرد شده بود نیز ها های اما یا دیگر پس خود ما او آنها هر گفت',
  ur: 'کے میں کی ہے اور سے کو نے کا پر یہ بھی ہیں تھا کہ ایک وہ کر جو تو گیا ہو اس لیے تھے کہا',
  hi: 'का के की है में और से को ने पर यह भी हैं था कि एक वह कर जो तो गया हो इस लिए नहीं किया कहा तक साथ गई थी हुए थे',
  mr: 'आणि आहे या हे की ते व त्या त्यांनी केले होते मध्ये करून नाही आहेत होती हा ही झाले असे म्हणाले',
  ne: 'र छ को मा ले लागि पनि गरेको हो भएको थियो गर्न यो त्यो छन् भने तथा रहेको',
};

/** Letters only some languages of a script use: [letters, languages, vote per occurrence]. */
const LETTERS: [string, string, number][] = [
  ['ñ', 'es', 0.5], ['ã õ', 'pt', 0.5], ['ç', 'pt fr ca tr sq', 0.2], ['ß', 'de', 0.5], ['ä ö ü', 'de sv fi et tr hu', 0.1],
  ['å', 'sv da no', 0.4], ['æ ø', 'da no', 0.5], ['ł ą ę ż ś ć ń ź', 'pl', 0.5], ['ř ě ů', 'cs', 0.6], ['ľ ĺ ŕ ô', 'sk', 0.6],
  ['ő ű', 'hu', 0.6], ['ş ğ ı', 'tr', 0.6], ['ș ț ă', 'ro', 0.6], ['đ', 'hr vi', 0.4], ['ē ī ū ģ ķ ļ ņ', 'lv', 0.5],
  ['ė ų į', 'lt', 0.5], ['õ', 'et', 0.2], ['ơ ư ạ ả ấ ầ ẩ ậ ắ ằ ẳ ặ ẹ ẻ ẽ ế ề ể ễ ệ ỉ ị ọ ỏ ố ồ ổ ỗ ộ ớ ờ ở ỡ ợ ụ ủ ứ ừ ử ữ ự ỳ ỵ ỷ ỹ', 'vi', 0.5],
  ['ë', 'sq nl af', 0.2], ['à è ì ò ù', 'it', 0.15], ['é', 'fr', 0.05], ['ï', 'ca fr nl', 0.1],
  ['ы э ё', 'ru be', 0.5], ['і', 'uk be', 0.5], ['ї є ґ', 'uk', 0.6], ['ў', 'be', 0.8], ['ъ', 'bg', 0.3], ['ђ ћ џ', 'sr', 0.6],
  ['ѓ ќ ѕ', 'mk', 0.6], ['ј љ њ', 'sr mk', 0.4],
  ['پ چ ژ گ', 'fa ur', 0.3], ['ی ک', 'fa ur', 0.1], ['ٹ ڈ ڑ ں ے ھ', 'ur', 0.6], ['ي ك ة', 'ar', 0.1],
];

/** The languages voting within each script shared by several. */
const SCRIPT_LANGUAGES: Partial<Record<S, string[]>> = {
  [S.Latn]: ['en', 'es', 'pt', 'fr', 'de', 'it', 'nl', 'sv', 'da', 'no', 'fi', 'pl', 'cs', 'sk', 'ro', 'hu', 'tr', 'id', 'vi', 'ca', 'hr', 'sl', 'et', 'lv', 'lt', 'af', 'tl', 'sw', 'sq'],
  [S.Cyrl]: ['ru', 'uk', 'bg', 'sr', 'mk', 'be'],
  [S.Arab]: ['ar', 'fa', 'ur'],
  [S.Deva]: ['hi', 'mr', 'ne'],
};

/** What a script shared by several languages says when its words give no evidence. */
const SCRIPT_DEFAULT: Partial<Record<S, string>> = { [S.Cyrl]: 'ru', [S.Arab]: 'ar', [S.Deva]: 'hi' };

const LANGS = Object.keys(STOP);
const LANG_INDEX = new Map(LANGS.map((l, i) => [l, i]));
/** word → [language index, vote] pairs, flattened. */
const WORD_VOTES = new Map<string, number[]>();
for (const [lang, list] of Object.entries(STOP)) {
  for (const w of new Set(list.split(' '))) {
    if (w === '') continue;
    const votes = WORD_VOTES.get(w) ?? [];
    votes.push(LANG_INDEX.get(lang)!, 0);
    WORD_VOTES.set(w, votes);
  }
}
for (const votes of WORD_VOTES.values()) {
  const k = votes.length / 2;
  for (let j = 1; j < votes.length; j += 2) votes[j] = 1 / k;
}
const LETTER_VOTES = new Map<number, number[]>();
for (const [letters, langs, weight] of LETTERS) {
  for (const ch of letters.split(' ')) {
    const votes = LETTER_VOTES.get(ch.charCodeAt(0)) ?? [];
    for (const l of langs.split(' ')) votes.push(LANG_INDEX.get(l)!, weight);
    LETTER_VOTES.set(ch.charCodeAt(0), votes);
  }
}

// ---------------------------------------------------------------------------------------------------

/** The language of a text: see the file's comment. Never throws; '' gives 'und'. */
export function detectLanguage(text: string): DetectedLanguage {
  const end = Math.min(text.length, MAX_CHARS);
  const script = mainScript(text, end);
  if (script.decided !== null) return script.decided;
  const voter = new Voter();
  let i = 0;
  while (i < end) {
    if (!isLetter(text.charCodeAt(i))) {
      i++;
      continue;
    }
    const s = i;
    for (;;) {
      while (i < end && isLetter(text.charCodeAt(i))) i++;
      const c = text.charCodeAt(i);
      if ((c === 39 || c === 0x2019) && i + 1 < end && isLetter(text.charCodeAt(i + 1))) {
        i++;
        continue;
      }
      break;
    }
    voter.word(text, s, i, null);
  }
  return voter.decide(script);
}

/**
 * The language of a Doc's text, read from the Doc's own tokens (no second tokenisation): the same
 * decision as `detectLanguage(doc.text)` up to how the two split words.
 */
export function detectLanguageOfDoc(doc: Doc): DetectedLanguage {
  const { text, tokens } = doc;
  const end = Math.min(text.length, MAX_CHARS);
  const script = mainScript(text, end);
  if (script.decided !== null) return script.decided;
  const voter = new Voter();
  for (let t = 0; t < tokens.length && tokens.start[t]! < end; t++) {
    if (tokens.kind[t] !== TokenKind.Word) continue;
    voter.word(text, tokens.start[t]!, tokens.end[t]!, tokens.norm[t]!);
  }
  return voter.decide(script);
}

interface Script {
  /** The answer when the script alone gives it (or there are no letters). */
  decided: DetectedLanguage | null;
  main: S;
  share: number;
  code: string;
}

function mainScript(text: string, end: number): Script {
  const counts = new Float64Array(S.Count);
  let letters = 0;
  for (let i = 0; i < end; i++) {
    const s = SCRIPT_OF[text.charCodeAt(i)]!;
    if (s !== 255) {
      counts[s]!++;
      letters++;
    }
  }
  if (letters === 0) return { decided: result('und', 0, 'Zyyy'), main: S.Latn, share: 0, code: 'Zyyy' };
  // Japanese writes Han and kana together: both count for Japanese when there is kana at all.
  const kana = counts[S.Kana]!;
  if (kana > 0 && kana >= 0.05 * (kana + counts[S.Hani]!)) {
    counts[S.Kana] = kana + counts[S.Hani]!;
    counts[S.Hani] = 0;
  }
  let main = 0;
  for (let s = 1; s < S.Count; s++) if (counts[s]! > counts[main]!) main = s;
  const share = counts[main]! / letters;
  const code = main === S.Kana ? 'Jpan' : main === S.Hang ? 'Kore' : SCRIPT_CODES[main]!;
  const single = SCRIPT_LANGUAGE[main];
  return { decided: single !== null && single !== undefined ? result(single, share, code) : null, main, share, code };
}

/** The function-word and letter vote within a script shared by several languages. */
class Voter {
  private readonly scores = new Float64Array(LANGS.length);
  private hits = 0;

  /** One word, text[s, e); `lower` is its lower-cased form when the caller has it. */
  word(text: string, s: number, e: number, lower: string | null): void {
    // A capitalised word inside a sentence is most likely a name ("São Paulo", "Peña", "Łódź"): it says
    // where a person or place is from, not what language the text is in. At a sentence's start it is a
    // name when the next word is capitalised too ("São Paulo mayor..."). Its letters never vote.
    const capitalised = isUpperCode(text.charCodeAt(s)) && !allUpper(text, s, e);
    if (capitalised && (!sentenceInitial(text, s) || nextIsCapitalised(text, e))) return;
    let form = lower ?? text.slice(s, e).toLowerCase();
    if (lower === null && form.includes('’')) form = form.replace(/’/g, "'");
    const votes = WORD_VOTES.get(form);
    const scores = this.scores;
    if (votes !== undefined) {
      this.hits++;
      for (let j = 0; j < votes.length; j += 2) scores[votes[j]!]! += votes[j + 1]!;
    }
    if (capitalised) return;
    for (let i = 0; i < form.length; i++) {
      const c = form.charCodeAt(i);
      if (c < 0xc0) continue;
      const letterVotes = LETTER_VOTES.get(c);
      if (letterVotes === undefined) continue;
      for (let j = 0; j < letterVotes.length; j += 2) scores[letterVotes[j]!]! += letterVotes[j + 1]!;
    }
  }

  decide(script: Script): DetectedLanguage {
    const { main, share, code } = script;
    const scores = this.scores;
    let best = -1;
    let second = 0;
    for (const l of SCRIPT_LANGUAGES[main]!) {
      const k = LANG_INDEX.get(l)!;
      const v = scores[k]!;
      if (best === -1 || v > scores[best]!) {
        if (best !== -1) second = Math.max(second, scores[best]!);
        best = k;
      } else second = Math.max(second, v);
    }
    const top = scores[best]!;
    // Without a single function word, letters alone must say it more than once or twice.
    if (top === 0 || (this.hits === 0 && top < 1)) {
      const fallback = SCRIPT_DEFAULT[main];
      return fallback === undefined ? result('und', 0, code) : result(fallback, 0.3 * share, code);
    }
    // The margin over the runner-up, shrunk when there are few votes at all (one "the" is weak evidence).
    const confidence = (top / (top + second)) * (1 - Math.exp(-top / 2)) * share;
    return result(LANGS[best]!, confidence, code);
  }
}

function isLetter(c: number): boolean {
  return SCRIPT_OF[c] !== 255 || (c >= 0x300 && c <= 0x36f);
}

function isUpperCode(c: number): boolean {
  if (c < 128) return c >= 65 && c <= 90;
  const ch = String.fromCharCode(c);
  return ch !== ch.toLowerCase();
}

/** No lower-case letter in text[s, e) ("THE", "NATO"), and more than one character. */
function allUpper(text: string, s: number, e: number): boolean {
  if (e - s < 2) return false;
  for (let i = s; i < e; i++) {
    const c = text.charCodeAt(i);
    if (c < 128) {
      if (c >= 97 && c <= 122) return false;
    } else {
      const ch = String.fromCharCode(c);
      if (ch !== ch.toUpperCase()) return false;
    }
  }
  return true;
}

/** Whether the next word after `at` (skipping spaces and hyphens) starts with a capital letter. */
function nextIsCapitalised(text: string, at: number): boolean {
  let i = at;
  while (i < text.length && (text[i] === ' ' || text[i] === '-')) i++;
  if (i === at || i >= text.length) return false;
  return isUpperCode(text.charCodeAt(i));
}

/** Whether the word at `at` starts the text, a line or a sentence (or a quotation). */
function sentenceInitial(text: string, at: number): boolean {
  for (let i = at - 1; i >= 0; i--) {
    const c = text[i]!;
    if (c === ' ' || c === '\t' || c === '"' || c === '“' || c === '„' || c === '«' || c === "'" || c === '‘' || c === '(' || c === '¿' || c === '¡') continue;
    return c === '.' || c === '!' || c === '?' || c === ':' || c === '\n' || c === '…' || c === '»' || c === '”' || c === '。';
  }
  return true;
}

function result(code: string, confidence: number, script: string): DetectedLanguage {
  return { code, name: NAMES[code] ?? code, confidence: Math.round(confidence * 1000) / 1000, script };
}

/** The English name of an ISO 639-1 code this detector can return ('und': 'Undetermined'). */
export function languageName(code: string): string | undefined {
  return NAMES[code];
}
