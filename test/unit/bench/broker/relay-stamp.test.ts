import { describe, expect, it } from 'vitest';
import { PeerIdIssuer } from '../../../../peer-server/src/peer-ids.js';
import { checkSignal } from '../../../../peer-server/src/signal-shape.js';
import { readStamp, stampedCandidate } from '../../../bench/broker/relay-stamp.js';

const issuer = new PeerIdIssuer('s'.repeat(32));

describe('the relay bench candidates', () => {
  it('are candidates the broker relays: the shape check passes them', () => {
    const dst = issuer.issue();
    const text = stampedCandidate(dst)(123_456.789);
    expect(checkSignal(JSON.parse(text))).toEqual({ ok: true, signal: { type: 'CANDIDATE', dst, connectionId: expect.stringMatching(/^dc_[0-9a-z]+$/) } });
  });

  it('carry their send time to the microsecond through the relayed form', () => {
    const dst = issuer.issue();
    const sent = JSON.parse(stampedCandidate(dst)(98_765.4321)) as { type: string; dst: string; payload: unknown };
    // What PeerServer and the cluster relay send on: type, src, dst, payload.
    const relayed = JSON.stringify({ type: sent.type, src: issuer.issue(), dst, payload: sent.payload });
    expect(readStamp(relayed)).toBe(98_765.432);
  });

  it('read no stamp from anything but a relayed candidate', () => {
    expect(readStamp('{"type":"EXPIRE","src":"x"}')).toBeUndefined();
    expect(readStamp('{"type":"CANDIDATE","payload":{"connectionId":"dc_k3j9-x0"}}')).toBeUndefined();
    expect(readStamp('{"type":"CANDIDATE","payload":{}}')).toBeUndefined();
  });
});
