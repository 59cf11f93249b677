/**
 * `npm run dev`: the broker, and beside it vite's dev server with the demo from source (reloading
 * on every change). The dev server passes the broker's routes through, `/api` and the PeerJS path
 * (its signaling WebSocket included), so the page talks to the broker as if it were served by it.
 * Flags and TICKWIRE_* variables configure the broker as for `npm start` (see peer-server/README.md).
 */
import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';
import { parseBrokerConfig, startBroker } from 'tickwire-broker';

const config = parseBrokerConfig(process.argv.slice(2), process.env);
// The dev server serves the page; the broker serves only its API and PeerJS.
const broker = await startBroker({ ...config, staticDir: undefined });
const vite = await createServer({
  configFile: fileURLToPath(new URL('../vite.config.ts', import.meta.url)),
  server: {
    host: config.host,
    proxy: {
      '/api': { target: broker.url },
      [config.peerPath]: { target: broker.url, ws: true },
    },
  },
});
await vite.listen();
console.log(`tickwire broker listening on ${broker.url}`);
vite.printUrls();

let stopping = false;
const stop = (): void => {
  if (stopping) process.exit(1);
  stopping = true;
  void Promise.all([vite.close(), broker.close()]).then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
