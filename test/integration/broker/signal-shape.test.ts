/**
 * The broker's check of client signaling messages (peer-server/src/signal-shape.ts), as a pure
 * function: real messages from node-datachannel and Chromium pass, and every way of straying from
 * them is refused. The same check against live PeerJS peers is in signal-relay.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { checkSignal, MAX_CANDIDATE_CHARS, MAX_LABEL_CHARS, MAX_SDP_CHARS, readSignal } from '../../../peer-server/src/signal-shape.js';
import { PeerIdIssuer } from '../../../peer-server/src/peer-ids.js';
import { answerMessage, candidateMessage, offerMessage } from './support/signals.js';

const DST = new PeerIdIssuer('k'.repeat(32)).issue();

/** An answer and a candidate as Chromium makes them for a data-only connection (credentials made up). */
const CHROMIUM_ANSWER_SDP =
  'v=0\r\no=- 5302239978676974101 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=group:BUNDLE 0\r\na=extmap-allow-mixed\r\n' +
  'a=msid-semantic: WMS\r\nm=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\nc=IN IP4 0.0.0.0\r\na=ice-ufrag:uv+n\r\n' +
  'a=ice-pwd:bDfPkoHrz5cU2yVd/kok/y+M\r\na=ice-options:trickle\r\na=fingerprint:sha-256 74:7D:38:96:48:43:CA:F8:AD:76:AA:15:' +
  'F2:67:36:95:4E:D8:26:40:3F:5D:86:03:E4:13:F8:A6:F6:71:A8:6F\r\na=setup:active\r\na=mid:0\r\na=sctp-port:5000\r\n' +
  'a=max-message-size:262144\r\n';
const CHROMIUM_CANDIDATE = {
  candidate: 'candidate:3118859921 1 udp 2113937151 192.0.2.2 38916 typ host generation 0 ufrag 76E9 network-cost 999',
  sdpMid: '0',
  sdpMLineIndex: 0,
  usernameFragment: '76E9',
};

type Message = Record<string, unknown>;

/** A copy of `message` with its payload changed by `change`. */
function withPayload(message: Message, change: (payload: Message) => void): Message {
  const copy = structuredClone(message);
  change(copy.payload as Message);
  return copy;
}

function why(value: unknown): string | undefined {
  const check = checkSignal(value);
  return check.ok ? undefined : check.why;
}

describe('checkSignal accepts what tickwire peers send', () => {
  it('a heartbeat, and a node-datachannel offer, answer and candidate', () => {
    expect(checkSignal({ type: 'HEARTBEAT' })).toEqual({ ok: true, signal: { type: 'HEARTBEAT' } });
    expect(checkSignal(offerMessage(DST, 'dc_k3j9x0q2mz'))).toEqual({ ok: true, signal: { type: 'OFFER', dst: DST, connectionId: 'dc_k3j9x0q2mz' } });
    expect(why(answerMessage(DST, 'dc_k3j9x0q2mz', CHROMIUM_ANSWER_SDP))).toBeUndefined();
    expect(why(candidateMessage(DST, 'dc_k3j9x0q2mz'))).toBeUndefined();
  });

  it("Chromium's candidate fields", () => {
    expect(why(withPayload(candidateMessage(DST, 'dc_a'), (p) => (p.candidate = CHROMIUM_CANDIDATE)))).toBeUndefined();
    expect(why(withPayload(candidateMessage(DST, 'dc_a'), (p) => (p.candidate = { candidate: CHROMIUM_CANDIDATE.candidate })))).toBeUndefined();
  });

  it('every bound at its limit', () => {
    const id = 'x'.repeat(64);
    expect(why(offerMessage(DST, id, 's'.repeat(MAX_SDP_CHARS)))).toBeUndefined();
    expect(why(withPayload(offerMessage(DST), (p) => (p.label = 'l'.repeat(MAX_LABEL_CHARS))))).toBeUndefined();
    expect(why(withPayload(candidateMessage(DST, 'dc_a'), (p) => ((p.candidate as Message).candidate = 'c'.repeat(MAX_CANDIDATE_CHARS))))).toBeUndefined();
    expect(why(withPayload(candidateMessage(DST, 'dc_a'), (p) => ((p.candidate as Message).sdpMLineIndex = 63)))).toBeUndefined();
  });
});

describe('checkSignal refuses', () => {
  const offer = offerMessage(DST);
  const candidate = candidateMessage(DST, 'dc_a');

  it.each([
    ['null', null],
    ['an array', [offer]],
    ['a string', 'OFFER'],
    ['a heartbeat with more keys', { type: 'HEARTBEAT', pad: 'x' }],
    ['no type', { dst: DST, payload: offer.payload }],
    ...['LEAVE', 'EXPIRE', 'OPEN', 'ID-TAKEN', 'INVALID-KEY', 'ERROR', 'offer'].map((type): [string, unknown] => [`type ${type}`, { ...offer, type }]),
    ['a src key', { ...offer, src: DST }],
    ['no dst', { type: 'OFFER', payload: offer.payload }],
    ['an empty dst', { ...offer, dst: '' }],
    ['a dst longer than any issued id', { ...offer, dst: `${DST}0` }],
    ['a numeric dst', { ...offer, dst: 7 }],
    ['a null payload', { ...offer, payload: null }],
    ['a string payload', { ...offer, payload: 'x' }],
    ['an array payload', { ...offer, payload: [] }],
  ])('%s', (_name, value) => {
    expect(why(value)).toEqual(expect.any(String));
  });

  it.each([
    ['serialization "bogus"', (p: Message) => (p.serialization = 'bogus')],
    ['serialization "json"', (p: Message) => (p.serialization = 'json')],
    ['serialization "binary"', (p: Message) => (p.serialization = 'binary')],
    ['no serialization', (p: Message) => delete p.serialization],
    ['payload type "media"', (p: Message) => (p.type = 'media')],
    ['reliable false', (p: Message) => (p.reliable = false)],
    ['reliable "true"', (p: Message) => (p.reliable = 'true')],
    ['metadata', (p: Message) => (p.metadata = { name: 'x' })],
    ['metadata null', (p: Message) => (p.metadata = null)],
    ['an unknown key', (p: Message) => (p._payload = {})],
    ['no label', (p: Message) => delete p.label],
    ['a label too long', (p: Message) => (p.label = 'l'.repeat(MAX_LABEL_CHARS + 1))],
    ['no sdp', (p: Message) => delete p.sdp],
    ['an sdp string instead of an object', (p: Message) => (p.sdp = 'v=0')],
    ['an answer in an offer', (p: Message) => (p.sdp = { type: 'answer', sdp: 'v=0' })],
    ['an empty sdp', (p: Message) => (p.sdp = { type: 'offer', sdp: '' })],
    ['an oversize sdp', (p: Message) => (p.sdp = { type: 'offer', sdp: 's'.repeat(MAX_SDP_CHARS + 1) })],
    ['more keys in the sdp', (p: Message) => (p.sdp = { type: 'offer', sdp: 'v=0', extra: 1 })],
    ['no connection id', (p: Message) => delete p.connectionId],
    ['a connection id too long', (p: Message) => (p.connectionId = 'x'.repeat(65))],
    ['a connection id with a space', (p: Message) => (p.connectionId = 'dc_a b')],
    ['an empty connection id', (p: Message) => (p.connectionId = '')],
  ])('an offer with %s', (_name, change) => {
    expect(why(withPayload(offer, change))).toMatch(/^OFFER/);
  });

  it.each([
    ['an offer description', (p: Message) => (p.sdp = { type: 'offer', sdp: 'v=0' })],
    ['offer-only keys', (p: Message) => (p.serialization = 'tickwire')],
    ['payload type "media"', (p: Message) => (p.type = 'media')],
  ])('an answer with %s', (_name, change) => {
    expect(why(withPayload(answerMessage(DST, 'dc_a', 'v=0'), change))).toMatch(/^ANSWER/);
  });

  it.each([
    ['no candidate', (p: Message) => delete p.candidate],
    ['a candidate string instead of an object', (p: Message) => (p.candidate = 'candidate:1')],
    ['an empty candidate line', (p: Message) => ((p.candidate as Message).candidate = '')],
    ['a candidate line too long', (p: Message) => ((p.candidate as Message).candidate = 'c'.repeat(MAX_CANDIDATE_CHARS + 1))],
    ['sdpMLineIndex 64', (p: Message) => ((p.candidate as Message).sdpMLineIndex = 64)],
    ['sdpMLineIndex -1', (p: Message) => ((p.candidate as Message).sdpMLineIndex = -1)],
    ['sdpMLineIndex 0.5', (p: Message) => ((p.candidate as Message).sdpMLineIndex = 0.5)],
    ['a numeric sdpMid', (p: Message) => ((p.candidate as Message).sdpMid = 0)],
    ['an sdpMid too long', (p: Message) => ((p.candidate as Message).sdpMid = 'm'.repeat(65))],
    ['a usernameFragment too long', (p: Message) => ((p.candidate as Message).usernameFragment = 'u'.repeat(257))],
    ['more keys in the candidate', (p: Message) => ((p.candidate as Message).address = '192.0.2.2')],
    ['more keys in the payload', (p: Message) => (p.sdp = { type: 'offer', sdp: 'v=0' })],
    ['payload type "media"', (p: Message) => (p.type = 'media')],
  ])('a candidate with %s', (_name, change) => {
    expect(why(withPayload(candidate, change))).toMatch(/^CANDIDATE/);
  });
});

describe('readSignal', () => {
  const text = (value: unknown) => Buffer.from(JSON.stringify(value));

  it('reads a text frame holding a tickwire message', () => {
    expect(readSignal(text(offerMessage(DST)), false).ok).toBe(true);
  });

  it('refuses binary frames, non-buffers and non-JSON', () => {
    expect(readSignal(text(offerMessage(DST)), true)).toEqual({ ok: false, why: 'not a text frame' });
    expect(readSignal(JSON.stringify(offerMessage(DST)), false)).toEqual({ ok: false, why: 'not a text frame' });
    expect(readSignal(Buffer.from('{"type":'), false)).toEqual({ ok: false, why: 'not JSON' });
  });

  it('sees a prototype key and a repeated type the way PeerServer will read them', () => {
    const offer = JSON.stringify(offerMessage(DST));
    expect(readSignal(Buffer.from(offer.replace('"payload":', '"__proto__":{},"payload":')), false).ok).toBe(false);
    // JSON.parse keeps the last of repeated keys, here as in PeerServer, which parses the same bytes.
    expect(readSignal(Buffer.from(offer.replace('{"type":"OFFER"', '{"type":"OFFER","type":"LEAVE"')), false).ok).toBe(false);
  });
});
