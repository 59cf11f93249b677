import { describe, expect, it } from 'vitest';
import { REPLAY_LIMIT, ReliableLog } from '../../../engine/src/session/reliable-log.js';

const message = (n: number, size = 4): Uint8Array => new Uint8Array(size).fill(n % 256);

describe('ReliableLog', () => {
  it('gives back exactly the messages after what the other side received', () => {
    const log = new ReliableLog();
    for (let n = 1; n <= 5; n++) log.record(message(n));
    expect(log.sent).toBe(5);
    expect(log.after(5)).toEqual([]);
    expect(log.after(3)?.map((m) => m[0])).toEqual([4, 5]);
    expect(log.after(0)?.map((m) => m[0])).toEqual([1, 2, 3, 4, 5]);
  });

  it('cannot replay a count it never sent, or a fraction, or a negative one', () => {
    const log = new ReliableLog();
    log.record(message(1));
    for (const count of [2, -1, 0.5, Number.NaN]) expect(log.after(count)).toBeUndefined();
  });

  it('keeps a bounded number of messages, and says so when the gap is larger', () => {
    const log = new ReliableLog();
    const total = REPLAY_LIMIT.messages + 10;
    for (let n = 1; n <= total; n++) log.record(message(n));
    expect(log.after(total - REPLAY_LIMIT.messages)).toHaveLength(REPLAY_LIMIT.messages);
    expect(log.after(total - REPLAY_LIMIT.messages - 1)).toBeUndefined();
  });

  it('keeps a bounded number of bytes', () => {
    const log = new ReliableLog();
    const size = 64 * 1024;
    for (let n = 1; n <= 10; n++) log.record(message(n, size));
    const kept = REPLAY_LIMIT.bytes / size;
    expect(log.after(10 - kept)).toHaveLength(kept);
    expect(log.after(10 - kept - 1)).toBeUndefined();
  });
});
