/**
 * A page the soak test drives: a host and two clients of the moving-square example, each with
 * its own PeerJS peer and RTCPeerConnections, all forced through a TURN relay.
 */
// First, so every RTCPeerConnection the engine opens is tracked.
import { connectedPeerConnections } from './peer-connections.js';
import { createClient, createHost, createLobby, joinPeerLobby, openPeerHost } from '../../../../engine/src/index.js';
import { movingSquare } from '../../../../engine/examples/moving-square.js';
import { readLinkStats, type LinkStats } from './link-stats.js';
import { SoakPlay, soakMessages as messages, type PlayPlan, type PlayReport, type SoakClient, type SoakHost } from './soak-play.js';

export interface SoakSetup {
  readonly iceServers: RTCIceServer[];
  readonly tickRate: number;
  readonly snapshotRate: number;
  readonly clients: number;
  /** How long opening the host and each join may take, in ms. */
  readonly connectTimeoutMs: number;
}

export interface SoakPage {
  setup(options: SoakSetup): Promise<void>;
  /** Every client has been let in and has a predicted state. */
  joined(): boolean;
  play(plan: PlayPlan): void;
  report(): PlayReport;
  clientStats(): ReturnType<SoakClient['stats']>[];
  hostStats(): ReturnType<SoakHost['stats']>;
  linkStats(): Promise<LinkStats[]>;
  policies(): (RTCIceTransportPolicy | undefined)[];
}

declare global {
  interface Window {
    soak: SoakPage;
  }
}

const brokerUrl = location.origin;
let host: SoakHost | undefined;
const clients: SoakClient[] = [];
let play: SoakPlay | undefined;

function needPlay(): SoakPlay {
  if (!play) throw new Error('call setup() first');
  return play;
}

window.soak = {
  async setup({ iceServers, tickRate, snapshotRate, clients: count, connectTimeoutMs }) {
    const ice = { brokerUrl, iceServers, iceTransportPolicy: 'relay', connectTimeoutMs } as const;
    const hostTransport = await openPeerHost(ice);
    host = createHost({ simulation: movingSquare, transport: hostTransport, tickRate, snapshotRate, messages });
    host.start();
    const code = await createLobby(hostTransport);
    const transports = await Promise.all(Array.from({ length: count }, () => joinPeerLobby({ ...ice, code })));
    transports.forEach((transport, i) => {
      const client = createClient({ simulation: movingSquare, transport, name: `client ${i + 1}`, messages });
      client.start();
      clients.push(client);
    });
    play = new SoakPlay(host, clients);
  },
  joined: () => clients.length > 0 && clients.every((c) => c.playerId !== undefined && c.state !== undefined),
  play: (plan) => needPlay().start(plan),
  report: () => needPlay().report(),
  clientStats: () => clients.map((c) => c.stats()),
  hostStats: () => {
    if (!host) throw new Error('call setup() first');
    return host.stats();
  },
  linkStats: () => readLinkStats(connectedPeerConnections()),
  policies: () => connectedPeerConnections().map((pc) => pc.getConfiguration().iceTransportPolicy),
};
