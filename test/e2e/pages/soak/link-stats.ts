/**
 * What WebRTC itself measured on a peer connection, read from `getStats()`. Chromium reports, per
 * connection, the selected candidate pair (its ICE round trip from consent checks, connectivity
 * requests and responses, packets), the transport (DTLS packets) and each data channel (messages);
 * it has no counter of SCTP retransmissions, so loss shows as packets and unreliable messages that
 * were sent and never arrived, while the reliable channel still delivers everything.
 */
export interface ChannelCounts {
  readonly messagesSent: number;
  readonly messagesReceived: number;
}

export interface LinkStats {
  readonly localCandidate: string | undefined;
  readonly remoteCandidate: string | undefined;
  /** ICE's round trip on the selected pair, in seconds. */
  readonly rttSeconds: number | undefined;
  /** Connectivity and consent checks this side sent, and the answers that came back. */
  readonly checksSent: number;
  readonly checksAnswered: number;
  readonly packetsSent: number;
  readonly packetsReceived: number;
  /** By channel label. */
  readonly channels: Readonly<Record<string, ChannelCounts>>;
}

type Entry = Readonly<Record<string, unknown>>;

function entries(report: RTCStatsReport): Entry[] {
  const list: Entry[] = [];
  report.forEach((value: unknown) => {
    if (typeof value === 'object' && value !== null) list.push(value as Entry);
  });
  return list;
}

const num = (entry: Entry | undefined, key: string): number => (typeof entry?.[key] === 'number' ? entry[key] : 0);
const str = (entry: Entry | undefined, key: string): string | undefined => (typeof entry?.[key] === 'string' ? entry[key] : undefined);

function summarize(list: readonly Entry[]): LinkStats {
  const byId = new Map(list.map((e) => [str(e, 'id'), e]));
  const transport = list.find((e) => e.type === 'transport' && str(e, 'selectedCandidatePairId') !== undefined);
  const pair = byId.get(str(transport, 'selectedCandidatePairId'));
  const channels: Record<string, ChannelCounts> = {};
  for (const e of list.filter((x) => x.type === 'data-channel')) {
    channels[str(e, 'label') ?? '?'] = { messagesSent: num(e, 'messagesSent'), messagesReceived: num(e, 'messagesReceived') };
  }
  return {
    localCandidate: str(byId.get(str(pair, 'localCandidateId')), 'candidateType'),
    remoteCandidate: str(byId.get(str(pair, 'remoteCandidateId')), 'candidateType'),
    rttSeconds: typeof pair?.currentRoundTripTime === 'number' ? pair.currentRoundTripTime : undefined,
    checksSent: num(pair, 'requestsSent') + num(pair, 'consentRequestsSent'),
    checksAnswered: num(pair, 'responsesReceived'),
    packetsSent: num(transport, 'packetsSent'),
    packetsReceived: num(transport, 'packetsReceived'),
    channels,
  };
}

export async function readLinkStats(connections: readonly RTCPeerConnection[]): Promise<LinkStats[]> {
  return Promise.all(connections.map(async (pc) => summarize(entries(await pc.getStats()))));
}
