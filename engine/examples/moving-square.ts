import { createClient, createHost, createLobby, field, joinPeerLobby, openPeerHost, type Simulation } from 'tickwire';

interface Square {
  readonly id: number;
  readonly x: number;
  readonly y: number;
}
interface World {
  readonly squares: readonly Square[];
}
type Move = { readonly dx: number; readonly dy: number };

const SPEED = 120; // units per second

export const movingSquare: Simulation<World, Move> = {
  schema: {
    entities: { square: { x: field.fixed(0.01, -1000, 1000), y: field.fixed(0.01, -1000, 1000) } },
    input: { dx: field.fixed(0.01, -1, 1), dy: field.fixed(0.01, -1, 1) },
  },
  neutralInput: { dx: 0, dy: 0 },
  initialState: () => ({ squares: [] }),
  step: (world, inputs, dt) => ({
    squares: world.squares.map((s) => {
      const move = inputs.get(s.id);
      return move ? { id: s.id, x: s.x + move.dx * SPEED * dt, y: s.y + move.dy * SPEED * dt } : s;
    }),
  }),
  addPlayer: (world, playerId) => ({ squares: [...world.squares, { id: playerId, x: 0, y: 0 }] }),
  removePlayer: (world, playerId) => ({ squares: world.squares.filter((s) => s.id !== playerId) }),
  toEntities: (world) => world.squares.map((s) => ({ id: s.id, type: 'square', values: { x: s.x, y: s.y } })),
  // Entities carry the squares; whatever else the state holds comes through from `previous`.
  fromEntities: (entities, previous) => ({
    ...previous,
    squares: entities.map((e) => ({ id: e.id, x: Number(e.values.x), y: Number(e.values.y) })),
  }),
  playerEntityId: (playerId) => playerId,
};

/** The host: one player's browser runs the game and hands out a lobby code. */
export async function hostGame(brokerUrl: string): Promise<string> {
  const transport = await openPeerHost({ brokerUrl });
  const host = createHost({ simulation: movingSquare, transport, tickRate: 60 });
  host.start();
  host.setInput({ dx: 1, dy: 0 }); // the host's own square drifts right
  // Say goodbye when the tab closes: the players hear it at once, not after 10 s of silence.
  window.addEventListener('pagehide', () => host.close());
  return createLobby(transport);
}

/** A friend: join by code, steer, and draw what `view()` returns each frame. */
export async function joinGame(brokerUrl: string, code: string): Promise<void> {
  const transport = await joinPeerLobby({ brokerUrl, code });
  const client = createClient({ simulation: movingSquare, transport, name: 'friend' });
  client.on('joined', ({ playerId }) => console.log('playing as', playerId));
  client.start();
  client.setInput({ dx: 0, dy: -1 });
  const draw = () => {
    for (const square of client.view().entities) console.log(square.id, square.values.x, square.values.y);
  };
  setInterval(draw, 100);
}
