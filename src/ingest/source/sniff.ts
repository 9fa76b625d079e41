/** What the first bytes of a file say it is, before any reader trusts it to be text. */

export type ByteSniff = { kind: 'text' } | { kind: 'binary'; what: string } | { kind: 'utf16'; bom: string };

interface Magic {
  bytes: readonly number[];
  what: string;
}

// Formats people plausibly pass by mistake. Most also hold NUL bytes early, but not all of them
// within the first 8 KiB, and naming the format makes a better message.
const MAGIC: readonly Magic[] = [
  { bytes: [0x25, 0x50, 0x44, 0x46, 0x2d], what: 'a PDF document' },
  { bytes: [0x50, 0x4b, 0x03, 0x04], what: 'a zip archive (unzip it first)' },
  { bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], what: 'a 7z archive' },
  { bytes: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], what: 'an xz archive' },
  { bytes: [0x28, 0xb5, 0x2f, 0xfd], what: 'a zstd archive' },
  { bytes: [0x89, 0x50, 0x4e, 0x47], what: 'a PNG image' },
  { bytes: [0xff, 0xd8, 0xff], what: 'a JPEG image' },
  { bytes: [0x47, 0x49, 0x46, 0x38], what: 'a GIF image' },
  { bytes: [0x7f, 0x45, 0x4c, 0x46], what: 'an executable' },
];

export function isGzip(head: Uint8Array): boolean {
  return head[0] === 0x1f && head[1] === 0x8b;
}

/** Classify the first bytes (after gunzip) of an input. */
export function sniffBytes(head: Uint8Array): ByteSniff {
  const magic = MAGIC.find((m) => m.bytes.every((b, i) => head[i] === b));
  if (magic !== undefined) return { kind: 'binary', what: magic.what };
  if (head[0] === 0xff && head[1] === 0xfe) return { kind: 'utf16', bom: 'FF FE' };
  if (head[0] === 0xfe && head[1] === 0xff) return { kind: 'utf16', bom: 'FE FF' };
  const nul = head.indexOf(0);
  if (nul !== -1) return { kind: 'binary', what: `a NUL byte at offset ${nul}` };
  return { kind: 'text' };
}
