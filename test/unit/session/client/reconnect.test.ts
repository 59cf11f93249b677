import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../../engine/src/core/clock.js';
import { NetError } from '../../../../engine/src/core/net-error.js';
import { ATTEMPT_TIMEOUT_MS, HEDGE_MS, Reconnect, TAKEOVER_POLL_MS, TAKEOVER_POLLS } from '../../../../engine/src/session/client/reconnect.js';
import type { ClientTransport, LeaveReason } from '../../../../engine/src/transport/transport.js';
import { LoopbackNetwork } from '../../../../engine/src/transport/loopback/loopback-network.js';

const LOST: LeaveReason = { code: 'connection_lost', message: 'the network path failed' };

/** Lets the promises of `open` settle. */
const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

function setup(open: (attempt: number) => Promise<ClientTransport>, windowMs = 10_000) {
  const clock = new ManualClock();
  const log: string[] = [];
  let attempts = 0;
  const reconnect = new Reconnect(
    {
      clock,
      open: () => open(++attempts),
      onAttempt: (n) => log.push(`attempt ${n} at ${clock.now()}`),
      onLink: () => log.push(`link at ${clock.now()}`),
      onGiveUp: (reason) => log.push(`gave up at ${clock.now()}: ${reason.code}: ${reason.message}`),
    },
    LOST,
    clock.now() + windowMs,
  );
  return { clock, log, reconnect };
}

async function advance(clock: ManualClock, ms: number): Promise<void> {
  for (let t = 0; t < ms; t += 50) {
    clock.advance(50);
    await settle();
  }
}

describe('Reconnect', () => {
  it('backs off from 250 ms, doubling to 2 s, and gives up before the window ends', async () => {
    const { clock, log, reconnect } = setup(() => Promise.reject(new NetError('broker_unreachable', 'down')), 6000);
    reconnect.start();
    await settle();
    await advance(clock, 7000);
    expect(log).toEqual([
      'attempt 1 at 0',
      'attempt 2 at 250',
      'attempt 3 at 750',
      'attempt 4 at 1750',
      'attempt 5 at 3750',
      'attempt 6 at 5750',
      'gave up at 5750: connection_lost: the network path failed; no way back within the reconnect window',
    ]);
    expect(reconnect.running).toBe(false);
  });

  it('hands over the first link that opens, and stays running until the host lets it back in', async () => {
    const network = new LoopbackNetwork({ clock: new ManualClock() });
    network.createHost('host');
    const { clock, log, reconnect } = setup((n) => (n < 3 ? Promise.reject(new Error('not yet')) : Promise.resolve(network.connect('host'))));
    reconnect.start();
    await settle();
    await advance(clock, 1000);
    expect(log).toEqual(['attempt 1 at 0', 'attempt 2 at 250', 'attempt 3 at 750', 'link at 750']);
    expect(reconnect.running).toBe(true);
    reconnect.retry();
    await settle();
    await advance(clock, 1000);
    expect(log.slice(4)).toEqual(['attempt 4 at 2000', 'link at 2000']);
  });

  it('does not wait for a try that hangs: the next one starts, and a link that opens after another is closed', async () => {
    const network = new LoopbackNetwork({ clock: new ManualClock() });
    network.createHost('host');
    let releaseFirst: (transport: ClientTransport) => void = () => {};
    const third = network.connect('host');
    // The first try and its companion both hang; the try after the companion's 5 s gets the link.
    const { clock, log, reconnect } = setup((n) => (n === 1 ? new Promise((r) => (releaseFirst = r)) : n === 2 ? new Promise(() => {}) : Promise.resolve(third)));
    reconnect.start();
    await settle();
    await advance(clock, 6500);
    const retryAt = HEDGE_MS + ATTEMPT_TIMEOUT_MS + 500;
    expect(log).toEqual([`attempt 1 at 0`, `attempt 2 at ${HEDGE_MS}`, `attempt 3 at ${retryAt}`, `link at ${retryAt}`]);
    const late = network.connect('host');
    releaseFirst(late);
    await settle();
    expect(late.open).toBe(false);
    expect(third.open).toBe(true);
    expect(log).toHaveLength(4);
  });

  it('starts one companion try beside a try with no link after 0.4 s, and uses whichever link opens first', async () => {
    const network = new LoopbackNetwork({ clock: new ManualClock() });
    network.createHost('host');
    const slow = network.connect('host');
    const fast = network.connect('host');
    let releaseSlow: (transport: ClientTransport) => void = () => {};
    let releaseFast: (transport: ClientTransport) => void = () => {};
    const { clock, log, reconnect } = setup((n) => new Promise((r) => (n === 1 ? (releaseSlow = r) : (releaseFast = r))));
    reconnect.start();
    await settle();
    await advance(clock, HEDGE_MS - 50);
    expect(log).toEqual(['attempt 1 at 0']);
    await advance(clock, 1000);
    // One companion only: no third try while both are pending.
    expect(log).toEqual(['attempt 1 at 0', `attempt 2 at ${HEDGE_MS}`]);
    const openedAt = clock.now();
    releaseFast(fast);
    await settle();
    releaseSlow(slow);
    await settle();
    expect(log).toEqual(['attempt 1 at 0', `attempt 2 at ${HEDGE_MS}`, `link at ${openedAt}`]);
    expect(fast.open).toBe(true);
    expect(slow.open).toBe(false);
  });

  it('stops at once when the lobby is gone: the host is not coming back', async () => {
    const { log, reconnect } = setup(() => Promise.reject(new NetError('lobby_not_found', 'no lobby')));
    reconnect.start();
    await settle();
    expect(log).toEqual(['attempt 1 at 0', 'gave up at 0: connection_lost: the network path failed; the host is gone']);
  });

  it('closes a link that opens after it was cancelled', async () => {
    const network = new LoopbackNetwork({ clock: new ManualClock() });
    network.createHost('host');
    const link = network.connect('host');
    let resolve: (transport: ClientTransport) => void = () => {};
    const { log, reconnect } = setup(() => new Promise((r) => (resolve = r)));
    reconnect.start();
    reconnect.cancel();
    resolve(link);
    await settle();
    expect(log).toEqual(['attempt 1 at 0']);
    expect(link.open).toBe(false);
  });

  it('asks again within moments while another player takes the game over, a few times, then backs off as ever', async () => {
    const { clock, log, reconnect } = setup(() => Promise.reject(new NetError('host_gone', 'taking over')), 60_000);
    reconnect.start();
    await settle();
    await advance(clock, TAKEOVER_POLL_MS * (TAKEOVER_POLLS + 1) + 250 + 500);
    const quick = Array.from({ length: TAKEOVER_POLLS + 1 }, (_, i) => `attempt ${i + 1} at ${i * TAKEOVER_POLL_MS}`);
    const last = TAKEOVER_POLLS * TAKEOVER_POLL_MS;
    expect(log).toEqual([...quick, `attempt ${TAKEOVER_POLLS + 2} at ${last + 250}`, `attempt ${TAKEOVER_POLLS + 3} at ${last + 750}`]);
    expect(reconnect.running).toBe(true);
  });
});
