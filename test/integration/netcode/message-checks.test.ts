/**
 * Message declarations with a check: a payload from another machine that fails the game's guard
 * (or makes it throw) never reaches a `message` listener; it is dropped and counted as invalid, on
 * the host as a strike against its sender. A bare mode (`'reliable'`) checks nothing.
 */
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../engine/src/core/clock.js';
import { createClient } from '../../../engine/src/session/client/client.js';
import { createHost } from '../../../engine/src/session/host/host.js';
import { message } from '../../../engine/src/session/message-declaration.js';
import { LoopbackNetwork } from '../../../engine/src/transport/loopback/loopback-network.js';
import { movingSquare } from '../../../engine/examples/moving-square.js';

interface Chat {
  readonly text: string;
}
const isChat = (payload: unknown): payload is Chat =>
  typeof payload === 'object' && payload !== null && typeof (payload as { text?: unknown }).text === 'string';
const throwsOnNull = (payload: unknown): payload is number => {
  if (payload === null) throw new TypeError('null');
  return typeof payload === 'number';
};

/** Host and client may declare the same modes with different checks: only the modes are on the wire. */
const checked = { chat: message.reliable(isChat), score: message.reliable(throwsOnNull), note: 'reliable' } as const;
const unchecked = { chat: 'reliable', score: 'reliable', note: 'reliable' } as const;

function setup() {
  const clock = new ManualClock();
  const network = new LoopbackNetwork({ clock });
  const host = createHost({ simulation: movingSquare, transport: network.createHost('host'), clock, messages: checked });
  const client = createClient({ simulation: movingSquare, transport: network.connect('host'), clock, messages: unchecked });
  const checkingClient = createClient({ simulation: movingSquare, transport: network.connect('host'), clock, messages: checked });
  host.start();
  client.start();
  checkingClient.start();
  const run = (ms: number) => {
    for (let t = 0; t < ms; t += 8) clock.advance(8);
  };
  run(300);
  return { host, client, checkingClient, run };
}

describe('checked message declarations', () => {
  it('deliver what passes the check and drop, count and strike what fails it or throws', () => {
    const { host, client, run } = setup();
    const heard: string[] = [];
    host.on('message', (m) => heard.push(`${m.type} ${JSON.stringify(m.payload)}`));
    client.send('chat', { text: 'hi' });
    client.send('chat', { body: 'no text' });
    client.send('chat', 'hi');
    client.send('score', 3);
    client.send('score', null);
    client.send('note', { anything: [1, 2] });
    run(300);
    expect(heard).toEqual(['chat {"text":"hi"}', 'score 3', 'note {"anything":[1,2]}']);
    expect(host.stats().invalidMessages).toBe(3);
    expect(host.players()).toHaveLength(3);
  });

  it('check what the host sends too, on a client that declares them', () => {
    const { host, client, checkingClient, run } = setup();
    const heardBy = (c: typeof client | typeof checkingClient) => {
      const heard: string[] = [];
      c.on('message', (m) => heard.push(m.type));
      return heard;
    };
    const trusting = heardBy(client);
    const checking = heardBy(checkingClient);
    host.send('chat', { text: 'welcome' });
    // Typed as a chat, sent as something else: a host built from other code than this client.
    host.send('chat', JSON.parse('{"body":1}') as Chat);
    run(300);
    expect(trusting).toEqual(['chat', 'chat']);
    expect(checking).toEqual(['chat']);
    expect(checkingClient.stats().invalidMessages).toBe(1);
    expect(client.stats().invalidMessages).toBe(0);
  });
});
