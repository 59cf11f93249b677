import { describe, expect, it } from 'vitest';
import { encodeMessage } from '../../../../engine/src/protocol/codec.js';
import { CHECKPOINT_CHUNK_BYTES } from '../../../../engine/src/protocol/message-limits.js';
import { CheckpointAssembly } from '../../../../engine/src/session/migration/checkpoint-assembly.js';
import { checkpointChunks, encodeCheckpoint, readCheckpoint, type Checkpoint } from '../../../../engine/src/session/migration/checkpoint.js';

const checkpoint: Checkpoint = {
  tick: 1234,
  hostPlayerId: 0,
  credential: 'signed-by-the-broker',
  seats: [
    { playerId: 1, name: 'Ada', token: 'tok-a', received: 3, sent: 9 },
    { playerId: 4, name: 'Bob', token: 'tok-b', received: 0, sent: 2 },
  ],
  state: { ships: [{ id: 0, x: 1.5 }], scores: { 1: 3 }, blob: new Uint8Array([1, 2]) },
};

describe('checkpoint', () => {
  it('reads back what was written, through chunks, however many it takes', () => {
    const big: Checkpoint = { ...checkpoint, state: { pad: 'x'.repeat(CHECKPOINT_CHUNK_BYTES * 2 + 10) } };
    for (const cp of [checkpoint, big]) {
      const chunks = checkpointChunks(cp.tick, encodeCheckpoint(cp));
      expect(chunks).toHaveLength(cp === big ? 3 : 1);
      const assembly = new CheckpointAssembly();
      for (const chunk of chunks) assembly.accept(chunk);
      expect(assembly.refused).toBe(0);
      expect(assembly.checkpoint?.tick).toBe(cp.tick);
      expect(assembly.checkpoint?.seats).toEqual(cp.seats);
      const { blob, ...rest } = assembly.checkpoint!.state as Record<string, unknown>;
      const { blob: sentBlob, ...sentRest } = cp.state as Record<string, unknown>;
      expect(rest).toEqual(sentRest);
      if (sentBlob) expect(Array.from(blob as Uint8Array)).toEqual(Array.from(sentBlob as Uint8Array));
    }
  });

  it('carries the public listing when the lobby is listed, and reads a checkpoint without one', () => {
    const listed = readCheckpoint(encodeCheckpoint({ ...checkpoint, listing: { name: 'Ada’s arena ✨', mode: 'duel-2' } }));
    expect(listed.ok && listed.value.listing).toEqual({ name: 'Ada’s arena ✨', mode: 'duel-2' });
    const bytes = encodeCheckpoint(checkpoint);
    expect(encodeCheckpoint({ ...checkpoint, listing: undefined })).toEqual(bytes);
    const unlisted = readCheckpoint(bytes);
    expect(unlisted.ok && unlisted.value.listing).toBeUndefined();
  });

  it('refuses what a lying host sends, and counts it', () => {
    const lies: unknown[][] = [
      [1, 0, 'c', [[1, 'Ada', 'tok', 0, 0], [1, 'Bob', 'tok2', 0, 0]], {}], // one player twice
      [1, 0, 'c', [[0, 'Ada', 'tok', 0, 0]], {}], // the host's own player as a seat
      [1, 0, 'c', [[1, 'Ada', '', 0, 0]], {}], // no token
      [1, 0, 'c', [[1, 'Ada', 'tok', -1, 0]], {}], // a negative count
      [1, 0, 'c', [], { deep: nest(30) }], // state nested too deep
      [1, 0, 'c', []], // missing the state
      [-5, 0, 'c', [], {}],
      [1, 0, 'c', [], {}, ['Ada', 'Duel']], // a game mode the broker would refuse
      [1, 0, 'c', [], {}, ['   ', 'duel']], // a name of blanks
      [1, 0, 'c', [], {}, ['x'.repeat(49), 'duel']], // a name too long
      [1, 0, 'c', [], {}, ['Ada']], // a listing without its mode
      [1, 0, 'c', [], {}, ['Ada', 'duel'], 'more'], // one element too many
    ];
    for (const lie of lies) expect(readCheckpoint(encodeMessage(lie)).ok).toBe(false);
    const assembly = new CheckpointAssembly();
    assembly.accept({ kind: 'checkpoint', tick: 7, part: 0, partCount: 1, bytes: encodeMessage(lies[0]!) });
    expect(assembly.checkpoint).toBeUndefined();
    expect(assembly.refused).toBe(1);
  });

  it('a chunk out of turn restarts the assembly; a whole checkpoint of another tick than its chunks say is refused', () => {
    const bytes = encodeCheckpoint({ ...checkpoint, state: { pad: 'y'.repeat(CHECKPOINT_CHUNK_BYTES + 1) } });
    const [first, second] = checkpointChunks(checkpoint.tick, bytes);
    const assembly = new CheckpointAssembly();
    assembly.accept(second!);
    expect(assembly.refused).toBe(1);
    assembly.accept(first!);
    assembly.accept({ ...second!, tick: checkpoint.tick + 1 });
    expect(assembly.refused).toBe(2);
    expect(assembly.checkpoint).toBeUndefined();
    const single = checkpointChunks(checkpoint.tick + 5, encodeCheckpoint(checkpoint));
    assembly.accept(single[0]!);
    expect(assembly.refused).toBe(3);
    assembly.accept(first!);
    assembly.accept(second!);
    expect(assembly.checkpoint?.tick).toBe(checkpoint.tick);
  });

  it('a state too large to send is said, with its size', () => {
    const huge: Checkpoint = { ...checkpoint, state: { pad: 'z'.repeat(CHECKPOINT_CHUNK_BYTES * 64) } };
    expect(() => encodeCheckpoint(huge)).toThrow(/at most \d+ bytes; the game's saved state makes it \d+/);
  });
});

function nest(depth: number): unknown {
  return depth === 0 ? 1 : [nest(depth - 1)];
}
