/**
 * The Node globals keep a throwing listener from ending the process, as a browser does: on a real
 * node-datachannel data channel, and on the `ws` WebSocket PeerJS talks to its broker through.
 * Without the guard, each throw here is an uncaught exception, which fails the run.
 */
import { WebSocketServer } from 'ws';
import { afterAll, describe, expect, it } from 'vitest';
import { installNodeGlobals } from '../../engine/src/node/install-globals.js';
import { waitFor } from '../support/wait.js';

const thrown: { message: string; event: string }[] = [];
installNodeGlobals({ onListenerError: (error, event) => thrown.push({ message: error instanceof Error ? error.message : String(error), event }) });

/** Two peer connections in this process, signaled by hand, with `iceServers: []`. */
async function connectedPair(): Promise<{ a: RTCPeerConnection; b: RTCPeerConnection }> {
  const a = new RTCPeerConnection({ iceServers: [] });
  const b = new RTCPeerConnection({ iceServers: [] });
  a.onicecandidate = (e) => void (e.candidate && b.addIceCandidate(e.candidate));
  b.onicecandidate = (e) => void (e.candidate && a.addIceCandidate(e.candidate));
  return { a, b };
}

describe('Node globals', () => {
  const closers: (() => void)[] = [];
  afterAll(() => closers.forEach((close) => close()));

  it('reports a data channel listener that throws, and the channel goes on', async () => {
    const { a, b } = await connectedPair();
    closers.push(() => a.close(), () => b.close());
    const received: string[] = [];
    b.ondatachannel = ({ channel }) => {
      channel.addEventListener('message', () => {
        throw new Error('a listener that throws');
      });
      channel.onmessage = (event: MessageEvent<unknown>) => received.push(String(event.data));
    };
    const channel = a.createDataChannel('test');
    const offer = await a.createOffer();
    await a.setLocalDescription(offer);
    await b.setRemoteDescription(offer);
    const answer = await b.createAnswer();
    await b.setLocalDescription(answer);
    await a.setRemoteDescription(answer);
    await waitFor(() => channel.readyState === 'open', 'the channel to open');
    channel.send('one');
    channel.send('two');
    await waitFor(() => received.length === 2, 'both messages past the throwing listener');
    expect(received).toEqual(['one', 'two']);
    expect(thrown.filter((t) => t.event === 'message' && t.message === 'a listener that throws')).toHaveLength(2);
  });

  it('reports a WebSocket onmessage that throws, and the socket goes on', async () => {
    const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    closers.push(() => server.close());
    await new Promise((resolve) => server.once('listening', resolve));
    server.on('connection', (socket) => {
      socket.send('first');
      socket.send('second');
    });
    const { port } = server.address() as { port: number };
    const socket = new WebSocket(`ws://127.0.0.1:${port}`);
    closers.push(() => socket.close());
    const heard: string[] = [];
    socket.onmessage = (event: MessageEvent<unknown>) => {
      heard.push(String(event.data));
      if (heard.length === 1) throw new Error('a socket listener that throws');
    };
    await waitFor(() => heard.length === 2, 'the second message after the throw');
    expect(thrown.some((t) => t.event === 'message' && t.message === 'a socket listener that throws')).toBe(true);
  });
});
