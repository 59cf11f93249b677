import { describe, expect, it } from 'vitest';
import { isNetError } from '../../../engine/src/core/net-error.js';
import { GameMessageTypes, IncomingSequences, OutgoingSequences } from '../../../engine/src/session/game-messages.js';

describe('game message types', () => {
  it('numbers types by sorted name and refuses undeclared ones and bad modes', () => {
    const types = new GameMessageTypes({ zap: 'unreliable', aim: 'sequenced', chat: 'reliable' });
    expect([types.code('aim'), types.code('chat'), types.code('zap')]).toEqual([0, 1, 2]);
    expect(types.name(1)).toBe('chat');
    expect(types.name(3)).toBeUndefined();
    expect(types.channel('chat')).toBe('control');
    expect(types.channel('aim')).toBe('state');
    expect(() => types.code('nope')).toThrow(/not declared/);
    let error: unknown;
    try {
      new GameMessageTypes({ chat: 'mostly' as 'reliable' });
    } catch (e) {
      error = e;
    }
    expect(isNetError(error, 'invalid_option')).toBe(true);
  });
});

describe('sequenced delivery', () => {
  it('keeps accepting newer messages across the 16-bit wrap, from 65,530 past 0', () => {
    const incoming = new IncomingSequences();
    const accepted: number[] = [];
    for (let i = 0; i < 20; i++) {
      const sequence = (65_530 + i) & 0xffff;
      if (incoming.accept(4, sequence)) accepted.push(sequence);
      // A replay of the previous one and an old one are dropped.
      expect(incoming.accept(4, sequence)).toBe(false);
      expect(incoming.accept(4, (sequence - 3) & 0xffff)).toBe(false);
    }
    expect(accepted).toEqual([...Array.from({ length: 6 }, (_, i) => 65_530 + i), ...Array.from({ length: 14 }, (_, i) => i)]);
  });

  it('numbers outgoing messages per type and wraps after 65,535', () => {
    const outgoing = new OutgoingSequences();
    let last = -1;
    for (let i = 0; i < 65_537; i++) last = outgoing.take(1);
    expect(last).toBe(0);
    expect(outgoing.take(2)).toBe(0);
    expect(outgoing.take(1)).toBe(1);
  });
});
