import { describe, expect, it } from 'vitest';
import { createRng } from '../../../engine/src/core/rng.js';
import { encodeMessage } from '../../../engine/src/protocol/codec.js';
import { MsgpackWriter } from '../../../engine/src/protocol/msgpack-writer.js';

/** Every boundary of msgpack's integer forms, each side of it. */
const EDGES = [0, 0x1f, 0x20, 0x7f, 0x80, 0xff, 0x100, 0xffff, 0x10000, 0x7fffffff, 0x80000000, 0xffffffff, 2 ** 32, 2 ** 40];
const NUMBERS = [...EDGES.flatMap((n) => [n, -n, n - 1, -n - 1, n + 1, -n + 1]), -0x21, -0x20, -0x81, -0x80, -0x8001, -0x8000, -0x80000001, -0x80000000, 0.5, -2.25, Number.MAX_SAFE_INTEGER, Number.NaN, Infinity, -0];

/** What the writer writes for an array of `values`. */
function written(values: readonly (number | null)[], writer = new MsgpackWriter(8)): Uint8Array {
  writer.arrayHeader(values.length);
  for (const v of values) writer.intOrNil(v);
  return writer.take();
}

describe('MsgpackWriter', () => {
  it('writes each number as the codec does', () => {
    for (const n of NUMBERS) expect([n, Array.from(written([n]))]).toEqual([n, Array.from(encodeMessage([n]))]);
    expect(Array.from(written([null, 1]))).toEqual(Array.from(encodeMessage([null, 1])));
  });

  it('writes arrays of every header size as the codec does, growing past its first buffer', () => {
    const rng = createRng(5);
    const writer = new MsgpackWriter(16);
    for (const length of [0, 1, 15, 16, 300, 0xffff, 0x10000]) {
      const values = Array.from({ length }, () => NUMBERS[rng.int(0, NUMBERS.length - 1)]!);
      expect(Buffer.from(written(values, writer)).equals(Buffer.from(encodeMessage(values)))).toBe(true);
    }
  });

  it('writes bins of every header size as the codec does', () => {
    const writer = new MsgpackWriter(8);
    for (const length of [0, 1, 255, 256, 0xffff, 0x10000]) {
      const bytes = Uint8Array.from({ length }, (_, i) => i & 0xff);
      writer.arrayHeader(1);
      writer.bin(bytes);
      expect(Buffer.from(writer.take()).equals(Buffer.from(encodeMessage([bytes])))).toBe(true);
    }
  });

  it('hands out copies, and starts afresh after `start`', () => {
    const writer = new MsgpackWriter(4);
    const first = written([1, 2, 3], writer);
    writer.number(300);
    writer.start();
    writer.raw(Uint8Array.of(0xc3));
    const second = writer.take();
    expect(Array.from(first)).toEqual([0x93, 1, 2, 3]);
    expect(Array.from(second)).toEqual([0xc3]);
    expect(writer.length).toBe(0);
  });
});
