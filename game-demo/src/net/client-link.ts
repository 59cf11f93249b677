/**
 * This tab's link to the host, and the way back when it fails. Each link is a fresh PeerJS
 * connection with the simulated network and the counters in front of it; a new one keeps the
 * sliders' conditions and adds to the same counts, so the net graph carries on across it.
 */
import { conditionClient, Emitter, type ClientTransport, type Conditioned, type LinkConditions } from 'tickwire';
import { countClient, type StateCounts } from './counting-transport.js';

export class ClientLink {
  readonly counts: StateCounts = { sent: 0, received: 0 };
  private readonly events = new Emitter<{ opened: ClientTransport }>();
  private current: Conditioned<ClientTransport> | undefined;
  private opened = 0;

  constructor(private readonly connect: () => Promise<ClientTransport>) {}

  /** Opens a new link to the host; it becomes the one the net graph measures. */
  async open(): Promise<ClientTransport> {
    const peer = await this.connect();
    this.current = conditionClient(peer, { seed: 2 + this.opened++, conditions: this.current?.conditions ?? {} });
    const transport = countClient(this.current.transport, this.counts);
    this.events.emit('opened', transport);
    return transport;
  }

  /** The newest link (simulated network included), for its statistics. */
  get transport(): ClientTransport {
    if (!this.current) throw new Error('no link to the host has been opened yet');
    return this.current.transport;
  }

  setConditions(conditions: Partial<LinkConditions>): void {
    this.current?.setConditions(conditions);
  }

  /** Runs `listener` with every link opened from now on. */
  onOpened(listener: (transport: ClientTransport) => void): () => void {
    return this.events.on('opened', listener);
  }
}
