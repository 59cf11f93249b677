/**
 * A broker restarted on the same port with the same secret: a peer reconnects with the id and token
 * it had, and registering its lobby again gives it the same code. With another secret, the old id
 * is refused.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startBroker, type Broker } from '../../../peer-server/src/broker.js';
import { jsonBody, postJson } from './support/api.js';
import { connectPeerSocket, connectPeerSocketAs, firstMessage, peerUrls, type PeerSocket } from './support/peer-socket.js';
import WebSocket from 'ws';
import { withDeadline } from './support/wait-until.js';

const SECRET = 's'.repeat(40);
const brokers: Broker[] = [];

afterEach(async () => {
  await Promise.all(brokers.splice(0).map((b) => b.close()));
});

async function start(port: number, secret: string | undefined): Promise<Broker> {
  const broker = await startBroker({ port, staticDir: undefined, ...(secret === undefined ? {} : { secret }) });
  brokers.push(broker);
  return broker;
}

async function register(broker: Broker, host: PeerSocket): Promise<string> {
  const response = await postJson(`${broker.url}/api/lobbies`, { hostPeerId: host.id, token: host.token });
  expect(response.status).toBe(201);
  return ((await jsonBody(response)) as { code: string }).code;
}

describe('a broker restart', () => {
  it('with the same secret, accepts the old id and gives the host its old code', async () => {
    const first = await start(0, SECRET);
    const host = await connectPeerSocket(first);
    const code = await register(first, host);
    await first.close();

    const second = await start(first.port, SECRET);
    const back = await connectPeerSocketAs(second, host.id, host.token);
    expect(await register(second, back)).toBe(code);
    expect(await jsonBody(await fetch(`${second.url}/api/lobbies/${code}`))).toEqual({ hostPeerId: host.id });
    await back.close();
  });

  it('with another secret (or none set), refuses the old id', async () => {
    const first = await start(0, undefined);
    const host = await connectPeerSocket(first);
    await first.close();
    const second = await start(first.port, undefined);
    const socket = new WebSocket(peerUrls(second).socketUrl(host.id, host.token));
    try {
      expect(await withDeadline(firstMessage(socket), 'the refusal')).toEqual({
        type: 'ERROR',
        payload: { msg: expect.stringMatching(/not issued by this broker/) },
      });
    } finally {
      socket.terminate();
    }
  });
});
