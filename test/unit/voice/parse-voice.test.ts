/**
 * The `voice` message on the wire: every signal survives a round trip, and anything malformed or
 * oversized is refused with a reason, never thrown.
 */
import { describe, expect, it } from 'vitest';
import { encodeMessage } from '../../../engine/src/protocol/codec.js';
import { writeMessage } from '../../../engine/src/protocol/encode-message.js';
import { MessageKind, PROTOCOL_VERSION } from '../../../engine/src/protocol/message-kinds.js';
import { parseMessage, readMessage } from '../../../engine/src/protocol/parse-message.js';
import { MAX_VOICE_SDP_LENGTH, type VoiceSignal } from '../../../engine/src/protocol/parse-voice.js';
import { movingSquare } from '../../../engine/examples/moving-square.js';

const ctx = { schema: movingSquare.schema };

describe('the voice message', () => {
  it('is kind 15, since protocol 8', () => {
    expect(MessageKind.voice).toBe(15);
    expect(PROTOCOL_VERSION).toBeGreaterThanOrEqual(8);
  });

  const signals: VoiceSignal[] = [
    { type: 'hello', reply: false },
    { type: 'hello', reply: true },
    { type: 'bye' },
    { type: 'offer', link: 7, sdp: 'v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\n' },
    { type: 'answer', link: 0xffffffff, sdp: 'v=0\r\n' },
    { type: 'candidate', link: 3, candidate: 'candidate:1 1 udp 2122260223 10.0.0.2 50000 typ host', sdpMid: '0', sdpMLineIndex: 0 },
    { type: 'candidate', link: 3, candidate: '', sdpMid: null, sdpMLineIndex: null },
  ];

  it.each(signals)('carries $type signals both ways unchanged', (signal) => {
    const message = { kind: 'voice' as const, peer: 65535, signal };
    const read = readMessage(writeMessage(message), 65536, ctx);
    expect(read).toEqual({ ok: true, value: message });
  });

  it('keeps a hello small: six bytes', () => {
    expect(writeMessage({ kind: 'voice', peer: 3, signal: { type: 'hello', reply: false } }).byteLength).toBe(6);
  });

  const bad: [string, unknown[]][] = [
    ['too few elements', [15, 1]],
    ['a peer out of range', [15, 65536, [2]]],
    ['a negative peer', [15, -1, [2]]],
    ['a signal that is not an array', [15, 1, 'hello']],
    ['an unknown signal', [15, 1, [9]]],
    ['an empty signal', [15, 1, []]],
    ['a hello without its flag', [15, 1, [1]]],
    ['a hello with a number for a flag', [15, 1, [1, 0]]],
    ['a bye with extra fields', [15, 1, [2, 1]]],
    ['an offer without a link', [15, 1, [3, 'v=0']]],
    ['an offer with an empty sdp', [15, 1, [3, 1, '']]],
    ['an offer over the size limit', [15, 1, [3, 1, 'x'.repeat(MAX_VOICE_SDP_LENGTH + 1)]]],
    ['an answer with a fractional link', [15, 1, [4, 1.5, 'v=0']]],
    ['a candidate with a long mid', [15, 1, [5, 1, 'c', 'x'.repeat(33), 0]]],
    ['a candidate with a bad line index', [15, 1, [5, 1, 'c', '0', 256]]],
    ['a candidate too long', [15, 1, [5, 1, 'c'.repeat(513), '0', 0]]],
    ['a candidate missing fields', [15, 1, [5, 1, 'c']]],
  ];

  it.each(bad)('refuses %s', (_, wire) => {
    const parsed = parseMessage(wire, ctx);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason).toMatch(/^voice: /);
    expect(readMessage(encodeMessage(wire), 65536, ctx).ok).toBe(false);
  });
});
