/**
 * The voice mesh's decisions, with no browser: several players' meshes wired through an in-memory
 * relay standing in for the host, fake links that connect or fail when the test says, and a
 * manual clock. Who offers, that offers never cross, retries, and every way a link ends.
 */
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../engine/src/core/clock.js';
import type { VoiceSignal } from '../../../engine/src/protocol/parse-voice.js';
import { VoiceMesh, type VoiceLinkSignal, type VoiceLinkSpec, type VoiceLinkState } from '../../../engine/src/voice/voice-mesh.js';
import { VoicePort } from '../../../engine/src/voice/voice-port.js';
import { offersTo } from '../../../engine/src/voice/voice-roles.js';

class FakeLink {
  readonly received: VoiceLinkSignal[] = [];
  closed = false;
  constructor(readonly spec: VoiceLinkSpec) {
    if (spec.offerer) spec.send({ type: 'offer', link: spec.link, sdp: `offer ${spec.link}` });
  }
  signal(signal: VoiceLinkSignal): void {
    this.received.push(signal);
    if (signal.type === 'offer') this.spec.send({ type: 'answer', link: this.spec.link, sdp: `answer ${signal.link}` });
  }
  close(): void {
    this.closed = true;
  }
}

interface Player {
  readonly id: number;
  readonly port: VoicePort;
  readonly mesh: VoiceMesh;
  readonly links: FakeLink[];
  readonly changes: [number, VoiceLinkState][];
  /** Signals this player sent, in order. */
  readonly sent: { to: number; signal: VoiceSignal }[];
  self: number | undefined;
}

/**
 * Players in one game. Signals queue in order, as the host's ordered channels keep them, and
 * `flush` delivers them, and what they cause, until nothing is left in flight.
 */
function game(ids: number[], options: { maxPeers?: number } = {}) {
  const clock = new ManualClock();
  const players = new Map<number, Player>();
  const roster = new Set(ids);
  const queue: { from: number; to: number; signal: VoiceSignal }[] = [];
  const deliver = (from: number, to: number, signal: VoiceSignal) => players.get(to)?.port.deliver(from, signal);
  const add = (id: number): Player => {
    const links: FakeLink[] = [];
    const changes: [number, VoiceLinkState][] = [];
    const sent: { to: number; signal: VoiceSignal }[] = [];
    const player: Player = {
      id,
      links,
      changes,
      sent,
      self: id,
      port: new VoicePort({
        send: (to, signal) => {
          sent.push({ to, signal });
          if (!roster.has(to)) return false;
          queue.push({ from: player.self!, to, signal });
          return true;
        },
        players: () => [...roster],
        self: () => player.self,
      }),
      mesh: undefined as unknown as VoiceMesh,
    };
    const mesh = new VoiceMesh({
      clock,
      maxPeers: options.maxPeers ?? 7,
      connectTimeoutMs: 15_000,
      backoff: { firstMs: 500, maxMs: 10_000 },
      random: () => 0.5,
      open: (spec) => {
        const link = new FakeLink(spec);
        links.push(link);
        return link;
      },
      linkChanged: (remote, state) => changes.push([remote, state]),
    });
    Object.assign(player, { mesh });
    mesh.attach(player.port);
    players.set(id, player);
    return player;
  };
  for (const id of ids) add(id);
  const flush = () => {
    for (let next = queue.shift(); next; next = queue.shift()) deliver(next.from, next.to, next.signal);
  };
  return {
    clock,
    players,
    flush,
    get: (id: number) => players.get(id)!,
    /** Turns voice on for each player in turn, each one's signals delivered before the next. */
    start(...started: number[]): void {
      for (const id of started) {
        players.get(id)!.mesh.start();
        flush();
      }
    },
    /** Moves time on in steps of 10 ms, delivering what is in flight after each: a 10 ms relay. */
    advance(ms: number): void {
      for (let t = 0; t < ms; t += 10) {
        clock.advance(Math.min(10, ms - t));
        flush();
      }
    },
    join(id: number): Player {
      roster.add(id);
      const player = add(id);
      for (const other of players.values()) if (other.id !== id) other.port.joined(id);
      flush();
      return player;
    },
    leave(id: number): void {
      roster.delete(id);
      players.get(id)?.mesh.stop();
      players.delete(id);
      for (const other of players.values()) other.port.left(id);
      flush();
    },
  };
}

/** The live (not closed) links of a player, by remote. */
function live(player: Player): FakeLink[] {
  return player.links.filter((l) => !l.closed);
}

function offers(player: Player): number {
  return player.sent.filter((s) => s.signal.type === 'offer').length;
}

describe('who offers', () => {
  it('is the lower player id, whichever way round', () => {
    expect(offersTo(0, 1)).toBe(true);
    expect(offersTo(1, 0)).toBe(false);
    expect(offersTo(3, 12)).toBe(true);
  });
});

describe('the voice mesh', () => {
  it('links two players once, the lower id offering, whoever turned voice on first', () => {
    for (const first of [1, 2]) {
      const g = game([1, 2]);
      g.start(first);
      expect(live(g.get(1))).toHaveLength(0);
      g.start(3 - first);
      const [a, b] = [g.get(1), g.get(2)];
      expect(live(a)).toHaveLength(1);
      expect(live(b)).toHaveLength(1);
      expect(live(a)[0]!.spec).toMatchObject({ remote: 2, offerer: true });
      expect(live(b)[0]!.spec).toMatchObject({ remote: 1, offerer: false, link: live(a)[0]!.spec.link });
      expect(offers(a)).toBe(1);
      expect(offers(b)).toBe(0);
      expect(live(a)[0]!.received.map((s) => s.type)).toEqual(['answer']);
    }
  });

  it('makes no crossed offers when both turn voice on at the same moment', () => {
    const g = game([4, 9]);
    g.get(4).mesh.start();
    g.get(9).mesh.start();
    g.flush();
    expect(offers(g.get(4))).toBe(1);
    expect(offers(g.get(9))).toBe(0);
    expect(live(g.get(4))).toHaveLength(1);
    expect(live(g.get(9))).toHaveLength(1);
  });

  it('links every pair of a full mesh of eight exactly once', () => {
    const ids = [0, 1, 2, 3, 4, 5, 6, 7];
    const g = game(ids);
    g.start(...ids);
    for (const id of ids) {
      const player = g.get(id);
      expect(live(player).map((l) => l.spec.remote).sort()).toEqual(ids.filter((other) => other !== id));
      expect(offers(player)).toBe(ids.filter((other) => other > id).length);
    }
  });

  it('holds at most maxPeers links and counts the offers it leaves unanswered', () => {
    const g = game([1, 2, 3], { maxPeers: 1 });
    g.start(1, 2, 3);
    expect(live(g.get(1))).toHaveLength(1);
    expect(live(g.get(3)).length).toBeLessThanOrEqual(1);
    expect(g.get(1).mesh.counters.overCap + g.get(2).mesh.counters.overCap + g.get(3).mesh.counters.overCap).toBeGreaterThan(0);
  });

  it('greets a player who joins later, and links once that player turns voice on', () => {
    const g = game([0, 1]);
    g.start(0, 1);
    const late = g.join(2);
    expect(g.get(0).sent.filter((s) => s.to === 2 && s.signal.type === 'hello')).toHaveLength(1);
    g.start(2);
    expect(live(late).map((l) => l.spec.remote).sort()).toEqual([0, 1]);
    expect(live(late).every((l) => !l.spec.offerer)).toBe(true);
  });

  it('reports connected, and on failure closes the link and offers again after a backoff', () => {
    const g = game([1, 2]);
    g.start(1, 2);
    const [a, b] = [g.get(1), g.get(2)];
    live(a)[0]!.spec.changed('connected');
    g.flush();
    expect(a.changes).toContainEqual([2, 'connected']);
    expect(a.mesh.linkStates().get(2)).toBe('connected');
    live(a)[0]!.spec.changed('failed');
    g.flush();
    expect(live(a)).toHaveLength(0);
    expect(a.changes.slice(-2)).toEqual([
      [2, 'failed'],
      [2, 'closed'],
    ]);
    expect(offers(a)).toBe(1);
    // The first retry waits between a quarter and a half second (half the 500 ms ceiling, or all of it).
    g.advance(200);
    expect(offers(a)).toBe(1);
    g.advance(400);
    expect(offers(a)).toBe(2);
    expect(live(a)).toHaveLength(1);
    // The answerer dropped its old link for the new offer.
    expect(live(b)).toHaveLength(1);
    expect(live(b)[0]!.spec.link).toBe(live(a)[0]!.spec.link);
    expect(a.mesh.counters.failed).toBe(1);
  });

  it('gives up a link that does not connect in time and tries again', () => {
    const g = game([1, 2]);
    g.start(1, 2);
    g.advance(15_000);
    expect(g.get(1).mesh.counters.failed).toBe(1);
    expect(g.get(2).mesh.counters.failed).toBe(1);
    g.advance(1000);
    expect(offers(g.get(1))).toBe(2);
    expect(live(g.get(1))).toHaveLength(1);
    expect(live(g.get(2))).toHaveLength(1);
  });

  it('has an answerer whose link failed ask for a fresh offer', () => {
    const g = game([1, 2]);
    g.start(1, 2);
    const [a, b] = [g.get(1), g.get(2)];
    live(b)[0]!.spec.changed('failed');
    g.flush();
    expect(live(b)).toHaveLength(0);
    const hellos = () => b.sent.filter((s) => s.signal.type === 'hello' && !s.signal.reply).length;
    const before = hellos();
    // It waits a window longer than the offerer would (500 ms more), to let an offer come first.
    g.advance(600);
    expect(hellos()).toBe(before);
    g.advance(400);
    expect(hellos()).toBe(before + 1);
    // The offerer dropped its side and offered anew.
    expect(offers(a)).toBe(2);
    expect(live(a)).toHaveLength(1);
    expect(live(b)).toHaveLength(1);
  });

  it('ignores answers and candidates for a link that is gone, counting them', () => {
    const g = game([1, 2]);
    g.start(1, 2);
    const a = g.get(1);
    const link = live(a)[0]!.spec.link;
    a.port.deliver(2, { type: 'answer', link: link + 100, sdp: 'old' });
    a.port.deliver(2, { type: 'candidate', link: link + 100, candidate: 'c', sdpMid: '0', sdpMLineIndex: 0 });
    // An offer from the player that should answer is from the wrong side.
    a.port.deliver(2, { type: 'offer', link: 99, sdp: 'wrong side' });
    expect(a.mesh.counters.stale).toBe(3);
    expect(live(a)[0]!.received.map((s) => s.type)).toEqual(['answer']);
  });

  it('closes the link on bye, when the player leaves, and when its own id changes', () => {
    const g = game([1, 2, 3]);
    g.start(1, 2, 3);
    const a = g.get(1);
    expect(live(a)).toHaveLength(2);
    g.get(2).mesh.stop();
    g.flush();
    expect(live(a).map((l) => l.spec.remote)).toEqual([3]);
    expect(live(g.get(2))).toHaveLength(0);
    g.leave(3);
    expect(live(a)).toHaveLength(0);
    expect(a.changes.filter(([, s]) => s === 'closed').map(([r]) => r).sort()).toEqual([2, 3]);

    const h = game([1, 2]);
    h.start(1, 2);
    const b = h.get(2);
    b.self = 5;
    b.port.selfChanged();
    h.flush();
    expect(live(b)).toHaveLength(0);
    const greetings = () => b.sent.filter((s) => s.signal.type === 'hello' && !s.signal.reply).length;
    const greeted = greetings();
    // With no id (the session ended) nobody is greeted.
    b.self = undefined;
    b.port.selfChanged();
    expect(greetings()).toBe(greeted);
  });

  it('keeps its links when it comes back as itself, greeting only players it has no link with', () => {
    const g = game([1, 2, 3]);
    g.start(1, 2);
    const a = g.get(1);
    const link = live(a)[0]!;
    const hellos = () => a.sent.filter((s) => s.signal.type === 'hello' && !s.signal.reply).map((s) => s.to);
    const before = hellos().length;
    a.port.selfChanged();
    expect(live(a)).toEqual([link]);
    expect(hellos().slice(before)).toEqual([3]);
  });

  it('does nothing while voice is off', () => {
    const g = game([1, 2]);
    g.start(2);
    expect(g.get(1).sent).toHaveLength(0);
    expect(live(g.get(1))).toHaveLength(0);
    expect(g.get(2).sent).toEqual([{ to: 1, signal: { type: 'hello', reply: false } }]);
  });

  it('moves to another port and keeps its links (a host migration)', () => {
    const g = game([1, 2]);
    g.start(1, 2);
    const a = g.get(1);
    const link = live(a)[0]!;
    const port = new VoicePort({ send: () => true, players: () => [1, 2], self: () => 1 });
    a.mesh.attach(port);
    expect(live(a)).toEqual([link]);
    // Signals from the old port are no longer heard; the new one's are.
    a.port.deliver(2, { type: 'bye' });
    expect(live(a)).toEqual([link]);
    port.deliver(2, { type: 'bye' });
    expect(live(a)).toHaveLength(0);
  });
});
