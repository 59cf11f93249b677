import type { BufferedConnection, Peer } from 'peerjs';

export type PeerConstructor = typeof Peer;
/** PeerJS's base class for a serialization of one's own (its `serializers` option). */
export type BufferedConnectionClass = abstract new (...args: ConstructorParameters<typeof BufferedConnection>) => BufferedConnection;

/** The two PeerJS classes tickwire builds on. */
export interface PeerJsModule {
  readonly Peer: PeerConstructor;
  readonly BufferedConnection: BufferedConnectionClass;
}

function property(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}

function classes(value: unknown): PeerJsModule | undefined {
  const peer = property(value, 'Peer');
  const buffered = property(value, 'BufferedConnection');
  if (typeof peer !== 'function' || typeof buffered !== 'function') return undefined;
  return { Peer: peer as PeerConstructor, BufferedConnection: buffered as BufferedConnectionClass };
}

/**
 * Loads PeerJS on first use, so a game that only plays over the loopback transport never loads it,
 * and so that in Node the WebRTC globals are in place before PeerJS checks for them at load time.
 * Bundlers hand over its ES build, whose namespace has the classes; Node loads its CommonJS build,
 * whose classes sit on the default export.
 */
export async function loadPeerJs(): Promise<PeerJsModule> {
  const namespace: unknown = await import('peerjs');
  const found = classes(namespace) ?? classes(property(namespace, 'default'));
  if (!found) throw new Error('the peerjs module has no Peer or BufferedConnection class');
  return found;
}
