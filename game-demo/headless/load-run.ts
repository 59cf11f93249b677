/**
 * One configuration of the load test: a dedicated host and a bots process, both children of this
 * one, joined through the broker. The measuring window is set by signals: SIGUSR2 makes each print
 * its stats line for the window since the previous one, so the window starts after every bot is in
 * and the game has settled, and both processes measure the same stretch of time.
 */
import { setTimeout as delay } from 'node:timers/promises';
import type { Behaviour } from './bot-brain.js';
import type { BotLine, BotStatsLine } from './bot-lines.js';
import { HeadlessChild } from './headless-child.js';
import type { HostLine, HostStatsLine } from './host-lines.js';
import { BOT_RTT_LIMIT_MS, type LoadRow } from './load-report.js';
import { machineCpuPercent, readMachineCpu, type MachineCpu } from './machine-cpu.js';

/** One configuration to measure, and where. */
export interface RunSettings {
  readonly brokerUrl: string;
  readonly tickRate: number;
  readonly bots: number;
  readonly seconds: number;
  readonly warmup: number;
  readonly behaviour: Behaviour;
  /** Told of every child process started, so an interrupted run can end them. */
  readonly started?: (child: HeadlessChild<HostLine> | HeadlessChild<BotLine>) => void;
}

/** Joining 64 bots on a busy 2-core machine takes a while; a broken run still fails in bounded time. */
const JOIN_TIMEOUT_MS = 120_000;

interface Window {
  readonly host: HostStatsLine;
  readonly bots: BotStatsLine;
  /** The machine's CPU counters when the window closed. */
  readonly machine: MachineCpu | undefined;
}

/** Asks both processes for a stats line and waits for it. */
async function takeWindow(host: HeadlessChild<HostLine>, bots: HeadlessChild<BotLine>): Promise<Window> {
  const [hostBefore, botsBefore] = [host.events('stats').length, bots.events('stats').length];
  const machine = readMachineCpu();
  host.signal('SIGUSR2');
  bots.signal('SIGUSR2');
  const [hostLine, botsLine] = await Promise.all([
    host.waitFor(() => host.events('stats')[hostBefore], 'the host to print its stats', 10_000),
    bots.waitFor(() => bots.events('stats')[botsBefore], 'the bots to print their stats', 10_000),
  ]);
  return { host: hostLine, bots: botsLine, machine };
}

function row(settings: RunSettings, start: Window, { host, bots, machine }: Window): LoadRow {
  const all = machineCpuPercent(start.machine, machine);
  return {
    tickRate: settings.tickRate,
    bots: settings.bots,
    seconds: host.seconds,
    ticksPerSecond: host.ticksPerSecond,
    tickP50Ms: host.stepP50Ms,
    tickP99Ms: host.stepP99Ms,
    tickMaxMs: host.stepMaxMs,
    hostCpuPercent: host.cpuPercent,
    botsCpuPercent: bots.cpuPercent,
    otherCpuPercent: all === undefined ? undefined : Math.max(0, all - host.cpuPercent - bots.cpuPercent),
    kbpsOutPerClient: host.kbpsOutPerClient,
    kbpsInPerClient: host.kbpsInPerClient,
    snapshotBytes: host.snapshotBytes,
    snapshotsSkipped: host.snapshotsSkipped,
    rttMs: bots.rttMs,
    correctionsPerBotSecond: bots.corrections / settings.bots / Math.max(1e-3, bots.seconds),
    botsKeptUp: bots.rttMs !== undefined && bots.rttMs < BOT_RTT_LIMIT_MS,
  };
}

/** Runs one configuration and stops both processes, whatever happens. */
export async function runConfiguration(settings: RunSettings): Promise<LoadRow> {
  const common = ['--broker', settings.brokerUrl, '--ice-servers', '[]', '--json'];
  const host = HeadlessChild.host([...common, '--tick-rate', String(settings.tickRate), '--max-players', String(settings.bots), '--stats-every', '0']);
  settings.started?.(host);
  let bots: HeadlessChild<BotLine> | undefined;
  try {
    const lobby = await host.waitFor(() => host.events('lobby')[0], 'the host to open a lobby', 30_000);
    const { code } = lobby;
    const seed = String(settings.tickRate * 100 + settings.bots);
    const fleet = HeadlessChild.bots([...common, '--code', code, '--count', String(settings.bots), '--behaviour', settings.behaviour, '--seed', seed, '--report-every', '0']);
    bots = fleet;
    settings.started?.(fleet);
    await fleet.waitFor(
      () => {
        const failed = fleet.events('failed')[0];
        if (failed) throw new Error(`a bot could not join: ${failed.message}`);
        return fleet.events('joined').length >= settings.bots ? true : undefined;
      },
      `${settings.bots} bots to join`,
      JOIN_TIMEOUT_MS,
    );
    await delay(settings.warmup * 1000);
    const start = await takeWindow(host, fleet);
    await delay(settings.seconds * 1000);
    return row(settings, start, await takeWindow(host, fleet));
  } finally {
    // The bots leave first, so the host sees goodbyes rather than lost links.
    await bots?.stop();
    await host.stop();
  }
}
