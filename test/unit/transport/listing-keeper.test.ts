/**
 * When a public listing is sent, on a manual clock with a broker played by hand: at once, again
 * every third of the broker's TTL and on every change (one request at a time, the latest state
 * after it), after failures with a growing wait, never while the broker is away, and a last
 * request that takes it off the list. Also what the engine checks before any broker is asked.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ManualClock } from '../../../engine/src/core/clock.js';
import { isNetError, NetError } from '../../../engine/src/core/net-error.js';
import { ListingKeeper, type ListingSource } from '../../../engine/src/game/listing-keeper.js';
import { checkPublicLobby } from '../../../engine/src/game/public-lobby.js';
import { listLobbies, quickJoin, type ListingFields } from '../../../engine/src/transport/peerjs/lobby-listing.js';
import { thrownBy } from '../../support/thrown-by.js';

/** Lets every promise that can settle now settle. */
const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

interface Call {
  readonly kind: 'put' | 'remove';
  readonly code: string;
  readonly players?: number;
  readonly at: number;
  answer(outcome: number | Error | undefined): void;
}

/** A broker whose every answer the test gives by hand, and a lobby whose players it sets. */
function rig(code: string | null = 'K7QX2M') {
  const clock = new ManualClock();
  const calls: Call[] = [];
  let players = 1;
  const call = (kind: Call['kind'], callCode: string, fields?: ListingFields) =>
    new Promise<number>((resolve, reject) => {
      calls.push({
        kind,
        code: callCode,
        ...(fields ? { players: fields.players } : {}),
        at: clock.now(),
        answer: (outcome) => (outcome instanceof Error ? reject(outcome) : resolve(outcome ?? 0)),
      });
    });
  const source: ListingSource = {
    current: () => ({ code: code ?? undefined, fields: { name: 'hana', mode: 'arena', players, seats: 4 } }),
    put: (c, fields) => call('put', c, fields),
    remove: (c) => call('remove', c).then(() => undefined),
  };
  const keeper = new ListingKeeper(source, clock);
  const events: string[] = [];
  keeper.on('listed', ({ players: p }) => events.push(`listed ${p}`));
  keeper.on('error', (error) => events.push(`error ${error.code}`));
  return {
    clock,
    calls,
    keeper,
    events,
    setPlayers: (n: number) => (players = n),
    async answer(outcome: number | Error | undefined) {
      const last = calls[calls.length - 1]!;
      last.answer(outcome);
      await flush();
    },
  };
}

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

describe('keeping a lobby listed', () => {
  it('lists at once and again every third of the TTL the broker answers with', async () => {
    const { clock, calls, keeper, events, answer } = rig();
    keeper.refresh();
    expect(calls.map((c) => [c.kind, c.code, c.at])).toEqual([['put', 'K7QX2M', 0]]);
    await answer(30_000);
    expect(keeper.listed).toBe(true);
    clock.advance(9_999);
    expect(calls).toHaveLength(1);
    clock.advance(1);
    expect(calls.map((c) => c.at)).toEqual([0, 10_000]);
    await answer(3_000);
    clock.advance(1_000);
    expect(calls.map((c) => c.at)).toEqual([0, 10_000, 11_000]);
    expect(events).toEqual(['listed 1', 'listed 1']);
  });

  it('sends one request at a time, and the latest state right after the one in flight', async () => {
    const { calls, keeper, setPlayers, answer } = rig();
    keeper.refresh();
    for (const players of [2, 3, 4]) {
      setPlayers(players);
      keeper.refresh();
    }
    expect(calls).toHaveLength(1);
    await answer(30_000);
    expect(calls.map((c) => c.players)).toEqual([1, 4]);
    await answer(30_000);
    expect(calls).toHaveLength(2);
  });

  it('tries a failed listing again after 1 s, 2 s, 4 s... up to the refresh interval, reporting each failure', async () => {
    const { clock, calls, keeper, events, answer } = rig();
    keeper.refresh();
    await answer(new NetError('broker_error', 'refused'));
    expect(keeper.listed).toBe(false);
    for (const wait of [1_000, 2_000, 4_000, 8_000, 10_000, 10_000]) {
      clock.advance(wait - 1);
      const before = calls.length;
      clock.advance(1);
      expect(calls.length, `a try ${wait} ms after the last`).toBe(before + 1);
      await answer(new Error('boom'));
    }
    expect(events.slice(0, 2)).toEqual(['error broker_error', 'error broker_error']);
    expect(events).toHaveLength(7);
    await flush();
    clock.advance(10_000);
    await answer(30_000);
    expect(keeper.listed).toBe(true);
  });

  it('says so when the lobby has no code to list yet, and tries again', async () => {
    const { clock, calls, keeper, events } = rig(null);
    keeper.refresh();
    await flush();
    expect(calls).toEqual([]);
    expect(events).toEqual(['error lobby_not_found']);
    clock.advance(1_000);
    await flush();
    expect(events).toEqual(['error lobby_not_found', 'error lobby_not_found']);
  });

  it('tries nothing while the broker is away, and lists at once when it is back', async () => {
    const { clock, calls, keeper, answer } = rig();
    keeper.refresh();
    await answer(30_000);
    keeper.pause();
    expect(keeper.listed).toBe(false);
    keeper.refresh();
    clock.advance(60_000);
    expect(calls).toHaveLength(1);
    keeper.resume();
    expect(calls.map((c) => c.at)).toEqual([0, 60_000]);
  });

  it('stops after the request in flight and takes the lobby off the list, once', async () => {
    const { clock, calls, keeper, answer } = rig();
    keeper.refresh();
    const stopped = keeper.stop();
    expect(keeper.stop()).toBe(stopped);
    keeper.refresh();
    await flush();
    expect(calls.map((c) => c.kind)).toEqual(['put']);
    await answer(30_000);
    expect(calls.map((c) => [c.kind, c.code])).toEqual([
      ['put', 'K7QX2M'],
      ['remove', 'K7QX2M'],
    ]);
    await answer(undefined);
    await stopped;
    clock.advance(60_000);
    expect(calls).toHaveLength(2);
    expect(keeper.listed).toBe(false);
  });

  it("keeps going when a listener of its events throws, and says so on the console", async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { clock, calls, keeper, answer } = rig();
    keeper.on('listed', () => {
      throw new Error('a bug in the game');
    });
    keeper.refresh();
    await answer(30_000);
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/listener of the public listing's "listed" event threw/), expect.any(Error));
    clock.advance(10_000);
    expect(calls).toHaveLength(2);
  });
});

describe('what is checked before the broker is asked', () => {
  it('checks a public lobby’s name and mode, with "default" for a mode left out', () => {
    expect(checkPublicLobby({ name: '  Hana  ' })).toEqual({ name: 'Hana', mode: 'default' });
    expect(checkPublicLobby({ name: 'x'.repeat(48), mode: 'ctf-2v2' })).toEqual({ name: 'x'.repeat(48), mode: 'ctf-2v2' });
    for (const bad of [{ name: '' }, { name: '   ' }, { name: 'x'.repeat(49) }, { name: 'ok', mode: 'Arena' }, { name: 'ok', mode: '-x' }, { name: 'ok', mode: '' }]) {
      const error = thrownBy(() => checkPublicLobby(bad));
      expect(isNetError(error, 'invalid_option'), JSON.stringify(bad)).toBe(true);
    }
  });

  it('refuses a bad mode or page size without a request, and reads the broker’s answers carefully', async () => {
    const fetch = vi.fn<(url: string) => Promise<Response>>(() => Promise.resolve(new Response(JSON.stringify({ lobbies: [{ code: 'K7QX2M', name: 'x', mode: 'arena', players: 5, seats: 4 }] }), { status: 200 })));
    vi.stubGlobal('fetch', fetch);
    await expect(listLobbies('http://127.0.0.1:9', { mode: 'NOPE' })).rejects.toMatchObject({ code: 'invalid_option' });
    await expect(listLobbies('http://127.0.0.1:9', { limit: 0 })).rejects.toMatchObject({ code: 'invalid_option' });
    await expect(quickJoin('http://127.0.0.1:9', { mode: 'a b' })).rejects.toMatchObject({ code: 'invalid_option' });
    expect(fetch).not.toHaveBeenCalled();
    // More players than seats is no lobby a broker lists.
    await expect(listLobbies('http://127.0.0.1:9', { mode: 'arena', limit: 5 })).rejects.toMatchObject({ code: 'broker_error' });
    expect(fetch.mock.calls[0]?.[0]).toBe('http://127.0.0.1:9/api/lobbies?mode=arena&limit=5');
    fetch.mockImplementation(() => Promise.resolve(new Response(JSON.stringify({ error: { code: 'no_open_lobby', message: 'none' } }), { status: 404 })));
    await expect(quickJoin('http://127.0.0.1:9')).resolves.toBeUndefined();
    fetch.mockImplementation(() => Promise.resolve(new Response(JSON.stringify({ error: { code: 'rate_limited', message: 'slow down' } }), { status: 429 })));
    await expect(quickJoin('http://127.0.0.1:9', { mode: 'arena' })).rejects.toMatchObject({ code: 'broker_error' });
  });
});
