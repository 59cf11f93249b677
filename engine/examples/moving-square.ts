import { field, hostGame, joinGame, validateSchema, type Simulation } from 'tickwire';
type World = { readonly squares: readonly { readonly id: number; readonly x: number; readonly y: number }[] };
const schema = validateSchema({
  entities: { square: { x: field.fixed(0.01, -1000, 1000), y: field.fixed(0.01, -1000, 1000) } },
  input: { dx: field.fixed(0.01, -1, 1), dy: field.fixed(0.01, -1, 1) },
});
export const movingSquare: Simulation<World, typeof schema> = {
  schema,
  initialState: () => ({ squares: [] }),
  addPlayer: (world, id) => ({ squares: [...world.squares, { id, x: 0, y: 0 }] }),
  removePlayer: (world, id) => ({ squares: world.squares.filter((s) => s.id !== id) }),
  step: (world, inputs, dt) => ({
    squares: world.squares.map((s) => ({ id: s.id, x: s.x + (inputs.get(s.id)?.dx ?? 0) * 120 * dt, y: s.y + (inputs.get(s.id)?.dy ?? 0) * 120 * dt })),
  }),
  toEntities: (world) => world.squares.map(({ id, x, y }) => ({ id, type: 'square', values: { x, y } })),
  fromEntities: (entities, previous) => ({ ...previous, squares: entities.map(({ id, values }) => ({ id, ...values })) }),
  playerEntityId: (id) => id,
};

export async function host(brokerUrl: string): Promise<string> {
  const { host, code } = await hostGame({ brokerUrl, simulation: movingSquare });
  host.setInput({ dx: 1, dy: 0 }); // steer: the host's square moves right
  setInterval(() => console.log(host.view().entities), 100); // draw: here, print
  return code; // give it to a friend
}
export async function join(brokerUrl: string, code: string): Promise<void> {
  const client = await joinGame({ brokerUrl, code, simulation: movingSquare, name: 'friend' });
  client.setInput({ dx: 0, dy: 1 });
  setInterval(() => console.log(client.view().entities), 100);
}
