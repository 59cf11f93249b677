/**
 * The simulated-network sliders: latency, jitter and loss added to this tab's traffic, each way,
 * through the engine's conditioned transport. Loss applies to the unreliable `state` channel; the
 * reliable channel is delayed instead, as a retransmission would delay it.
 */
import type { LinkConditions } from 'tickwire';
import { byId } from './dom.js';

export class NetworkPanel {
  private readonly latency = byId<HTMLInputElement>('sim-latency');
  private readonly jitter = byId<HTMLInputElement>('sim-jitter');
  private readonly loss = byId<HTMLInputElement>('sim-loss');

  constructor(apply: (conditions: Partial<LinkConditions>) => void) {
    const update = () => {
      byId('sim-latency-value').textContent = `${this.latency.value} ms`;
      byId('sim-jitter-value').textContent = `${this.jitter.value} ms`;
      byId('sim-loss-value').textContent = `${this.loss.value} %`;
      apply(this.conditions());
    };
    for (const input of [this.latency, this.jitter, this.loss]) {
      input.addEventListener('input', update);
      // A focused slider would take the arrow keys; once set, they steer the ship again.
      input.addEventListener('change', () => input.blur());
    }
  }

  /** The conditions the sliders say. */
  conditions(): Partial<LinkConditions> {
    return { latencyMs: Number(this.latency.value), jitterMs: Number(this.jitter.value), loss: Number(this.loss.value) / 100 };
  }
}
