/**
 * Time to converge after input stops: from the moment every scripted player lets go, how long
 * until every client draws every player's entity (its own predicted, the others interpolated)
 * where the host has it, and keeps drawing it there (for two seconds, to count as settled). This is what a player sees settle: the
 * prediction error gliding out plus the interpolation delay behind the host.
 */
import type { GameSchema } from '../../../engine/src/protocol/schema.js';
import { entityDistance } from '../../../engine/src/session/entity-fields.js';
import type { LoopbackSession } from '../measure/loopback-session.js';
import type { BenchScene } from '../scenes/scene.js';

/** Views that have agreed this long count as settled. */
const SETTLED_MS = 2000;

/**
 * How long after input stops the views settle (agree, and keep agreeing for 2 s), in ms; undefined
 * when they have not within `limitMs`.
 */
export function convergeAfterStop<State, Schema extends GameSchema>(
  scene: BenchScene<State, Schema>,
  session: LoopbackSession<State, Schema>,
  limitMs: number,
): number | undefined {
  const frameMs = 8;
  session.steering = false;
  let elapsed = 0;
  let lastApart = 0;
  while (elapsed < limitMs && elapsed - lastApart < SETTLED_MS) {
    session.run(frameMs);
    elapsed += frameMs;
    if (!allViewsAgree(scene, session)) lastApart = elapsed;
  }
  return elapsed - lastApart >= SETTLED_MS ? lastApart : undefined;
}

function allViewsAgree<State, Schema extends GameSchema>(scene: BenchScene<State, Schema>, session: LoopbackSession<State, Schema>): boolean {
  const { simulation } = scene;
  const authoritative = new Map(simulation.toEntities(session.host.state).map((e) => [e.id, e]));
  const players = session.clients.flatMap((c) => {
    const id = c.playerId === undefined ? undefined : simulation.playerEntityId?.(c.playerId);
    return id === undefined ? [] : [id];
  });
  for (const client of session.clients) {
    const drawn = new Map(client.view().entities.map((e) => [e.id, e]));
    for (const id of players) {
      const truth = authoritative.get(id);
      if (!truth) continue;
      const schema = simulation.schema.entities[truth.type]!;
      if (!(entityDistance(schema, drawn.get(id), truth) <= scene.convergeTolerance)) return false;
    }
  }
  return true;
}
