/** Paragraph blocks of a text file: runs of non-blank lines between blank ones. */

export interface Block {
  /** 1-based line of the block's first line. */
  line: number;
  /** With trailing spaces (and any CR of a CRLF) removed. */
  lines: string[];
}

/** Any number of blank (or blank-looking) lines separate two blocks. */
export function splitBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  let current: Block | undefined;
  text.split('\n').forEach((raw, index) => {
    const line = raw.trimEnd();
    if (line.trim() === '') {
      current = undefined;
      return;
    }
    if (current === undefined) {
      current = { line: index + 1, lines: [] };
      blocks.push(current);
    }
    current.lines.push(line);
  });
  return blocks;
}

/** Blocks as body text: lines kept as they are, blocks one blank line apart. */
export function joinBlocks(blocks: readonly Block[]): string {
  return blocks.map((block) => block.lines.join('\n')).join('\n\n');
}
