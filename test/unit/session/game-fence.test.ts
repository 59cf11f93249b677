import { describe, expect, it, vi } from 'vitest';
import { isNetError } from '../../../engine/src/core/net-error.js';
import { GameFence, MAX_FAILURES_IN_A_ROW } from '../../../engine/src/session/game-fence.js';
import type { GameErrorEvent } from '../../../engine/src/session/session-events.js';

function setup() {
  const errors: GameErrorEvent[] = [];
  const stops: string[] = [];
  const fence = new GameFence({ emitError: (e) => errors.push(e), errorHeard: () => true, tick: () => 7, stop: (m) => stops.push(m) });
  return { fence, errors, stops };
}

const boom = (): never => {
  throw new Error('boom');
};

describe('GameFence', () => {
  it('reports a throw with the function that threw, the tick and the cause, and returns the fallback', () => {
    const { fence, errors } = setup();
    const value = fence.run(3, 'step', () => fence.call('toEntities', boom), 'fallback');
    expect(value).toBe('fallback');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ tick: 3, callback: 'toEntities' });
    expect(isNetError(errors[0]!.error, 'game_error')).toBe(true);
    expect(errors[0]!.error.message).toBe("the game's toEntities threw: boom");
    expect((errors[0]!.error.cause as Error).message).toBe('boom');
    // Untagged, the throw is named after the work that ran it.
    fence.run(4, 'addPlayer', boom, undefined);
    expect(errors[1]).toMatchObject({ tick: 4, callback: 'addPlayer' });
  });

  it("counts each function's failures in a row on their own: only its own success ends the run", () => {
    const { fence, errors, stops } = setup();
    for (let i = 0; i < MAX_FAILURES_IN_A_ROW - 1; i++) {
      fence.run(i, 'step', boom, undefined);
      // Another function working in between does not end the run of `step`.
      fence.run(i, 'fromEntities', () => 1, 0);
    }
    expect(stops).toEqual([]);
    fence.run(100, 'step', () => fence.call('step', () => 1), 0);
    for (let i = 0; i < MAX_FAILURES_IN_A_ROW - 1; i++) fence.run(i, 'step', boom, undefined);
    expect(stops).toEqual([]);
    fence.run(200, 'step', boom, undefined);
    expect(stops).toEqual([`${MAX_FAILURES_IN_A_ROW} calls in a row failed (step), the last at tick 200: the game's step threw: boom`]);
    expect(errors).toHaveLength(2 * MAX_FAILURES_IN_A_ROW - 1);
  });

  it('runs none of the game after a stop until resume(), and counts afresh then', () => {
    const { fence, errors, stops } = setup();
    for (let i = 0; i < MAX_FAILURES_IN_A_ROW; i++) fence.run(i, 'snapshot', boom, undefined);
    expect(stops).toHaveLength(1);
    let ran = false;
    expect(fence.run(11, 'step', () => (ran = true), false)).toBe(false);
    expect(ran).toBe(false);
    expect(errors).toHaveLength(MAX_FAILURES_IN_A_ROW);
    fence.resume();
    expect(fence.run(12, 'step', () => true, false)).toBe(true);
    fence.run(13, 'snapshot', boom, undefined);
    expect(stops).toHaveLength(1);
  });

  it('reports a listener throw without counting it, and an error listener throw on the console', () => {
    const { fence, errors, stops } = setup();
    for (let i = 0; i < 2 * MAX_FAILURES_IN_A_ROW; i++) fence.listenerThrew('tick', new Error('oops'));
    expect(errors).toHaveLength(2 * MAX_FAILURES_IN_A_ROW);
    expect(errors[0]).toMatchObject({ tick: 7, callback: 'listener' });
    expect(errors[0]!.error.message).toBe("a 'tick' listener threw: oops");
    expect(stops).toEqual([]);
    // Reported as another `error`, it could go round for ever.
    const said = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      fence.listenerThrew('error', new Error('worse'));
      expect(errors).toHaveLength(2 * MAX_FAILURES_IN_A_ROW);
      expect(said).toHaveBeenCalledWith("tickwire: a 'error' listener threw: worse", expect.any(Error));
    } finally {
      said.mockRestore();
    }
  });
});
