/**
 * The snapshot's bit stream: bits and exponential-Golomb codes round trip at every width, sizes are
 * known before writing, and a reader never reads past the end or accepts an impossible code.
 */
import { describe, expect, it } from 'vitest';
import { createRng } from '../../../engine/src/core/rng.js';
import { BitReader } from '../../../engine/src/protocol/bit-reader.js';
import { BitWriter } from '../../../engine/src/protocol/bit-writer.js';
import { bestOrder, bitLength, expGolombBits, LENGTH_SLOTS, unzigzag, zigzag } from '../../../engine/src/protocol/exp-golomb.js';
import type { EntityRecord } from '../../../engine/src/protocol/messages.js';
import { headBits, readRecords, recordBits, recordCoding } from '../../../engine/src/protocol/record-bits.js';
import { schemaLayout } from '../../../engine/src/protocol/schema-layout.js';
import { recordsToWire } from '../../../engine/src/protocol/snapshot-wire.js';
import { schema } from './fixtures.js';

describe('bit stream', () => {
  it('writes and reads back values of every width from 0 to 32 bits, most significant first', () => {
    const rng = createRng(41);
    const out = new BitWriter();
    const written: [number, number][] = [];
    for (let i = 0; i < 2000; i++) {
      const n = rng.int(0, 32);
      const value = n === 0 ? 0 : Math.floor(rng.next() * 2 ** n);
      out.bits(value, n);
      written.push([value, n]);
    }
    const bits = out.bitLength;
    const bytes = out.take();
    expect(bytes.byteLength).toBe(Math.ceil(bits / 8));
    const input = new BitReader(bytes);
    for (const [value, n] of written) expect(input.bits(n)).toBe(value);
    expect(input.isPaddedEnd()).toBe(true);
    expect(input.bits(8)).toBeUndefined();
    const one = new BitWriter();
    one.bits(0b101, 3);
    expect([...one.take()]).toEqual([0b1010_0000]);
  });

  it('codes unsigned integers up to 2^32 - 1 in every order, in exactly the bits it predicts', () => {
    const rng = createRng(42);
    const values = [0, 1, 2, 3, 7, 8, 255, 256, 2 ** 31 - 1, 2 ** 31, 2 ** 32 - 1, ...Array.from({ length: 300 }, () => Math.floor(rng.next() * 2 ** rng.int(0, 32)))];
    for (let k = 0; k <= 31; k++) {
      const out = new BitWriter();
      let predicted = 0;
      for (const u of values) {
        out.expGolomb(u, k);
        predicted += expGolombBits(u, k);
      }
      expect(out.bitLength).toBe(predicted);
      const input = new BitReader(out.take());
      for (const u of values) expect(input.expGolomb(k)).toBe(u);
    }
    // Order 0: 0 is "1", 1 is "010", 2 is "011", 3 is "00100".
    const out = new BitWriter();
    for (const u of [0, 1, 2, 3]) out.expGolomb(u, 0);
    expect([...out.take()].map((b) => b.toString(2).padStart(8, '0')).join('')).toBe('1010011001000000');
  });

  it('refuses a truncated code and one longer than any 32-bit value can take', () => {
    const out = new BitWriter();
    out.expGolomb(2 ** 20, 0);
    const bytes = out.take();
    expect(new BitReader(bytes).expGolomb(0)).toBe(2 ** 20);
    expect(new BitReader(bytes.slice(0, bytes.byteLength - 1)).expGolomb(0)).toBeUndefined();
    const zeros = new BitReader(new Uint8Array(9).fill(0));
    expect(zeros.expGolomb(0)).toBeUndefined();
    const long = new Uint8Array(10);
    long[4] = 0b0000_0001; // 39 zero bits, then 1: a code of 79 bits
    expect(new BitReader(long).expGolomb(0)).toBeUndefined();
  });

  it('zigzags signed values to unsigned and back, small magnitudes to small codes', () => {
    expect([0, -1, 1, -2, 2].map(zigzag)).toEqual([0, 1, 2, 3, 4]);
    for (const d of [0, 1, -1, 2 ** 31 - 1, -(2 ** 31 - 1), -(2 ** 31)]) expect(unzigzag(zigzag(d))).toBe(d);
    expect(zigzag(-(2 ** 31 - 1))).toBe(2 ** 32 - 3);
  });

  it('chooses an order within one bit per value of the best', () => {
    const rng = createRng(43);
    for (let trial = 0; trial < 50; trial++) {
      const scale = rng.int(0, 30);
      const values = Array.from({ length: rng.int(1, 60) }, () => Math.floor(rng.next() * 2 ** scale));
      const histogram = new Float64Array(LENGTH_SLOTS);
      for (const u of values) histogram[bitLength(u)]!++;
      const total = (k: number) => values.reduce((sum, u) => sum + expGolombBits(u, k), 0);
      const best = Math.min(...Array.from({ length: 32 }, (_, k) => total(k)));
      expect(total(bestOrder(histogram))).toBeLessThanOrEqual(best + values.length);
    }
  });
});

describe('records as a bit stream', () => {
  const layout = schemaLayout(schema);

  it('round trips random records, and the splitter knows their size to the bit', () => {
    const rng = createRng(44);
    for (let trial = 0; trial < 100; trial++) {
      const records: EntityRecord[] = [];
      let id = rng.int(0, 5) === 0 ? rng.int(0, 2 ** 32 - 200) : -1;
      for (let n = rng.int(0, 40); n > 0; n--) {
        id += 1 + (rng.chance(0.2) ? rng.int(0, 100_000) : rng.int(0, 5));
        if (rng.chance(0.4)) {
          records.push([id, -3, rng.int(0, 200_000), rng.int(0, 200_000), rng.int(0, 4095), rng.int(0, 100_000)]);
        } else {
          const mask = rng.int(1, 15);
          const diffs = [0, 1, 2, 3].filter((j) => mask & (1 << j)).map(() => (rng.chance(0.05) ? rng.int(-(2 ** 31 - 1), 2 ** 31 - 1) : rng.int(-300, 300)));
          records.push([id, mask, ...diffs]);
        }
      }
      const coding = recordCoding(records);
      const bytes = recordsToWire(records, coding);
      let bits = records.length > 0 ? headBits(coding) : 0;
      records.forEach((record, i) => (bits += recordBits(record, i === 0 ? -1 : records[i - 1]![0], coding)));
      expect(bytes.byteLength).toBe(Math.ceil(bits / 8));
      expect(readRecords(bytes, layout)).toEqual(records);
    }
  });

  it('takes a few bits for a small move: a 1-step delta of x after the previous id', () => {
    const records: EntityRecord[] = [
      [10, 0b0001, 1],
      [11, 0b0001, -1],
      [12, 0b0011, 1, 0],
    ];
    const coding = recordCoding(records);
    // Gap 0 in order 0: 1 bit; the form bit; the mask, 2 columns; a zigzag 1 or 2 in its column's order.
    expect(recordBits(records[1]!, 10, coding)).toBeLessThanOrEqual(1 + 1 + 2 + 3);
    expect(readRecords(recordsToWire(records), layout)).toEqual(records);
  });
});
