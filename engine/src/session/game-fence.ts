/**
 * The fence between the engine's loops and the game's code. A host calls the game's `step`,
 * `toEntities` and the rest from inside its tick, a client from inside its frames; a throw there
 * must cost the tick its result, never the loop (a loop that stops rescheduling is a game frozen
 * for every player). Each piece of the game's work runs through `run`: a throw becomes an `error`
 * event naming the function and the tick, and the caller goes on with a fallback, the state as it
 * was before. A function that throws on `MAX_FAILURES_IN_A_ROW` calls in a row is broken rather
 * than unlucky: the fence asks its owner to stop the loop (`stopped`), and calls none of the
 * game's code for the rest of that tick or frame.
 *
 * Each function is counted on its own, and only its own successful call ends its run of failures:
 * a `step` that always throws stops the game even though `fromEntities` works, and a snapshot that
 * never fits stops it even though every tick's `step` works.
 */
import { NetError } from '../core/net-error.js';
import type { GameCallback, GameErrorEvent } from './session-events.js';

/**
 * Failed calls of one function in a row that stop the loop: a sixth of a second at 60 Hz, long
 * enough that a one-off failure never stops a game, short enough that a broken one stops at once.
 */
export const MAX_FAILURES_IN_A_ROW = 10;

/** Errors said on the console when nobody listens for `error`, per host or client; later ones are not. */
const UNHEARD_REPORTED = 5;

/** How a caller of the game's code tags a throw with the function that threw (see `GameFence.call`). */
export interface GameCalls {
  call<T>(callback: GameCallback, fn: () => T): T;
}

/** Calls the game directly: for a `QuantizedSim` outside any loop (tools, tests). */
export const directCalls: GameCalls = { call: (_callback, fn) => fn() };

export interface GameFenceContext {
  /** Emits an `error` event. */
  readonly emitError: (event: GameErrorEvent) => void;
  /** Whether anyone listens for `error`; when nobody does, the first few go to the console. */
  readonly errorHeard: () => boolean;
  /** The tick to name in a listener's error. */
  readonly tick: () => number;
  /** Stops the loop after too many failures in a row, and says why. */
  readonly stop: (message: string) => void;
}

/** A throw from the game's code, named after the function that threw. */
class GameCallbackError extends NetError {
  constructor(
    readonly callback: GameCallback,
    cause: unknown,
    message = `${callback === 'snapshot' ? "the game's state could not be sent as a snapshot" : `the game's ${callback} threw`}: ${describe(cause)}`,
  ) {
    super('game_error', message, { cause });
  }
}

export class GameFence implements GameCalls {
  private readonly failures = new Map<GameCallback, number>();
  private halted = false;
  private unheard = 0;

  constructor(private readonly ctx: GameFenceContext) {}

  /**
   * Calls one of the game's functions inside a `run`: a throw comes out as a `NetError` naming the
   * function, which `run` reports as such (outside a `run`, the caller gets that error).
   */
  call<T>(callback: GameCallback, fn: () => T): T {
    let value: T;
    try {
      value = fn();
    } catch (cause) {
      throw cause instanceof GameCallbackError ? cause : new GameCallbackError(callback, cause);
    }
    this.failures.delete(callback);
    return value;
  }

  /**
   * Runs a piece of the game's work for `tick`. A throw is reported (named after the function
   * `call` tagged, else after `callback`) and `fallback` returned; so is `fallback`, without
   * running anything, once the fence has stopped the loop and until `resume()`.
   */
  run<T>(tick: number, callback: GameCallback, fn: () => T, fallback: T): T {
    if (this.halted) return fallback;
    try {
      const value = fn();
      this.failures.delete(callback);
      return value;
    } catch (thrown) {
      this.fail(tick, thrown instanceof GameCallbackError ? thrown : new GameCallbackError(callback, thrown));
      return fallback;
    }
  }

  /**
   * A listener of `event` threw. Reported, never counted: the state is whole, so the game goes on.
   * A throw from an `error` listener itself goes to the console, since reporting it as another
   * `error` could go round for ever.
   */
  listenerThrew(event: string, cause: unknown): void {
    const error = new GameCallbackError('listener', cause, `a '${event}' listener threw: ${describe(cause)}`);
    if (event === 'error') this.say(error);
    else this.report({ error, tick: this.ctx.tick(), callback: 'listener' });
  }

  /** Lets the game's code run again after a stop: at the start of each tick or frame. */
  resume(): void {
    this.halted = false;
  }

  private fail(tick: number, error: GameCallbackError): void {
    const inARow = (this.failures.get(error.callback) ?? 0) + 1;
    this.failures.set(error.callback, inARow);
    this.report({ error, tick, callback: error.callback });
    if (inARow < MAX_FAILURES_IN_A_ROW) return;
    this.failures.clear();
    this.halted = true;
    this.ctx.stop(`${inARow} calls in a row failed (${error.callback}), the last at tick ${tick}: ${error.message}`);
  }

  private report(event: GameErrorEvent): void {
    if (this.ctx.errorHeard()) this.ctx.emitError(event);
    else this.say(event.error);
  }

  /** As a browser says a throw nobody caught: on the console, the first few only. */
  private say(error: NetError): void {
    if (++this.unheard > UNHEARD_REPORTED) return;
    const more = this.unheard === UNHEARD_REPORTED ? ' (further ones are not said)' : '';
    console.error(`tickwire: ${error.message}${more}`, error.cause);
  }
}

function describe(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}
