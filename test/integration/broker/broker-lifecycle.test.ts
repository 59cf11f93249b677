/**
 * Starting and stopping the broker: where the PeerServer is mounted, what close() really closes,
 * and the command line.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:net';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { startBroker, type Broker } from '../../../peer-server/src/broker.js';
import { expectApiError, jsonBody, postJson } from './support/api.js';
import { startNode, type NodeProcess } from './support/node-process.js';
import { closed, connectPeerSocket, firstMessage, peerUrls } from './support/peer-socket.js';
import { withDeadline } from './support/wait-until.js';

describe('a broker at a custom peer path and key', () => {
  let broker: Broker;

  beforeAll(async () => {
    broker = await startBroker({ port: 0, peerPath: '/signal/v1/', peerKey: 'k2', staticDir: undefined });
  });

  afterAll(async () => {
    await broker?.close();
  });

  it('reports its real port and URL', () => {
    expect(broker.port).toBeGreaterThan(0);
    expect(broker.url).toBe(`http://127.0.0.1:${broker.port}`);
    expect(broker.config.peerPath).toBe('/signal/v1');
  });

  it('tells clients the path and key at /api/config', async () => {
    expect(await jsonBody(await fetch(`${broker.url}/api/config`))).toEqual({ peerPath: '/signal/v1', peerKey: 'k2', iceServers: [] });
  });

  it('accepts PeerJS connections at {peerPath}/peerjs and lets them open lobbies', async () => {
    const host = await connectPeerSocket(broker);
    try {
      expect(host.id).toMatch(/^[0-9a-f]{32}-[0-9a-f]{32}$/);
      expect((await postJson(`${broker.url}/api/lobbies`, { hostPeerId: host.id, token: host.token })).status).toBe(201);
    } finally {
      await host.close();
    }
  });

  it('refuses a socket with the wrong key', async () => {
    const id = await (await fetch(peerUrls(broker).idUrl)).text();
    const socket = new WebSocket(peerUrls(broker, 'wrong-key').socketUrl(id, 'some-token'));
    expect(await withDeadline(firstMessage(socket), 'the key error')).toEqual({ type: 'ERROR', payload: { msg: 'Invalid key provided' } });
    await withDeadline(closed(socket), 'the refused socket to close');
  });

  it('does not answer PeerJS at the default path', async () => {
    const socket = new WebSocket(`ws://127.0.0.1:${broker.port}/peerjs/peerjs?key=k2&id=x&token=y`);
    const refused = new Promise<string>((resolve) => {
      socket.once('unexpected-response', (_request, response) => resolve(`HTTP ${response.statusCode}`));
      socket.once('error', (error) => resolve(error.message));
      socket.once('open', () => resolve('open'));
    });
    expect(await withDeadline(refused, 'the upgrade to be refused')).not.toBe('open');
    socket.terminate();
  });

  it('serves nothing at / without a static dir', async () => {
    expect((await fetch(`${broker.url}/`)).status).toBe(404);
  });
});

describe('closing a broker', () => {
  it('disconnects its peers, stops answering, and can be called twice', async () => {
    const broker = await startBroker({ port: 0, staticDir: undefined });
    const host = await connectPeerSocket(broker);
    const first = broker.close();
    expect(broker.close()).toBe(first);
    await first;
    await withDeadline(closed(host.socket), "the host's socket to be closed by the broker");
    await expect(fetch(`${broker.url}/api/config`)).rejects.toThrow();
  });

  it('leaves nothing running: a process that used a broker and closed it exits by itself', async () => {
    const run = startNode('test/integration/broker/fixtures/start-use-close.ts');
    expect(await run.exited()).toBe(0);
    expect(run.stdout()).toContain('closed after a lobby answered 201');
  });

  it('rejects with the reason when its port is taken', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as { port: number };
    // ws also reports the listen error through PeerServer's 'error' event, which the broker logs.
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      await expect(startBroker({ port, staticDir: undefined })).rejects.toThrow(new RegExp(`cannot listen on 127\\.0\\.0\\.1:${port}: .*EADDRINUSE`));
    } finally {
      warn.mockRestore();
      await new Promise((resolve) => blocker.close(resolve));
    }
  });
});

describe('the command line', () => {
  let staticDir: string;
  const started: NodeProcess[] = [];

  /** The broker's command line, stopped after the test whatever the test found. */
  function cliWith(args: readonly string[], env?: NodeJS.ProcessEnv): NodeProcess {
    const cli = startNode('peer-server/src/main.ts', args, env);
    started.push(cli);
    return cli;
  }

  afterEach(async () => {
    for (const cli of started.splice(0)) {
      if (cli.child.exitCode === null && cli.child.signalCode === null) cli.child.kill('SIGKILL');
      await cli.exited();
    }
  });

  beforeAll(async () => {
    staticDir = await mkdtemp(join(tmpdir(), 'tickwire-cli-'));
    await writeFile(join(staticDir, 'index.html'), '<!doctype html><title>cli</title>');
  });

  afterAll(async () => {
    if (staticDir) await rm(staticDir, { recursive: true, force: true });
  });

  it('starts from flags and environment, prints its URL, and exits cleanly on SIGINT', async () => {
    const key = `cli-${randomBytes(4).toString('hex')}`;
    const cli = cliWith(['--port', '0', '--static-dir', staticDir], { ...process.env, TICKWIRE_PEER_KEY: key });
    const [, url] = await cli.printed(/^tickwire broker listening on (http:\/\/127\.0\.0\.1:\d+)$/m);
    expect(await jsonBody(await fetch(`${url}/api/config`))).toEqual({ peerPath: '/peerjs', peerKey: key, iceServers: [] });
    expect(await (await fetch(`${url}/`)).text()).toContain('<title>cli</title>');
    expect(cli.stderr()).not.toContain('no page to serve');
    cli.child.kill('SIGINT');
    expect(await cli.exited()).toBe(0);
    expect(cli.stdout()).toContain('SIGINT, closing');
  });

  it('warns when the demo is not built, and stops on SIGTERM', async () => {
    const cli = cliWith(['--port', '0', '--static-dir', join(staticDir, 'missing')]);
    const [, url] = await cli.printed(/listening on (\S+)$/m);
    await expectApiError(await fetch(`${url}/api/lobbies/ABCDEF`), 404, 'lobby_not_found');
    expect(cli.stderr()).toMatch(/no page to serve at \/ .*npm run build:demo/);
    cli.child.kill('SIGTERM');
    expect(await cli.exited()).toBe(0);
  });

  it('exits with status 1 and names the flag on a bad port', async () => {
    const cli = cliWith(['--port', 'ninety']);
    expect(await cli.exited()).toBe(1);
    expect(cli.stderr()).toContain('--port must be an integer from 0 to 65535, got "ninety"');
  });
});
