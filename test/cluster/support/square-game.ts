/**
 * The moving-square example over real WebRTC (node-datachannel) through a broker URL (here, the
 * load balancer's): a host that opens a lobby, clients that join it by code, and the check that
 * every client agrees with the host. Peers reconnect to the broker quickly (100 ms, at most 1 s
 * between tries), so a test does not sit out the default 10 s ceiling.
 */
import { createClient, createHost, createLobby, joinPeerLobby, openPeerHost, type Client, type Host, type MessageTypes, type PeerHostTransport } from '../../../engine/src/index.js';
import { movingSquare } from '../../../engine/examples/moving-square.js';

type World = ReturnType<typeof movingSquare.initialState>;
type Schema = typeof movingSquare.schema;
export type SquareHost = Host<World, Schema, MessageTypes>;
export type SquareClient = Client<World, Schema, MessageTypes>;

/** Waits between a peer's tries at reaching a broker again. */
export const BROKER_RECONNECT = { firstDelayMs: 100, maxDelayMs: 1000 } as const;

export interface SquareGameHost {
  readonly host: SquareHost;
  readonly transport: PeerHostTransport;
  readonly code: string;
}

/** Opens a host at `brokerUrl` with a lobby, running at 60 ticks a second. */
export async function hostSquares(brokerUrl: string): Promise<SquareGameHost> {
  const transport = await openPeerHost({ brokerUrl, iceServers: [], brokerReconnect: BROKER_RECONNECT });
  const host: SquareHost = createHost({ simulation: movingSquare, transport, tickRate: 60 });
  host.start();
  return { host, transport, code: await createLobby(transport) };
}

/** Joins the lobby `code` at `brokerUrl` as `name`. */
export async function joinSquares(brokerUrl: string, code: string, name: string): Promise<SquareClient> {
  const transport = await joinPeerLobby({ brokerUrl, code, iceServers: [], brokerReconnect: BROKER_RECONNECT });
  const client: SquareClient = createClient({ simulation: movingSquare, transport, name });
  client.start();
  return client;
}

/** A player's square in a world, if it has one. */
export function squareOf(world: World | undefined, playerId: number | undefined): World['squares'][number] | undefined {
  return world?.squares.find((square) => square.id === playerId);
}

/** Whether every client's own square is the host's and every square it draws is where the host has it. */
export function converged(host: SquareHost, clients: readonly SquareClient[]): boolean {
  return clients.every((client) => {
    const own = squareOf(client.state, client.playerId);
    const drawn = client.view().entities;
    return (
      JSON.stringify(own) === JSON.stringify(squareOf(host.state, client.playerId)) &&
      host.state.squares.every((square) => {
        const seen = drawn.find((entity) => entity.id === square.id);
        return seen !== undefined && Math.abs(Number(seen.values.x) - square.x) < 1e-6 && Math.abs(Number(seen.values.y) - square.y) < 1e-6;
      })
    );
  });
}
