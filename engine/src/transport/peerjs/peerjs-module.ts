import type { Peer } from 'peerjs';

export type PeerConstructor = typeof Peer;

function isConstructor(value: unknown): value is PeerConstructor {
  return typeof value === 'function';
}

function property(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}

/**
 * Loads PeerJS on first use, so a game that only plays over the loopback transport never loads it,
 * and so that in Node the WebRTC globals are in place before PeerJS checks for them at load time.
 * Bundlers hand over its ES build, whose namespace has `Peer`; Node loads its CommonJS build, whose
 * classes sit on the default export.
 */
export async function loadPeerConstructor(): Promise<PeerConstructor> {
  const namespace: unknown = await import('peerjs');
  const direct = property(namespace, 'Peer');
  if (isConstructor(direct)) return direct;
  const viaDefault = property(property(namespace, 'default'), 'Peer');
  if (isConstructor(viaDefault)) return viaDefault;
  throw new Error('the peerjs module has no Peer class');
}
