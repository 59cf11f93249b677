/**
 * Every Redis key and channel that brokers sharing a Redis use, under one prefix (`redisPrefix`,
 * "tickwire:" by default). cluster/README.md says what each holds and how long.
 */

/** Key and channel names for one prefix. */
export interface ClusterKeys {
  /** Hash {broker, token}: which broker holds a peer's socket, and its token's hash. Expires unless renewed. */
  peer(peerId: string): string;
  /**
   * Hash {host, owner, and migration, generation with host migration}: the host behind a lobby
   * code, its token's hash, and its takeovers. Expires unless renewed; vacated for a while first
   * with migration (lobby-scripts.ts).
   */
  lobby(code: string): string;
  /** String: the code of a host's lobby. Expires with the lobby; moves to the successor at a takeover. */
  hostLobby(peerId: string): string;
  /** List: signals held for a peer connected to no broker, in PeerServer's JSON form. */
  held(peerId: string): string;
  /** Sorted set: peers with held signals, scored by when those expire (ms, Redis clock). */
  readonly heldDeadlines: string;
  /** Integer: held signals over all peers. */
  readonly heldTotal: string;
  /** Hash {tokens, at}: an address's lobby lookup budget. Expires once full again. */
  lookups(address: string): string;
  /** Pub/sub channel a broker listens on for signals and lobby notes meant for its peers. */
  brokerChannel(brokerId: string): string;
  /** Hash {host, mode, name, players, seats, rank}: a lobby's public listing. Goes with its deadline. */
  listing(code: string): string;
  /** Sorted set: listed codes, scored by when each listing expires (ms, Redis clock). */
  readonly listingDeadlines: string;
  /** Sorted set, all scores 0: the ranks (`listingRank`) of listings with a free seat, any mode. */
  readonly openLobbies: string;
  /** Sorted set, all scores 0: the same, of one mode. */
  openLobbiesOf(mode: string): string;
  /** Prefixes the Lua scripts build names from, for the keys a script finds by reading others. */
  readonly prefixes: {
    readonly peer: string;
    readonly lobby: string;
    readonly hostLobby: string;
    readonly held: string;
    readonly brokerChannel: string;
    readonly listing: string;
    readonly openLobbiesOf: string;
  };
}

/** The names under `prefix`. */
export function clusterKeys(prefix: string): ClusterKeys {
  const prefixes = {
    peer: `${prefix}peer:`,
    lobby: `${prefix}lobby:`,
    hostLobby: `${prefix}host-lobby:`,
    held: `${prefix}held:`,
    brokerChannel: `${prefix}broker:`,
    listing: `${prefix}listing:`,
    openLobbiesOf: `${prefix}open-lobbies:`,
  };
  return {
    peer: (peerId) => prefixes.peer + peerId,
    lobby: (code) => prefixes.lobby + code,
    hostLobby: (peerId) => prefixes.hostLobby + peerId,
    held: (peerId) => prefixes.held + peerId,
    heldDeadlines: `${prefix}held-deadlines`,
    heldTotal: `${prefix}held-total`,
    lookups: (address) => `${prefix}lookups:${address}`,
    brokerChannel: (brokerId) => prefixes.brokerChannel + brokerId,
    listing: (code) => prefixes.listing + code,
    listingDeadlines: `${prefix}listing-deadlines`,
    openLobbies: `${prefix}open-lobbies`,
    openLobbiesOf: (mode) => prefixes.openLobbiesOf + mode,
    prefixes,
  };
}
