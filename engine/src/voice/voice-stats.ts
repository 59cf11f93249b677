/**
 * A voice link's figures, read from its connection's `getStats()`: audio packets and bytes each
 * way, the level of what arrives, the receiving jitter buffer's delay, and the round trip. Pure:
 * it takes the report's entries, so a test can hand it plain objects.
 */

/** One voice link's figures. Counters are totals since the link opened. */
export interface VoiceLinkStats {
  /** Audio RTP packets received, and their payload and header bytes. */
  readonly packetsReceived: number;
  readonly bytesReceived: number;
  readonly packetsLost: number;
  /** Audio RTP packets sent, and their bytes. */
  readonly packetsSent: number;
  readonly bytesSent: number;
  /** The level of the audio received now, 0 to 1. */
  readonly audioLevel: number;
  /** The energy of all audio received so far (grows while the other player speaks). */
  readonly totalAudioEnergy: number;
  /** The level of this player's own microphone as sent, 0 to 1 (undefined while nothing is sent). */
  readonly sourceLevel: number | undefined;
  /** Mean time a received sample waited in the jitter buffer, in ms (undefined before any played out). */
  readonly jitterBufferDelayMs: number | undefined;
  /** What that mean is made of, for a mean over a stretch of time: the waits summed, in ms, and the samples played out. */
  readonly jitterBufferTotalMs: number;
  readonly jitterBufferSamples: number;
  /** RTP interarrival jitter of what arrives, in ms. */
  readonly jitterMs: number | undefined;
  /** Round trip of the link's ICE candidate pair now, in ms. */
  readonly rttMs: number | undefined;
  /** The kind of local and remote candidate in use: `host`, `srflx`, `prflx` or `relay`. */
  readonly localCandidate: string | undefined;
  readonly remoteCandidate: string | undefined;
}

type Entry = Readonly<Record<string, unknown>>;

function num(entry: Entry | undefined, key: string): number | undefined {
  const value = entry?.[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function str(entry: Entry | undefined, key: string): string | undefined {
  const value = entry?.[key];
  return typeof value === 'string' ? value : undefined;
}

/** Reads a link's figures from the entries of its `getStats()` report. */
export function readVoiceStats(entries: Iterable<Entry>): VoiceLinkStats {
  const all = [...entries];
  const byId = new Map(all.map((e) => [str(e, 'id'), e]));
  const audio = (type: string) => all.find((e) => e['type'] === type && (e['kind'] ?? e['mediaType']) === 'audio');
  const inbound = audio('inbound-rtp');
  const outbound = audio('outbound-rtp');
  const source = audio('media-source');
  const transport = all.find((e) => e['type'] === 'transport');
  const pairId = str(transport, 'selectedCandidatePairId');
  const pair = (pairId ? byId.get(pairId) : undefined) ?? all.find((e) => e['type'] === 'candidate-pair' && e['state'] === 'succeeded' && e['nominated'] === true);
  const candidateType = (key: string) => {
    const id = str(pair, key);
    return id === undefined ? undefined : str(byId.get(id), 'candidateType');
  };
  const emitted = num(inbound, 'jitterBufferEmittedCount') ?? 0;
  const bufferDelay = num(inbound, 'jitterBufferDelay');
  const rtt = num(pair, 'currentRoundTripTime');
  const jitter = num(inbound, 'jitter');
  return {
    packetsReceived: num(inbound, 'packetsReceived') ?? 0,
    bytesReceived: (num(inbound, 'bytesReceived') ?? 0) + (num(inbound, 'headerBytesReceived') ?? 0),
    packetsLost: num(inbound, 'packetsLost') ?? 0,
    packetsSent: num(outbound, 'packetsSent') ?? 0,
    bytesSent: (num(outbound, 'bytesSent') ?? 0) + (num(outbound, 'headerBytesSent') ?? 0),
    audioLevel: num(inbound, 'audioLevel') ?? 0,
    totalAudioEnergy: num(inbound, 'totalAudioEnergy') ?? 0,
    sourceLevel: num(source, 'audioLevel'),
    jitterBufferDelayMs: emitted > 0 && bufferDelay !== undefined ? (bufferDelay / emitted) * 1000 : undefined,
    jitterBufferTotalMs: (bufferDelay ?? 0) * 1000,
    jitterBufferSamples: emitted,
    jitterMs: jitter === undefined ? undefined : jitter * 1000,
    rttMs: rtt === undefined ? undefined : rtt * 1000,
    localCandidate: candidateType('localCandidateId'),
    remoteCandidate: candidateType('remoteCandidateId'),
  };
}
