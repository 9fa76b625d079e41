import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/article/errors.js';
import { readFileText } from '../../src/text/file-text.js';

const dir = mkdtempSync(join(tmpdir(), 'credence-file-text-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, bytes: Buffer | string) => {
  const p = join(dir, name);
  writeFileSync(p, bytes);
  return p;
};

describe('readFileText', () => {
  it('reads plain and gzipped UTF-8, dropping a byte-order mark, and keeps the stored bytes', () => {
    const plain = readFileText(file('a.txt', '\ufeffOtters hold the bank'));
    expect(plain).not.toBeInstanceOf(InputError);
    expect((plain as { text: string }).text).toBe('Otters hold the bank');
    const gz = gzipSync('Otters hold the bank');
    const zipped = readFileText(file('a.txt.gz', gz));
    expect((zipped as { text: string }).text).toBe('Otters hold the bank');
    expect((zipped as { bytes: Buffer }).bytes.equals(gz)).toBe(true);
  });

  it('names what is wrong instead of throwing: missing, a folder, a device, broken gzip', () => {
    const message = (p: string) => (readFileText(p) as InputError).describe();
    expect(message(join(dir, 'nope.txt'))).toMatch(/nope\.txt.*no such file/);
    expect(message(dir)).toMatch(/expected a file, got a folder/);
    expect(message('/dev/zero')).toMatch(/\/dev\/zero.*expected a file, got a device/);
    expect(message(file('broken.gz', gzipSync('x'.repeat(1000)).subarray(0, 20)))).toMatch(/corrupt or truncated/);
  });

  it('refuses a file, or a gzip stream once unpacked, larger than it may hold', () => {
    const big = readFileText(file('big.txt', 'x'.repeat(5000)), 4096);
    expect(big).toBeInstanceOf(InputError);
    expect((big as InputError).code).toBe('E_TOO_LARGE');
    // 5,000 bytes unpack from a few dozen: the limit holds on what comes out.
    const bomb = readFileText(file('bomb.gz', gzipSync(Buffer.alloc(5000))), 4096);
    expect((bomb as InputError).code).toBe('E_TOO_LARGE');
    expect((bomb as InputError).describe()).toMatch(/unpacks to more than/);
    expect(readFileText(file('fits.txt', 'x'.repeat(4096)), 4096)).not.toBeInstanceOf(InputError);
  });
});
