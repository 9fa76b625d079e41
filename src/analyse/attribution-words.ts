/**
 * The words attribution is read from: speech verbs, the nouns that make a source anonymous, a document or
 * an institution, and the phrases that say a source was asked and did not answer. Lower-case forms as in
 * `TokenTable.norm`.
 */

const words = (s: string): ReadonlySet<string> => new Set(s.trim().split(/\s+/));

/** Verbs that attribute a direct quote ("…," she said / he told reporters: "…"). */
export const QUOTE_CUES = words(`
  say says said saying tell tells told adds added explain explains explained note notes noted
  state states stated write writes wrote tweet tweets tweeted posted ask asks asked reply replies replied
  insist insists insisted argue argues argued claim claimed warn warns warned declare declares declared
  announce announces announced continue continues continued recall recalls recalled acknowledge
  acknowledges acknowledged admit admits admitted confirm confirms confirmed deny denies denied suggest
  suggests suggested predict predicts predicted urge urges urged vow vows vowed promise promises promised
  reported respond responds responded comment comments commented remark remarks remarked emphasize
  emphasizes emphasized emphasise emphasises emphasised stress stresses stressed conclude concludes
  concluded boast boasts boasted complain complains complained lament laments lamented quip quips
  quipped joke jokes joked shout shouts shouted yell yells yelled whisper whispers whispered testify
  testifies testified allege alleges alleged maintain maintains maintained observe observes observed
  caution cautions cautioned concede concedes conceded reiterate reiterates reiterated reveal reveals
  revealed assert asserts asserted mention mentions mentioned describe describes described call calls
  called write writes wrote read reads saying adding telling writing noting explaining warning insisting
  arguing claiming declaring announcing stating dished dishes gushed gushes confessed confesses teased teases
  rapped raps sang sings chanted captioned penned snapped fumed exclaimed screamed laughed sighed
  responds explains smiled smiles grinned granted grants shared shares pressed pointed offered wondered mused
  recounted recounts remembered reflected claims written accusing calling describing urging blaming
  admitting revealing suggesting condemning
`);

/** Verbs that report speech or writing without quotation marks ("X said that …", "…, police said"). */
export const REPORT_CUES = words(`
  say says said tell tells told claim claimed claims announce announces announced warn warns warned
  deny denies denied confirm confirms confirmed adds added report reported reports state states
  stated argue argues argued insist insists insisted explain explains explained note notes noted write
  writes wrote allege alleges alleged admit admits admitted acknowledge acknowledges acknowledged reveal
  reveals revealed estimate estimates estimated predict predicts predicted suggest suggests suggested
  conclude concludes concluded testify testifies testified maintain maintains maintained assert asserts
  asserted tweet tweets tweeted found find finds show shows showed shown
`);

/** Cues that take the listener as an object before what was said ("told reporters that …"). */
export const TELL_CUES = words('tell tells told warn warns warned assure assures assured inform informs informed');

/** Verbs used with documents rather than people ("the study found"). */
export const DOCUMENT_ONLY_CUES = words('found find finds show shows showed shown');

export const PRONOUNS_PERSON = words('he she him her');
export const PRONOUNS_OTHER = words('they we i it you them us me');

/** Heads of unnamed sources: who they are is not said. */
export const ANONYMOUS_HEADS = words(`
  official officials source sources media people person insider insiders aide aides expert experts analyst
  analysts diplomat diplomats observer observers resident residents witness witnesses officer officers
  authorities someone somebody reports report rumours rumors critics supporters colleague colleagues
  employee employees staff member members friend friends relative relatives neighbour neighbours neighbor
  neighbors spokesman spokeswoman spokesperson representative representatives activist activists
  lawmaker lawmakers legislator legislators investigator investigators scientist scientists researcher
  researchers doctor doctors user users others many some several
`);

/** Heads of institutions cited without a name ("police said", "the ministry said"). */
export const INSTITUTION_HEADS = words(`
  police government ministry army military agency department court company committee council
  commission administration office embassy parliament congress senate prosecutors prosecutor campaign
  party union firm bank school university hospital board authority service services regime cabinet
  kremlin pentagon whitehouse fbi cia un nato
`);

/** Heads that make a source a document or a recording. */
export const DOCUMENT_HEADS = words(`
  report study statement video document documents letter memo filing survey poll analysis data records
  complaint lawsuit post tweet website release paper research review audit indictment affidavit
  transcript footage recording email e-mail message article book journal guidance
`);

/** Words that can head a description of a person already named ("the 40-year-old", "the colonel"). */
export const PERSON_DESCRIPTIONS = words(`
  man woman boy girl president minister leader commander colonel general officer senator governor mayor
  actor actress singer star player coach chief director executive founder father mother husband wife
  son daughter suspect victim politician candidate lawmaker congressman congresswoman chairman
  chairwoman spokesman spokeswoman secretary ambassador judge lawyer attorney doctor rapper model
  businessman businesswoman billionaire host captain lieutenant sergeant detective inspector professor dr mr
  mrs ms sir lord lady king queen prince princess pope bishop reverend sheriff deputy chancellor premier
  speaker rep sen gov superintendent constable marshal admiral major corporal private activist
`);

/** Words an attribution noun phrase does not run past (going left from a cue or right after it). */
export const NP_STOPS = words(`
  and but or that because while as when if so although though since after before than whether where
  which said says told
`);

/** Prepositions that end a speaker phrase after an inverted cue ("said Khalimov in a video"). */
export const AFTER_NP_STOPS = words(`
  in on at during after before when while as who which that adding according told to from with by
  about into over under since until via
`);

export const DETERMINERS = words('the a an this that these those his her their its our my your one two three several some many');

/**
 * Given names and titles that say whether a person is a man or a woman, so that "she" does not resolve to
 * the last man named. Short lists of common names in English-language news, written for Credence; a name
 * on neither list says nothing.
 */
export const MALE_NAMES = words(`
  james john robert michael william david richard joseph thomas charles christopher daniel matthew anthony
  mark donald steven stephen paul andrew joshua kenneth kevin brian george timothy ronald edward jason jeffrey
  ryan jacob gary nicholas eric jonathan larry justin scott brandon benjamin samuel gregory alexander frank
  patrick raymond jack dennis jerry tyler aaron jose adam nathan henry douglas zachary peter kyle ethan walter
  noah jeremy christian keith roger terry gerald harold sean austin carl arthur lawrence dylan jesse bryan
  billy bruce gabriel logan albert willie alan juan wayne elijah randy roy vincent ralph eugene russell bobby
  mason philip louis bill mike tom jim bob dan steve chris tony ted newt mitt rand marco bernie barack chuck
  mitch ron rudy rex elon jeff tim vladimir boris emmanuel narendra recep kanye brad harry justin liam oliver
  lucas leo luke max sam ben joe jimmy johnny kevin hank pete jake josh matt nick rick greg doug ken ray
  ahmed mohammed muhammad ali hassan hussein omar abdul ibrahim yusuf mustafa khalid tariq mahmoud carlos
  luis miguel jorge pedro antonio manuel francisco javier rafael diego ivan dmitry sergei igor andrei
  pierre jean-claude francois hans klaus giuseppe marco giovanni hiroshi kenji wei jun
  `);

export const FEMALE_NAMES = words(`
  mary patricia jennifer linda elizabeth barbara susan jessica sarah karen nancy lisa betty margaret sandra
  ashley kimberly emily donna michelle dorothy carol amanda melissa deborah stephanie rebecca sharon laura
  cynthia kathleen amy shirley angela helen anna brenda pamela nicole emma samantha katherine christine debra
  rachel catherine carolyn janet ruth maria heather diane virginia julie joyce victoria olivia kelly christina
  lauren joan evelyn judith megan cheryl andrea hannah martha jacqueline frances gloria ann teresa kathryn
  sara janice jean alice madison doris abigail julia judy grace denise amber marilyn beverly danielle theresa
  sophia marie diana brittany natalie isabella charlotte rose alexis kayla kate katie jane jenny beyonce
  rihanna selena miley ariana kylie kendall khloe kourtney kris caitlyn meghan angelina gwyneth hillary kamala
  melania ivanka oprah ellen portia britney mila scarlett nina eva lily
  chloe zoe mia ava ella sophie amelia fatima aisha mariam layla sofia lucia carmen elena isabel ana
  olga natasha svetlana irina ingrid greta marine ursula nikki mika
  `);

export const MALE_TITLES = words('mr mr. sir lord king prince duke father brother congressman chairman spokesman businessman actor');
export const FEMALE_TITLES = words('mrs mrs. ms ms. miss dame lady queen princess duchess mother sister congresswoman chairwoman spokeswoman businesswoman actress');
