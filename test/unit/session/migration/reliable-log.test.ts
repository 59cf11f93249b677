import { describe, expect, it } from 'vitest';
import { ReliableLog } from '../../../../engine/src/session/reliable-log.js';

const bytes = (n: number) => Uint8Array.of(n);

describe('an inherited reliable log (host migration)', () => {
  it('takes the receiver count as the truth, and replays what was recorded since the takeover', () => {
    const log = ReliableLog.inherited(10);
    expect(log.sent).toBe(10);
    log.record(bytes(1));
    log.record(bytes(2));
    // The receiver got 12 of the old host's messages, two more than the checkpoint knew of.
    log.rebase(12);
    expect(log.sent).toBe(14);
    expect(log.after(12)).toEqual([bytes(1), bytes(2)]);
    // Rebased once: from now on it is an ordinary log.
    log.rebase(0);
    expect(log.sent).toBe(14);
  });

  it('an ordinary log ignores rebase', () => {
    const log = new ReliableLog();
    log.record(bytes(1));
    log.rebase(5);
    expect(log.sent).toBe(1);
    expect(log.after(5)).toBeUndefined();
  });
});
