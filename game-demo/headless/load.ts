/**
 * `npm run load`: how many players one dedicated host carries. For each tick rate and bot count it
 * runs a host and a bots process (children of this one, so their CPU is measured apart from the
 * broker's and from each other) over real WebRTC through a broker started here on a free port,
 * measures a window, and stops both. It prints a Markdown table and, with `--json FILE`, writes
 * the results. A benchmark: not part of `npm test`.
 */
import { writeFile } from 'node:fs/promises';
import { cpus, platform } from 'node:os';
import { startBroker } from 'tickwire-broker';
import { EXIT, UsageError } from './args.js';
import type { BotLine } from './bot-lines.js';
import type { HeadlessChild } from './headless-child.js';
import type { HostLine } from './host-lines.js';
import { LOAD_USAGE, parseLoadArgs, type LoadOptions } from './load-args.js';
import { BOT_RTT_LIMIT_MS, formatTable, largestKeepingUp, TICK_P99_LIMIT_MS, type LoadReport, type LoadRow } from './load-report.js';
import { runConfiguration } from './load-run.js';

async function run(options: LoadOptions, argv: readonly string[]): Promise<LoadReport> {
  // Every bot and the host come from this machine's one address, so the per-address limits are
  // raised past the largest run (64 bots, each with a lookup and a signaling socket, per configuration).
  const broker = await startBroker({ port: 0, iceServers: [], staticDir: undefined, maxConnectionsPerIp: 1000, lookupsPerMinute: 100_000 });
  const running = new Set<HeadlessChild<HostLine> | HeadlessChild<BotLine>>();
  const interrupt = () => {
    for (const child of running) child.kill();
    process.exit(EXIT.failed);
  };
  process.on('SIGINT', interrupt);
  process.on('SIGTERM', interrupt);
  const rows: LoadRow[] = [];
  const failures: { tickRate: number; bots: number; error: string }[] = [];
  try {
    for (const tickRate of options.rates) {
      for (const bots of options.counts) {
        console.log(`load: ${tickRate} Hz, ${bots} bots: joining, ${options.warmup} s to settle, ${options.seconds} s measured`);
        try {
          const row = await runConfiguration({ brokerUrl: broker.url, tickRate, bots, seconds: options.seconds, warmup: options.warmup, behaviour: options.behaviour, started: (child) => running.add(child) });
          rows.push(row);
          console.log(formatTable([row]).split('\n')[2]);
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          failures.push({ tickRate, bots, error: message });
          console.error(`load: ${tickRate} Hz, ${bots} bots failed: ${message}`);
        } finally {
          running.clear();
        }
      }
    }
  } finally {
    process.off('SIGINT', interrupt);
    process.off('SIGTERM', interrupt);
    await broker.close();
  }
  const cpu = cpus();
  const tried60 = rows.filter((r) => r.tickRate === 60).map((r) => r.bots);
  return {
    date: new Date().toISOString(),
    command: ['npm run load', ...(argv.length > 0 ? ['--', ...argv] : [])].join(' '),
    machine: { cores: cpu.length, cpu: cpu[0]?.model ?? 'unknown', node: process.version, platform: platform() },
    settings: { seconds: options.seconds, warmup: options.warmup, behaviour: options.behaviour },
    rows,
    largestAt60Hz: tried60.length === 0 ? undefined : { bots: largestKeepingUp(rows, 60), tried: Math.max(...tried60), tickP99LimitMs: TICK_P99_LIMIT_MS },
    failures,
  };
}

function summary(report: LoadReport): string {
  const { machine, largestAt60Hz: at60 } = report;
  const lines = [
    `${report.date}, ${machine.cores} cores (${machine.cpu}), Node ${machine.node}: \`${report.command}\``,
    '',
    formatTable(report.rows),
    '',
    'Ticks timed around host.step() in the host process; CPU from process.cpuUsage() of each child process (100% is one core);',
    'other CPU: the rest of the machine in the window (/proc/stat): the broker, this process and anything else running;',
    "out/in: bytes on both channels per client; snapshot: state-channel bytes per snapshot sent; RTT: the bots' mean;",
    `kept up: ${TICK_P99_LIMIT_MS}-ms tick p99 at the full tick rate, with the bots' RTT under ${BOT_RTT_LIMIT_MS} ms (else the bots, not the host, were the limit).`,
  ];
  if (at60) {
    const verdict =
      at60.bots === undefined
        ? `no bot count tried kept 60 Hz with tick p99 under ${at60.tickP99LimitMs} ms`
        : `the largest bot count that kept 60 Hz with tick p99 under ${at60.tickP99LimitMs} ms: ${at60.bots}${at60.bots === at60.tried ? ' (the largest tried)' : ''}`;
    lines.push(verdict);
  }
  for (const failure of report.failures) lines.push(`not measured: ${failure.tickRate} Hz, ${failure.bots} bots: ${failure.error.split('\n')[0] ?? ''}`);
  return lines.join('\n');
}

async function main(argv: readonly string[]): Promise<number> {
  const options = parseLoadArgs(argv);
  if (options.help) {
    console.log(LOAD_USAGE);
    return EXIT.ok;
  }
  const report = await run(options, argv);
  console.log(`\n${summary(report)}`);
  if (options.jsonFile !== undefined) {
    await writeFile(options.jsonFile, `${JSON.stringify(report, null, 2)}\n`);
    console.log(`load: wrote ${options.jsonFile}`);
  }
  return report.failures.length === 0 ? EXIT.ok : EXIT.failed;
}

main(process.argv.slice(2)).then(
  (status) => {
    process.exitCode = status;
  },
  (error: unknown) => {
    if (error instanceof UsageError) {
      console.error(`load: ${error.message}\nRun with --help for the flags.`);
      process.exitCode = EXIT.usage;
      return;
    }
    console.error('load: failed', error);
    process.exitCode = EXIT.failed;
  },
);
