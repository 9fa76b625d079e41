import { accessSync, chmodSync, constants, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { fixture, read, readStdin, scratch } from './helpers.js';

/** chmod 000 keeps nobody out when the tests run as root; such tests skip themselves then. */
function isLockedOut(path: string): boolean {
  try {
    accessSync(path, constants.R_OK);
    return false;
  } catch {
    return true;
  }
}

describe('files and folders', () => {
  it('walks a folder recursively in name order, skipping hidden and unknown files', async () => {
    const root = fixture('dir');
    const { articles, errors } = await read(root);
    expect(errors).toEqual([]);
    expect(articles.map((a) => [a.origin.file.slice(root.length + 1), a.id])).toEqual([
      ['a-story.txt', 'a-story.txt:1'],
      ['nested/items.jsonl', 'n-1'],
      ['nested/items.jsonl', 'n-2'],
      ['page.html', 'page.html:1'],
    ]);
  });

  it('reports a missing file, with a did-you-mean from its folder', async () => {
    const file = fixture('record', 'basik.txt');
    const { errors } = await read(file);
    expect(errors.map((e) => [e.code, e.describe()])).toEqual([['E_NO_FILE', `${file}: no such file (did you mean "basic.txt"?)`]]);
  });

  it('reports an unreadable folder and walks on', async (context) => {
    const root = scratch();
    writeFileSync(join(root, 'a.txt'), 'Before\n\nRead before the locked folder.\n');
    mkdirSync(join(root, 'b-locked'));
    writeFileSync(join(root, 'b-locked', 'x.txt'), 'Hidden\n\nNever read.\n');
    writeFileSync(join(root, 'c.txt'), 'After\n\nRead after the locked folder.\n');
    chmodSync(join(root, 'b-locked'), 0o000);
    try {
      if (!isLockedOut(join(root, 'b-locked'))) context.skip();
      const { articles, errors } = await read(root);
      expect(articles.map((a) => a.title)).toEqual(['Before', 'After']);
      expect(errors.map((e) => [e.code, e.describe()])).toEqual([
        ['E_UNREADABLE', `${join(root, 'b-locked')}: cannot read this directory: permission denied`],
      ]);
    } finally {
      chmodSync(join(root, 'b-locked'), 0o755);
    }
  });

  it('reports an unreadable file', async (context) => {
    const file = join(scratch(), 'locked.txt');
    writeFileSync(file, 'Locked\n\nNobody reads this.\n');
    chmodSync(file, 0o000);
    try {
      if (!isLockedOut(file)) context.skip();
      const { errors } = await read(file);
      expect(errors.map((e) => e.code)).toEqual(['E_UNREADABLE']);
    } finally {
      chmodSync(file, 0o644);
    }
  });

  it('refuses a binary file: a known magic number, or NUL bytes', async () => {
    const dir = scratch();
    writeFileSync(join(dir, 'archive.csv'), Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00]));
    writeFileSync(join(dir, 'blob.jsonl'), Buffer.concat([Buffer.from('{"title": "x"'), Buffer.alloc(16), Buffer.from('}\n')]));
    writeFileSync(join(dir, 'zipped-blob.txt'), gzipSync(Buffer.concat([Buffer.from('Looks like text'), Buffer.alloc(4)])));
    const { errors, articles } = await read(dir);
    expect(articles).toEqual([]);
    expect(errors.map((e) => [e.code, e.message])).toEqual([
      ['E_BINARY', 'expected text; got a binary file (a zip archive (unzip it first))'],
      ['E_BINARY', 'expected text; got a binary file (a NUL byte at offset 13)'],
      ['E_BINARY', 'expected text; got a binary file (a NUL byte at offset 15)'],
    ]);
  });

  it('names UTF-16 for what it is', async () => {
    const { errors } = await readStdin(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Title\n\nBody\n', 'utf16le')]));
    expect(errors.map((e) => [e.code, e.message])).toEqual([['E_ENCODING', 'expected UTF-8 text; got UTF-16 (byte-order mark FF FE)']]);
  });

  it('names the line of invalid UTF-8 in a one-article file', async () => {
    const file = join(scratch(), 'story.txt');
    writeFileSync(file, Buffer.concat([Buffer.from('A title\n\nA first line.\n'), Buffer.from('Caf\xe9 au lait.\n', 'latin1')]));
    const { errors } = await read(file);
    expect(errors.map((e) => [e.code, e.where.line])).toEqual([['E_ENCODING', 4]]);
  });

  describe('size limits', () => {
    const nineMB = 9 * 1000 * 1000;

    it('refuses a 9 MB article against the default 8 MiB limit, saying both sizes', async () => {
      const dir = scratch();
      writeFileSync(join(dir, 'big.jsonl'), `{"title": "Small", "text": "fine"}\n{"title": "Huge", "text": "${'a'.repeat(nineMB)}"}\n{"title": "After", "text": "fine"}\n`);
      writeFileSync(join(dir, 'big.txt'), `Huge\n\n${'word '.repeat(nineMB / 5)}\n`);
      const { articles, errors } = await read(dir);
      expect(articles.map((a) => a.title)).toEqual(['Small', 'After']);
      expect(errors.map((e) => e.describe())).toEqual([
        `${join(dir, 'big.jsonl')}:2: expected an article of at most 8 MiB; got 8.6 MiB (9,000,004 bytes)`,
        `${join(dir, 'big.txt')}:1: expected an article of at most 8 MiB; got 8.6 MiB (9,000,003 bytes)`,
      ]);
    });

    it('refuses raw input far past the limit before parsing it', async () => {
      const line = `{"text": "${'b'.repeat(100_000)}"}`;
      const { errors } = await readStdin(`${line}\n{"text": "short"}\n`, { maxArticleBytes: 1000, format: 'jsonl' });
      expect(errors.map((e) => e.describe())).toEqual([`<stdin>:1: expected an article of at most 1000 bytes; got a line of 97.7 KiB`]);
    });
  });

  describe('usage problems throw before anything is read', () => {
    it('a bad label map', async () => {
      await expect(read(fixture('csv', 'articles.csv'), { labelMap: { '0': 'true' as never } })).rejects.toThrow(
        'label map: code "0": expected reliable or unreliable; got "true"',
      );
      await expect(read(fixture('csv', 'articles.csv'), { labelMap: {} })).rejects.toThrow('label map: expected at least one code; got an empty map');
    });

    it('an unknown format or field', async () => {
      await expect(read('-', { format: 'jsnl' as never })).rejects.toThrow('unknown format "jsnl" (did you mean "jsonl"?)');
      await expect(read('-', { columns: { titel: 'x' } as never })).rejects.toThrow('columns: unknown field "titel" (did you mean "title"?)');
    });

    it('a limit that is not a positive number', async () => {
      await expect(read('-', { maxArticleBytes: 0 })).rejects.toThrow('maxArticleBytes: expected a positive whole number of bytes; got 0');
    });
  });
});
