/**
 * A client whose game is not the host's (another schema, other message types or modes, another
 * version) is refused at the handshake with `schema_mismatch`, and both sides are told which part
 * differs. Before, such a client joined, drew nothing and counted every snapshot as invalid.
 */
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../engine/src/core/clock.js';
import { field, type GameSchema } from '../../../engine/src/protocol/schema.js';
import { createClient } from '../../../engine/src/session/client/client.js';
import type { ClientOptions } from '../../../engine/src/session/client/client-options.js';
import { createHost } from '../../../engine/src/session/host/host.js';
import { LoopbackNetwork } from '../../../engine/src/transport/loopback/loopback-network.js';
import { movingSquare } from '../../../engine/examples/moving-square.js';
import type { Simulation } from '../../../engine/src/session/simulation.js';
import type { World, SquareSchema } from '../../support/loopback-game.js';
import type { MessageTypes } from '../../../engine/src/session/message-declaration.js';

const MESSAGES = { chat: 'reliable', aim: 'sequenced' } as const;

interface Outcome {
  readonly hostRefused: string[];
  readonly clientEvents: string[];
  readonly joined: boolean;
  readonly invalidMessages: number;
  readonly entitiesSeen: number;
}

/** A host of the moving square (messages `MESSAGES`, version `host.version`) and one client declaring `client`. */
function play(client: Partial<ClientOptions<World, GameSchema, MessageTypes>>, host: { readonly version?: string } = { version: '1.0' }): Outcome {
  const clock = new ManualClock();
  const network = new LoopbackNetwork({ clock, conditions: { latencyMs: 20 } });
  const server = createHost({ simulation: movingSquare, transport: network.createHost('host'), clock, messages: MESSAGES, ...host });
  const hostRefused: string[] = [];
  server.on('refused', ({ reason, message }) => hostRefused.push(`${reason}: ${message}`));
  server.start();
  const joiner = createClient({ simulation: movingSquare, transport: network.connect('host'), clock, messages: MESSAGES, version: '1.0', ...client });
  const clientEvents: string[] = [];
  joiner.on('refused', ({ reason, message }) => clientEvents.push(`refused ${reason}: ${message}`));
  joiner.on('disconnected', ({ code, message }) => clientEvents.push(`disconnected ${code}: ${message}`));
  joiner.start();
  let entitiesSeen = 0;
  for (let t = 0; t < 1000; t += 8) {
    clock.advance(8);
    entitiesSeen = Math.max(entitiesSeen, joiner.view().entities.length);
  }
  return { hostRefused, clientEvents, joined: joiner.playerId !== undefined, invalidMessages: joiner.stats().invalidMessages, entitiesSeen };
}

/** The moving square with its schema changed by `change`: another game, as far as the host can tell. */
function withSchema(change: (schema: SquareSchema) => GameSchema): Simulation<World> {
  return { ...movingSquare, schema: change(movingSquare.schema) };
}

/** The outcome of a refusal whose message says `what`, the same words on both sides. */
function refusedFor(what: string): Outcome {
  const message = `the client's game differs from the host's: ${what}`;
  return {
    hostRefused: [`schema_mismatch: ${message}`],
    clientEvents: [`refused schema_mismatch: ${message}`, `disconnected closed: ${message}`],
    joined: false,
    invalidMessages: 0,
    entitiesSeen: 0,
  };
}

describe('a client whose game differs from the host’s', () => {
  it('joins when it declares the same game, and sees the host', () => {
    expect(play({})).toEqual({ hostRefused: [], clientEvents: [], joined: true, invalidMessages: 0, entitiesSeen: 2 });
  });

  it('is refused when one field has another range, naming the type, the field and the host’s range', () => {
    const simulation = withSchema((s) => ({ ...s, entities: { square: { ...s.entities.square!, x: field.fixed(0.01, -500, 500) } } }));
    expect(play({ simulation })).toEqual(refusedFor('entity type "square", field "x": fixed(0.01,-1000,1000) on the host, something else on the client'));
  });

  it('is refused when it has an extra entity type', () => {
    const simulation = withSchema((s) => ({ ...s, entities: { ...s.entities, rock: { x: field.int(0, 10) } } }));
    expect(play({ simulation })).toEqual(refusedFor('1 entity type on the client unknown to the host'));
  });

  it('is refused when it lacks an input field', () => {
    const simulation = withSchema((s) => ({ ...s, input: { dx: s.input.dx! } }));
    expect(play({ simulation })).toEqual(refusedFor('input, field "dy" missing on the client'));
  });

  it('is refused when a message type has another mode, naming both modes', () => {
    expect(play({ messages: { ...MESSAGES, chat: 'unreliable' } })).toEqual(refusedFor('message "chat": reliable on the host, unreliable on the client'));
  });

  it('is refused when it sets another version, or one where the host sets none', () => {
    expect(play({ version: '1.1' })).toEqual(refusedFor('game version "1.0" on the host, "1.1" on the client'));
    expect(play({ version: '1.0' }, {})).toEqual(refusedFor('game version "" on the host, "1.0" on the client'));
  });

  it('takes a version of at most 64 characters, checked at construction on both sides', () => {
    const network = new LoopbackNetwork({ clock: new ManualClock() });
    const long = 'v'.repeat(65);
    expect(() => createHost({ simulation: movingSquare, transport: network.createHost('host'), version: long })).toThrow(expect.objectContaining({ code: 'invalid_option' }));
    expect(() => createClient({ simulation: movingSquare, transport: network.connect('host'), version: long })).toThrow(/^version must be a string of at most 64 characters/);
    expect(createClient({ simulation: movingSquare, transport: network.connect('host'), version: 'v'.repeat(64) }).playerId).toBeUndefined();
  });

  it('hears every difference at once, cut to what a refusal carries', () => {
    const simulation = withSchema((s) => ({ ...s, entities: { square: { y: s.entities.square!.y!, x: s.entities.square!.x! } } }));
    const outcome = play({ simulation, messages: { chat: 'sequenced' }, version: '2' });
    expect(outcome.joined).toBe(false);
    const [refusal] = outcome.hostRefused.map((line) => line.replace('schema_mismatch: ', ''));
    expect(refusal).toMatch(/^the client's game differs from the host's: game version "1.0" on the host, "2" on the client; entity type "square": the same fields in another order; message "aim" missing on the client; message "c.*…$/);
    expect(refusal).toHaveLength(200);
    expect(outcome.clientEvents).toEqual([`refused schema_mismatch: ${refusal!}`, `disconnected closed: ${refusal!}`]);
  });
});
