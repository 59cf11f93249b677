/** The kind of ICE candidate: a local address, one seen by STUN, a TURN relay, or a peer-reflexive one. */
export type CandidateType = 'host' | 'srflx' | 'prflx' | 'relay';

/** The candidate pair a link is using: how the bytes really travel. */
export interface CandidatePair {
  readonly local: CandidateType;
  readonly remote: CandidateType;
}

function isCandidateType(value: unknown): value is CandidateType {
  return value === 'host' || value === 'srflx' || value === 'prflx' || value === 'relay';
}

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}

/**
 * Finds the selected candidate pair in a `getStats()` report: the one the transport entry names, or
 * else the nominated pair that succeeded.
 */
export function selectedCandidatePair(report: ReadonlyMap<string, unknown>): CandidatePair | undefined {
  const entries = [...report.values()];
  const selectedId = entries.map((e) => field(e, 'selectedCandidatePairId')).find((id) => typeof id === 'string');
  const pair =
    (typeof selectedId === 'string' ? report.get(selectedId) : undefined) ??
    entries.find((e) => field(e, 'type') === 'candidate-pair' && field(e, 'nominated') === true && field(e, 'state') === 'succeeded');
  const localId = field(pair, 'localCandidateId');
  const remoteId = field(pair, 'remoteCandidateId');
  const local = typeof localId === 'string' ? field(report.get(localId), 'candidateType') : undefined;
  const remote = typeof remoteId === 'string' ? field(report.get(remoteId), 'candidateType') : undefined;
  return isCandidateType(local) && isCandidateType(remote) ? { local, remote } : undefined;
}
