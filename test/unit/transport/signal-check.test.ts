import { describe, expect, it } from 'vitest';
import { decodeMeta, MAX_META_BYTES } from '../../../engine/src/transport/peerjs/meta-connection.js';
import { checkSignal, MAX_CANDIDATE_CHARS, MAX_SDP_CHARS } from '../../../engine/src/transport/peerjs/signal-check.js';

/** An offer as tickwire's client makes it (PeerJS's `_makeOffer` with the `tickwire` serialization). */
function offer(payload: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'OFFER',
    src: 'peer-a',
    payload: { sdp: { type: 'offer', sdp: 'v=0\r\n' }, type: 'data', connectionId: 'dc_k3j2h4', label: 'dc_k3j2h4', reliable: true, serialization: 'tickwire', ...payload },
  };
}

function candidate(value: unknown): Record<string, unknown> {
  return { type: 'CANDIDATE', src: 'peer-a', payload: { candidate: value, type: 'data', connectionId: 'dc_k3j2h4' } };
}

const why = (value: unknown) => {
  const check = checkSignal(value);
  return check.ok ? 'ok' : check.why;
};

describe('checkSignal', () => {
  it("takes what tickwire's peers and the broker send", () => {
    expect(checkSignal(offer())).toEqual({ ok: true, signal: { type: 'OFFER', src: 'peer-a', connectionId: 'dc_k3j2h4' } });
    const answer = { type: 'ANSWER', src: 'h', payload: { sdp: { type: 'answer', sdp: 'v=0' }, type: 'data', connectionId: 'dc_1' } };
    expect(why(answer)).toBe('ok');
    expect(why(candidate({ candidate: 'candidate:1 1 UDP 2122317823 127.0.0.1 50000 typ host', sdpMid: '0', sdpMLineIndex: 0 }))).toBe('ok');
    expect(why({ type: 'OPEN' })).toBe('ok');
    expect(why({ type: 'ERROR', payload: { msg: 'no' } })).toBe('ok');
    expect(checkSignal({ type: 'LEAVE', src: 'h' })).toEqual({ ok: true, signal: { type: 'LEAVE', src: 'h' } });
  });

  it('refuses offers of any other shape, naming the sender', () => {
    expect(checkSignal(offer({ serialization: 'bogus' }))).toEqual({ ok: false, src: 'peer-a', why: 'OFFER: serialization "bogus" is not tickwire\'s' });
    expect(why(offer({ serialization: 'json' }))).toMatch(/serialization "json"/);
    expect(why(offer({ serialization: 'binary' }))).toMatch(/serialization "binary"/);
    expect(why(offer({ type: 'media' }))).toBe('OFFER: not a data connection');
    expect(why(offer({ reliable: false }))).toBe('OFFER: not a reliable connection');
    expect(why(offer({ metadata: { a: 1 } }))).toBe('OFFER: carries metadata');
    expect(why(offer({ sdp: undefined }))).toBe('OFFER: no usable offer');
    expect(why(offer({ sdp: { type: 'answer', sdp: 'v=0' } }))).toBe('OFFER: no usable offer');
    expect(why(offer({ sdp: { type: 'offer', sdp: 'x'.repeat(MAX_SDP_CHARS + 1) } }))).toBe('OFFER: no usable offer');
    expect(why(offer({ connectionId: '../../etc' }))).toBe('OFFER without a connection id');
    expect(why(offer({ connectionId: 'x'.repeat(65) }))).toBe('OFFER without a connection id');
    expect(why({ type: 'OFFER', src: 'peer-a', payload: null })).toBe('OFFER without a connection id');
  });

  it('refuses candidates that are not one', () => {
    expect(why(candidate(null))).toBe('CANDIDATE: no usable candidate');
    expect(why(candidate({ candidate: 'x'.repeat(MAX_CANDIDATE_CHARS + 1) }))).toBe('CANDIDATE: no usable candidate');
    expect(why(candidate({ candidate: 'c', sdpMLineIndex: -1 }))).toBe('CANDIDATE: no usable candidate');
    expect(why(candidate({ candidate: 'c', sdpMid: 7 }))).toBe('CANDIDATE: no usable candidate');
  });

  it('refuses anything else', () => {
    for (const value of [null, 'OPEN', 42, [], {}, { type: 7 }]) expect(why(value)).toBe('not a signaling message');
    expect(why({ type: 'HEARTBEAT' })).toBe('unknown type "HEARTBEAT"');
    expect(why({ type: 'ERROR' })).toBe('an error without a message');
    expect(why({ type: 'EXPIRE' })).toBe('EXPIRE without a sender');
    expect(why({ type: 'CANDIDATE', payload: { connectionId: 'dc_1' } })).toBe('CANDIDATE without a sender');
  });
});

describe('decodeMeta', () => {
  const bytes = (text: string) => new TextEncoder().encode(text).buffer;

  it('reads small UTF-8 JSON and nothing else', () => {
    expect(decodeMeta(bytes('{"t":"ping","at":3}'))).toEqual({ t: 'ping', at: 3 });
    expect(decodeMeta(bytes('null'))).toBeNull();
    expect(decodeMeta(new Uint8Array([0xc1, 0xff, 0, 0x13, 0x37]).buffer)).toBeUndefined();
    expect(decodeMeta(new Uint8Array([0x7b, 0xff]).buffer)).toBeUndefined();
    expect(decodeMeta('{"t":"ready"}')).toBeUndefined();
    expect(decodeMeta(bytes(`"${'x'.repeat(MAX_META_BYTES)}"`))).toBeUndefined();
  });
});
