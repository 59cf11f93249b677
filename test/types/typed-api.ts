/**
 * The types a game gets from its schema and its message declarations. Compiled by `npm test`'s
 * typecheck and never run: each `@ts-expect-error` marks a mistake the compiler must catch, and an
 * expectation that stops failing (a type grown too loose) fails the typecheck.
 */
import { ManualClock } from '../../engine/src/core/clock.js';
import { field, validateSchema, type EntityOf, type InputOf } from '../../engine/src/protocol/schema.js';
import { createClient } from '../../engine/src/session/client/client.js';
import { createHost } from '../../engine/src/session/host/host.js';
import { message } from '../../engine/src/session/message-declaration.js';
import type { Simulation } from '../../engine/src/session/simulation.js';
import { LoopbackNetwork } from '../../engine/src/transport/loopback/loopback-network.js';

const schema = validateSchema({
  entities: {
    ship: { x: field.fixed(0.01, 0, 100), alive: field.bool(), team: field.enum(['red', 'blue']), turn: field.quat() },
    rock: { size: field.int(1, 3) },
  },
  input: { thrust: field.fixed(0.01, 0, 1), fire: field.bool(), mode: field.enum(['aim', 'fly']) },
});
type Schema = typeof schema;
type World = { readonly ships: readonly EntityOf<Schema, 'ship'>[] };

// Field kinds give their values' types.
const ship: EntityOf<Schema, 'ship'> = { id: 1, type: 'ship', values: { x: 1, alive: true, team: 'red', turn: [0, 0, 0, 1] } };
export const x: number = ship.values.x;
export const alive: boolean = ship.values.alive;
export const team: 'red' | 'blue' = ship.values.team;
export const turn: readonly [number, number, number, number] = ship.values.turn;
// @ts-expect-error an enum value the schema does not list
export const green: EntityOf<Schema, 'ship'> = { id: 1, type: 'ship', values: { ...ship.values, team: 'green' } };
// @ts-expect-error a fixed field is a number, not a string
export const text: EntityOf<Schema, 'ship'> = { id: 1, type: 'ship', values: { ...ship.values, x: '1' } };
// @ts-expect-error a bool field is a boolean
export const one: EntityOf<Schema, 'ship'> = { id: 1, type: 'ship', values: { ...ship.values, alive: 1 } };
// @ts-expect-error a quat field is a 4-tuple
export const short: EntityOf<Schema, 'ship'> = { id: 1, type: 'ship', values: { ...ship.values, turn: [0, 0, 1] } };
// @ts-expect-error an entity type the schema does not declare
export const tree: EntityOf<Schema> = { id: 2, type: 'tree', values: { size: 1 } };
// @ts-expect-error a rock's values are a rock's fields, not a ship's
export const wrongFields: EntityOf<Schema> = { id: 2, type: 'rock', values: { x: 1 } };

/** Checking `type` narrows `values`. */
export function sizeOf(entity: EntityOf<Schema>): number {
  if (entity.type === 'rock') return entity.values.size;
  // @ts-expect-error a ship has no size
  return entity.values.size;
}

// The input follows `schema.input`.
export const input: InputOf<Schema> = { thrust: 0.5, fire: false, mode: 'fly' };
// @ts-expect-error a field the input schema lacks
export const extra: InputOf<Schema> = { thrust: 0.5, fire: false, mode: 'fly', jump: true };
// @ts-expect-error a field left out
export const missing: InputOf<Schema> = { thrust: 0.5, fire: false };

const game: Simulation<World, Schema> = {
  schema,
  initialState: () => ({ ships: [] }),
  addPlayer: (world, id) => ({ ships: [...world.ships, { ...ship, id }] }),
  removePlayer: (world, id) => ({ ships: world.ships.filter((s) => s.id !== id) }),
  step: (world, inputs) => ({ ships: world.ships.map((s) => ({ ...s, values: { ...s.values, alive: inputs.get(s.id)?.fire ?? s.values.alive } })) }),
  toEntities: (world) => world.ships,
  fromEntities: (entities, previous) => ({ ...previous, ships: entities.flatMap((e) => (e.type === 'ship' ? [e] : [])) }),
};

export const badSimulation: Simulation<World, Schema> = {
  ...game,
  // @ts-expect-error an entity of a type the schema does not declare
  toEntities: () => [{ id: 1, type: 'tree', values: {} }],
};

// Messages are declared with their payloads; `send` and `on('message')` follow.
const messages = { chat: message.reliable<{ readonly text: string }>(), aim: message.sequenced<number>(), raw: 'unreliable' } as const;
const clock = new ManualClock();
const network = new LoopbackNetwork({ clock });
const host = createHost({ simulation: game, transport: network.createHost('host'), clock, messages });
const client = createClient({ simulation: game, transport: network.connect('host'), clock, messages });

host.setInput({ thrust: 1, fire: true, mode: 'aim' });
// @ts-expect-error a field the input schema lacks
client.setInput({ thrust: 1, fire: true, mode: 'aim', jump: true });
// @ts-expect-error an enum value the input schema does not list
client.setInput({ thrust: 1, fire: true, mode: 'run' });

client.send('chat', { text: 'hi' });
client.send('aim', 0.5);
client.send('raw', { anything: true });
// @ts-expect-error a message type that is not declared
client.send('shout', { text: 'hi' });
// @ts-expect-error the payload of a chat is { text }
client.send('chat', { body: 'hi' });
// @ts-expect-error the payload of aim is a number
host.send('aim', '0.5');

host.on('message', (received) => {
  if (received.type === 'chat') {
    const words: string = received.payload.text;
    // @ts-expect-error a chat has no body
    return words + received.payload.body;
  }
  if (received.type === 'aim') return received.payload.toFixed(1);
  // @ts-expect-error a raw message's payload is unknown until checked
  return received.payload.anything;
});

// What is drawn is typed the same way on both sides.
for (const entity of [...host.view().entities, ...client.view().entities]) {
  if (entity.type === 'ship') {
    const drawnTeam: 'red' | 'blue' = entity.values.team;
    // @ts-expect-error a ship has no size
    drawnTeam.concat(String(entity.values.size));
  }
}

// A game that declares no messages can send none.
const quiet = createClient({ simulation: game, transport: network.connect('host'), clock });
// @ts-expect-error no messages are declared
quiet.send('chat', { text: 'hi' });
