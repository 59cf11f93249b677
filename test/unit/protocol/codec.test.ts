import { describe, expect, it } from 'vitest';
import { isNetError } from '../../../engine/src/core/net-error.js';
import { decodeMessage, encodeMessage } from '../../../engine/src/protocol/codec.js';
import { arrayHeaderSize, intSize } from '../../../engine/src/protocol/msgpack-size.js';

describe('codec', () => {
  it('round-trips arrays of plain values', () => {
    const value = [7, -1, 300, 70000, 2 ** 32 - 1, 1.5, 'hé', true, null, [1, [2]], { a: 1, b: 'x' }];
    expect(decodeMessage(encodeMessage(value), 1000)).toEqual({ ok: true, value });
    // Bytes come back as a Uint8Array (a Buffer, its subclass, under Node).
    const bin = decodeMessage(encodeMessage([new Uint8Array([1, 2])]), 100);
    const bytes = bin.ok && Array.isArray(bin.value) ? (bin.value[0] as unknown) : undefined;
    expect(bytes).toBeInstanceOf(Uint8Array);
    expect(Array.from(bytes as Uint8Array)).toEqual([1, 2]);
  });

  it('writes compact arrays: no records, small ints in one byte', () => {
    expect(Array.from(encodeMessage([1, 127, 128]))).toEqual([0x93, 0x01, 0x7f, 0xcc, 0x80]);
    expect(Array.from(encodeMessage([{ a: 64 }]))).toEqual([0x91, 0xde, 0x00, 0x01, 0xa1, 0x61, 0x40]);
  });

  it('encodes undefined as nil', () => {
    expect(decodeMessage(encodeMessage([undefined]), 10)).toEqual({ ok: true, value: [null] });
  });

  it('refuses oversize input before decoding and malformed input without throwing', () => {
    const bytes = encodeMessage([1, 'x'.repeat(100)]);
    const tooBig = decodeMessage(bytes, bytes.byteLength - 1);
    expect(tooBig.ok).toBe(false);
    if (!tooBig.ok) expect(tooBig.reason).toMatch(/^message_too_large/);
    expect(decodeMessage(bytes, bytes.byteLength).ok).toBe(true);
    for (const bad of [[], [0x92, 0x01], [0x91, 0x01, 0x02], [0xd4, 0x70, 0x00], [0xd4, 0x69, 0x00], [0xd4, 0x05, 0x00]]) {
      const result = decodeMessage(new Uint8Array(bad), 100);
      expect(result.ok, `bytes ${bad.join(',')}`).toBe(false);
    }
  });

  it('survives absurd nesting within the size limit', () => {
    const deep = new Uint8Array(60000).fill(0x91);
    expect(decodeMessage(deep, 65536).ok).toBe(false);
    expect(decodeMessage(encodeMessage([1, 2]), 10)).toEqual({ ok: true, value: [1, 2] });
  });

  it('decodes 64-bit integers as numbers', () => {
    const uint64 = new Uint8Array([0x91, 0xcf, 0, 0, 0, 1, 0, 0, 0, 0]);
    expect(decodeMessage(uint64, 100)).toEqual({ ok: true, value: [2 ** 32] });
  });

  it('wraps encoding failures in a NetError', () => {
    let caught: unknown;
    try {
      encodeMessage([2n ** 70n]);
    } catch (error) {
      caught = error;
    }
    expect(isNetError(caught, 'invalid_option')).toBe(true);
  });

  it('agrees with the size arithmetic the splitter uses', () => {
    const ints = [0, 1, 127, 128, 255, 256, 65535, 65536, 2 ** 32 - 1, -1, -32, -33, -128, -129, -32768, -32769, -(2 ** 31)];
    for (const n of ints) expect(encodeMessage([n]).byteLength - 1, `int ${n}`).toBe(intSize(n));
    for (const length of [0, 15, 16, 65535, 65536]) {
      const bytes = encodeMessage(new Array<number>(length).fill(0));
      expect(bytes.byteLength - length, `array of ${length}`).toBe(arrayHeaderSize(length));
    }
  });
});
