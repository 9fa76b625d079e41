import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../src/article/errors.js';
import { crc32 } from 'node:zlib';
import { decodeModel, encodeModel, FORMAT_VERSION, loadModel, MAGIC, requireArray, saveModel } from '../../src/learn/model-file.js';

const dir = mkdtempSync(join(tmpdir(), 'credence-model-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const CONTAINER = {
  kind: 'test',
  header: { name: 'x', nested: { list: [1, 2, 3], text: 'é ✓' } },
  arrays: {
    // odd lengths, so every array after the first starts at an offset that needs padding
    a: Float32Array.from([1.5, -2.25, 3]),
    b: Float64Array.from([Math.PI, -0, 1e-300, Number.MAX_VALUE, 7]),
    c: Int32Array.from([-1, 0, 2 ** 31 - 1]),
    empty: new Float32Array(0),
  },
};

describe('model container', () => {
  it('round-trips the header and arrays of every type, bit for bit', () => {
    const back = decodeModel(encodeModel(CONTAINER), 'test', 'mem');
    expect(back.kind).toBe('test');
    expect(back.header).toEqual(CONTAINER.header);
    for (const [name, a] of Object.entries(CONTAINER.arrays)) {
      const b = back.arrays[name]!;
      expect(b.constructor).toBe(a.constructor);
      expect(Buffer.from(b.buffer, b.byteOffset, b.byteLength).equals(Buffer.from(a.buffer, a.byteOffset, a.byteLength))).toBe(true);
    }
  });

  it('starts with the signature and the format version, and ends with a CRC-32 of the rest', () => {
    const bytes = encodeModel(CONTAINER);
    expect(bytes.toString('latin1', 0, 8)).toBe(MAGIC);
    expect(bytes.readUInt32LE(8)).toBe(FORMAT_VERSION);
    expect(bytes.readUInt32LE(bytes.length - 4)).toBe(crc32(bytes.subarray(0, bytes.length - 4)));
    expect(bytes.length % 4).toBe(0);
  });

  it('reads arrays from a buffer that is not 8-byte aligned', () => {
    const bytes = encodeModel(CONTAINER);
    const shifted = Buffer.alloc(bytes.length + 3);
    bytes.copy(shifted, 3);
    const back = decodeModel(shifted.subarray(3), 'test', 'mem');
    expect(Array.from(back.arrays.b!)).toEqual(Array.from(CONTAINER.arrays.b));
  });

  it('saves atomically and loads back, leaving no temporary file', () => {
    const path = join(dir, 'm.bin');
    saveModel(path, CONTAINER);
    expect(loadModel(path, 'test').header).toEqual(CONTAINER.header);
    expect(readdirSync(dir)).toEqual(['m.bin']);
  });

  it('refuses to write where it cannot, naming the file', () => {
    const path = join(dir, 'no', 'such', 'folder', 'm.bin');
    expect(() => saveModel(path, CONTAINER)).toThrow(UsageError);
    expect(() => saveModel(path, CONTAINER)).toThrow('cannot write the model file: its folder does not exist');
  });

  it('checks an array\'s presence, type and length on request', () => {
    const back = decodeModel(encodeModel(CONTAINER), 'test', 'mem');
    expect(requireArray(back, 'c', 'i32', 'mem', 3)).toBeInstanceOf(Int32Array);
    for (const [name, type, length] of [
      ['missing', 'f32', undefined],
      ['a', 'f64', undefined],
      ['a', 'f32', 4],
    ] as const) {
      expect(() => requireArray(back, name, type, 'mem', length)).toThrow(`array "${name}" is missing or has the wrong shape`);
    }
  });

  /** A container written by hand: the header says what it likes, the CRC is right. */
  function forge(header: object, payloadBytes: number): Buffer {
    const json = Buffer.from(JSON.stringify(header));
    const start = (16 + json.length + 7) & ~7;
    const body = Buffer.alloc(start + payloadBytes + 4);
    body.write(MAGIC, 0, 'latin1');
    body.writeUInt32LE(FORMAT_VERSION, 8);
    body.writeUInt32LE(json.length, 12);
    json.copy(body, 16);
    body.writeUInt32LE(crc32(body.subarray(0, body.length - 4)), body.length - 4);
    return body;
  }

  it('refuses a header that lies about its arrays, with a valid checksum', () => {
    const long = forge({ kind: 'test', header: {}, arrays: { a: { type: 'f32', offset: 0, length: 2000 } } }, 8);
    expect(() => decodeModel(long, 'test', 'forged.cdm')).toThrow('array "a" runs past the end of the file');
    const odd = forge({ kind: 'test', header: {}, arrays: { a: { type: 'f16', offset: 0, length: 1 } } }, 8);
    expect(() => decodeModel(odd, 'test', 'forged.cdm')).toThrow('array "a" has an unknown type "f16"');
    const notJson = forge({}, 0);
    notJson.write('x', 16);
    notJson.writeUInt32LE(crc32(notJson.subarray(0, notJson.length - 4)), notJson.length - 4);
    expect(() => decodeModel(notJson, 'test', 'forged.cdm')).toThrow('the header is not valid JSON');
  });
});
