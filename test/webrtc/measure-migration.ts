/**
 * How long a host migration takes over real WebRTC on this machine: a host process with three
 * players, ended by SIGTERM (it leaves) or SIGKILL (a crash), timed from the signal until every
 * remaining player plays under the new host; ten runs each, p50 and the worst, with ticks lost.
 *
 *   node --import tsx test/webrtc/measure-migration.ts [runs] [SIGTERM|SIGKILL]
 */
import { joinGame } from '../../engine/src/game/join-game.js';
import { installNodeGlobals } from '../../engine/src/node/install-globals.js';
import { startBroker } from '../../peer-server/src/broker.js';
import { match, migrationMessages, type MatchClient, type MatchHost } from '../support/migration-game.js';
import { waitFor } from '../support/wait.js';
import { startHostProcess } from './support/host-process.js';

installNodeGlobals();
const runs = Number(process.argv[2] ?? 10);
const signals = process.argv[3] === undefined ? (['SIGTERM', 'SIGKILL'] as const) : ([process.argv[3]] as ('SIGTERM' | 'SIGKILL')[]);
// Every player here looks the code up from one address, again and again: the budget per address is raised.
const broker = await startBroker({ port: 0, iceServers: [], staticDir: undefined, lookupsPerMinute: 100_000 });

async function once(signal: 'SIGKILL' | 'SIGTERM'): Promise<{ ms: number; ticksLost: number }> {
  const hostProcess = await startHostProcess(broker.url);
  const clients: MatchClient[] = await Promise.all(
    ['Bob', 'Cy', 'Di'].map((name) => joinGame({ brokerUrl: broker.url, iceServers: [], code: hostProcess.code, simulation: match, messages: migrationMessages, name })),
  );
  let host: MatchHost | undefined;
  let ticksLost = 0;
  let migrated = 0;
  for (const client of clients) {
    client.on('becameHost', (event) => {
      host = event.host;
      ticksLost = Math.max(ticksLost, event.ticksLost);
    });
    client.on('hostMigrated', (event) => {
      migrated++;
      ticksLost = Math.max(ticksLost, event.ticksLost);
    });
  }
  try {
    await waitFor(() => clients.every((c) => c.heirs().length === 3 && c.stats().tick > 0), 'every player to know the heirs', 20_000);
    // Checkpoints taken once everyone was in: the heirs hold every seat.
    const allIn = Math.max(...clients.map((c) => c.stats().tick));
    await waitFor(() => clients.filter((c) => c.stats().checkpointTick > allIn).length >= 2, 'heirs with checkpoints of every seat', 20_000);
    const started = performance.now();
    await hostProcess.end(signal);
    await waitFor(() => host && migrated === 2 && host.players().every((p) => !p.away), 'play to resume', 30_000, 2).catch((error: unknown) => {
      const seen = clients.map((c) => `${c.playerId}:${c.stats().tick}`).join(' ');
      throw new Error(`${String(error)} (${signal}; host ${host ? JSON.stringify(host.players()) : 'none'}; migrated ${migrated}; clients ${seen})`);
    });
    return { ms: performance.now() - started, ticksLost };
  } finally {
    for (const client of clients) client.close();
    host?.close();
    await hostProcess.end('SIGKILL');
  }
}

const percentile = (values: readonly number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(p * values.length))]!;
try {
  for (const signal of signals) {
    const results = [];
    for (let i = 0; i < runs; i++) results.push(await once(signal));
    const ms = results.map((r) => r.ms);
    const lost = results.map((r) => r.ticksLost);
    console.log(`${signal === 'SIGTERM' ? 'host leaves (SIGTERM)' : 'host crashes (SIGKILL)'}: resumed p50 ${percentile(ms, 0.5).toFixed(0)} ms, max ${Math.max(...ms).toFixed(0)} ms; ticks lost p50 ${percentile(lost, 0.5)}, max ${Math.max(...lost)} (${runs} runs)`);
  }
} finally {
  await broker.close();
}
