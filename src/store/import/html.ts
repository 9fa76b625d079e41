/**
 * The JSON-LD blocks of an HTML page: `<script type="application/ld+json">…</script>`. A linear scan
 * with indexOf (no regular expression that could backtrack on a hostile page), on a lower-cased copy
 * of the page, so tag and attribute case do not matter.
 */
export interface JsonLdBlock {
  json: string;
  /** 1-based line of the opening <script> tag. */
  line: number;
}

export function jsonLdBlocks(html: string): JsonLdBlock[] {
  const lower = html.toLowerCase();
  const out: JsonLdBlock[] = [];
  let pos = 0;
  let line = 1;
  let counted = 0;
  for (;;) {
    const open = lower.indexOf('<script', pos);
    if (open < 0) break;
    const tagEnd = lower.indexOf('>', open);
    if (tagEnd < 0) break;
    const close = lower.indexOf('</script', tagEnd);
    const end = close < 0 ? html.length : close;
    const tag = lower.slice(open, tagEnd);
    if (/type\s*=\s*["']?\s*application\/ld\+json/.test(tag)) {
      for (let i = counted; i < open; i++) if (html.charCodeAt(i) === 10) line++;
      counted = open;
      out.push({ json: decodeCdata(html.slice(tagEnd + 1, end)), line });
    }
    if (close < 0) break;
    pos = close + 8;
  }
  return out;
}

/** Some pages wrap JSON-LD in <!-- --> or CDATA markers. */
function decodeCdata(s: string): string {
  let t = s.trim();
  if (t.startsWith('<!--')) t = t.slice(4);
  if (t.endsWith('-->')) t = t.slice(0, -3);
  t = t.trim();
  if (t.startsWith('//<![CDATA[')) t = t.slice(11);
  else if (t.startsWith('<![CDATA[')) t = t.slice(9);
  if (t.endsWith('//]]>')) t = t.slice(0, -5);
  else if (t.endsWith(']]>')) t = t.slice(0, -3);
  return t.trim();
}
