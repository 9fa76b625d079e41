/**
 * Cue-word lists for stance: words that refute, hedge, support or negate a claim, and words that report
 * speech. Matched on stems (the lists are stemmed once here), so "denies", "denied" and "deny" are one cue.
 */
import { stem } from '../../text/stem.js';

export const CUE_CATEGORIES = ['refute', 'hedge', 'support', 'negation', 'report'] as const;
export type CueCategory = (typeof CUE_CATEGORIES)[number];

const WORDS: Record<CueCategory, string> = {
  refute:
    'fake fakes faked fraud fraudulent hoax hoaxes false falsely deny denies denied denial debunk debunked debunks debunking ' +
    'bogus untrue myth incorrect misleading satire satirical fabricated fabrication lie lies lied liar baseless unfounded ' +
    'refute refuted refutes dispute disputed disputes dismiss dismissed dismisses reject rejected rejects contradict contradicts ' +
    'wrong spoof parody photoshopped doctored scam nonsense prank pranks retract retracted retraction doubt doubts doubtful ' +
    'skeptical sceptical skeptic misinformation rumor-mill erroneous inaccurate nope debunker truth fiction fictional joke ' +
    'hoaxer deceptive phony phoney fabricate invented made-up stunt trick',
  hedge:
    'reportedly allegedly alleged alleges claim claims claimed claiming rumor rumors rumour rumours rumored rumoured ' +
    'unconfirmed apparently purportedly purported may might could possibly possible perhaps suggest suggests suggested ' +
    'suspected suspect believed unverified speculation speculate speculated appears appear seems seem likely unlikely unclear ' +
    'unknown whether supposedly circulating viral question questions questioned investigating investigation probe ' +
    'if would maybe potentially reports reported report according',
  support:
    'confirm confirms confirmed confirmation officially announced announce announces revealed reveal reveals proof proves ' +
    'proved indeed verified verify true real actually admits admitted admit acknowledged acknowledges acknowledge genuine ' +
    'authentic evidence definitely certainly did finally official',
  negation:
    "not no never without nobody none neither nor nothing cannot n't isn't aren't wasn't weren't don't doesn't didn't " +
    "won't wouldn't can't couldn't hasn't haven't hadn't shouldn't ain't",
  report: 'said says say told tells according statement spokesman spokeswoman spokesperson tweeted wrote posted insisted stated added',
};

/** Stem → bit mask of the categories it cues. */
const CUE_BITS = new Map<string, number>();
CUE_CATEGORIES.forEach((c, bit) => {
  for (const w of WORDS[c].split(/\s+/)) {
    if (w === '') continue;
    const s = stem(w);
    CUE_BITS.set(s, (CUE_BITS.get(s) ?? 0) | (1 << bit));
    if (w !== s) CUE_BITS.set(w, (CUE_BITS.get(w) ?? 0) | (1 << bit));
  }
});

/** The categories a (stemmed) word cues, as a bit mask over `CUE_CATEGORIES`; 0 for none. */
export function cueBits(stemmed: string, form: string): number {
  let bits = CUE_BITS.get(stemmed) ?? 0;
  if (form.endsWith("n't")) bits |= 1 << CUE_CATEGORIES.indexOf('negation');
  return bits;
}
