import { Packr } from 'msgpackr';
import { describe, expect, it } from 'vitest';
import { decodeMessage } from '../../../engine/src/protocol/codec.js';
import { writeMessage } from '../../../engine/src/protocol/encode-message.js';
import { msgpackProblem } from '../../../engine/src/protocol/msgpack-guard.js';
import { helloMessage } from '../../support/hello.js';

const MAX = 64 * 1024;

describe('msgpack structure guard', () => {
  it('passes every valid message and refuses each of them cut at every byte offset', () => {
    const messages = [
      writeMessage(helloMessage('ann')),
      writeMessage({ kind: 'pong', clientTimeMs: 1234.5, hostTimeMs: 99.25, hostTick: 70000 }),
      writeMessage({ kind: 'game', messageType: 3, sequence: 65535, payload: { text: 'hi', list: [1, -2, 3.5, null, true], bytes: new Uint8Array([1, 2]) } }),
    ];
    for (const bytes of messages) {
      expect(msgpackProblem(bytes)).toBeUndefined();
      for (let cut = 1; cut < bytes.length; cut++) expect(decodeMessage(bytes.subarray(0, cut), MAX).ok, `cut at ${cut}`).toBe(false);
      const trailing = new Uint8Array([...bytes, 0x00]);
      expect(decodeMessage(trailing, MAX)).toEqual({ ok: false, reason: 'malformed: 1 trailing bytes' });
    }
  });

  it('refuses headers that claim more elements than the bytes hold, before anything is allocated', () => {
    const array32 = new Uint8Array([0xdd, 0xff, 0xff, 0xff, 0xff]);
    const map32 = new Uint8Array([0xdf, 0x7f, 0xff, 0xff, 0xff]);
    const str32 = new Uint8Array([0xdb, 0x7f, 0xff, 0xff, 0xff]);
    const bin32 = new Uint8Array([0xc6, 0x7f, 0xff, 0xff, 0xff, 0x00]);
    for (const bytes of [array32, map32, str32, bin32]) expect(decodeMessage(bytes, MAX).ok).toBe(false);
    // A snapshot whose records' bin claims one byte more than follows.
    const snapshot = writeMessage({ kind: 'snapshot', tick: 9, baselineTick: 8, lastInputTick: -1, part: 0, partCount: 1, removed: [], entities: [[1, 0b1, 5]] });
    const binAt = snapshot.indexOf(0xc4);
    const lying = Uint8Array.from(snapshot);
    lying[binAt + 1]! += 1;
    expect(decodeMessage(snapshot, MAX).ok).toBe(true);
    expect(decodeMessage(lying, MAX).ok).toBe(false);
    // A 72 KB chain of array headers each claiming 65,535 elements.
    const chain = new Uint8Array(72 * 1024);
    for (let i = 0; i + 3 <= chain.length; i += 3) chain.set([0xdc, 0xff, 0xff], i);
    expect(decodeMessage(chain, 128 * 1024)).toEqual({ ok: false, reason: expect.stringMatching(/^malformed: nested deeper/) });
  });

  it('refuses 10,000 levels of nesting without recursing', () => {
    const deep = new Uint8Array(10_001).fill(0x91);
    deep[10_000] = 0x00;
    expect(decodeMessage(deep, MAX)).toEqual({ ok: false, reason: 'malformed: nested deeper than 24' });
  });

  it('refuses every extension type: dates, bigints, sets, typed arrays, records, references', () => {
    const rich = new Packr({ moreTypes: true, structuredClone: true, useRecords: true });
    const shared = { a: 1 };
    for (const value of [new Date(0), 2n ** 70n, new Set([1]), new Float64Array([1]), new Int32Array([1]), [{ x: 1 }, { x: 2 }], [shared, shared], /re/]) {
      const bytes = rich.pack([8, 1, 0, value]);
      expect(decodeMessage(bytes, MAX).ok, String(value)).toBe(false);
    }
  });

  it('decodes __proto__, constructor and prototype keys as plain data and leaves Object.prototype alone', () => {
    const bytes = new Uint8Array([0x93, 0x08, 0x01, 0x83, ...key('__proto__'), 0xc3, ...key('constructor'), 0x01, ...key('prototype'), 0x02]);
    const decoded = decodeMessage(bytes, MAX);
    expect(decoded.ok).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
    expect(Object.keys(Object.prototype)).toEqual([]);
  });
});

function key(name: string): number[] {
  return [0xa0 | name.length, ...new TextEncoder().encode(name)];
}
