/** What `GET /api/health` answers. */

/**
 * Whether the broker's Redis is reachable: `off` when it runs alone, without one; `down` while it
 * cannot reach it (it then serves only the peers connected to it).
 */
export type RedisHealth = 'up' | 'down' | 'off';

/** A broker's health, as `GET /api/health` reports it. */
export interface BrokerHealth {
  /** False while something it was configured with (its Redis) is unreachable; it still serves what it can. */
  readonly ok: boolean;
  readonly redis: RedisHealth;
  /** This broker process's id: which broker a request behind a load balancer reached. */
  readonly broker: string;
  /** Peers with a signaling socket open on this broker. */
  readonly peers: number;
}
