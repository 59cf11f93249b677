/**
 * The bots of one process: joins them a few at a time, runs their brains on one timer, prints their
 * reports, and makes them all leave on Ctrl-C. When the game has ended for every bot (the host
 * left) there is nothing left running and the process ends by itself.
 */
import { joinSession } from '../src/net/client-session.js';
import { describeStartError } from '../src/net/errors.js';
import { Bot } from './bot.js';
import { BotBrain } from './bot-brain.js';
import type { BotLine, BotStatsLine } from './bot-lines.js';
import type { BotsCliOptions } from './bots-args.js';
import { CpuMeter } from './cpu-meter.js';
import { round, type LinePrinter } from './printer.js';
import { createRng } from './rng.js';

/** Bots joining at once: enough to fill a lobby quickly, few enough not to crowd the host's handshakes. */
const JOIN_CONCURRENCY = 4;
/** How often the brains decide, ms: a player's reaction time is longer. */
const THINK_MS = 50;

/** Every bot of this process. */
export class Fleet {
  private readonly bots = new Set<Bot>();
  private readonly correctionsSeen = new Map<Bot, number>();
  private readonly cpu = new CpuMeter();
  private readonly timers: ReturnType<typeof setInterval>[] = [];
  private lastStatsAt = performance.now();
  private joining = 0;
  private warned = false;
  private stopped = false;
  private readonly onReportSignal = () => this.report();

  constructor(
    private readonly options: BotsCliOptions,
    private readonly printer: LinePrinter<BotLine>,
    /** Called once no bot plays any more (every game ended, or all left). */
    private readonly onFinished: () => void = () => {},
  ) {
    this.timers.push(setInterval(() => this.think(), THINK_MS));
    if (options.reportEvery > 0) this.timers.push(setInterval(() => this.report(), options.reportEvery * 1000));
    process.on('SIGUSR2', this.onReportSignal);
  }

  /** Joins `--count` bots; resolves with how many got in. */
  async join(): Promise<number> {
    let next = 1;
    let joined = 0;
    const worker = async () => {
      while (next <= this.options.count && !this.stopped) {
        if (await this.joinOne(next++)) joined++;
      }
    };
    await Promise.all(Array.from({ length: Math.min(JOIN_CONCURRENCY, this.options.count) }, worker));
    if (this.bots.size === 0) this.finish();
    return joined;
  }

  /** Every bot leaves (the host hears each goodbye); the process then ends by itself. */
  stop(signal: NodeJS.Signals): void {
    this.printer.print({ event: 'closing', message: `${signal}: ${this.bots.size} bot${this.bots.size === 1 ? '' : 's'} leaving` });
    this.stopped = true;
    for (const bot of this.bots) bot.leave();
    this.bots.clear();
    this.finish();
  }

  /** Prints every bot's report and the process's stats, and starts a new window. */
  report(): void {
    for (const bot of this.bots) this.printer.print(bot.report());
    this.printer.print(this.stats());
  }

  private async joinOne(index: number): Promise<boolean> {
    const { broker, code, iceServers, namePrefix, behaviour, seed } = this.options;
    const name = `${namePrefix} ${index}`;
    this.joining++;
    try {
      const session = await joinSession(broker, code, name, iceServers ? { iceServers } : {});
      if (this.stopped) {
        session.close();
        return false;
      }
      const bot = new Bot(index, name, session, new BotBrain(behaviour, createRng(seed * 1000 + index)));
      this.bots.add(bot);
      this.printer.print({ event: 'joined', bot: index, name, playerId: bot.playerId ?? -1, code });
      bot.onEnded((message) => this.ended(bot, message));
      bot.onWarning((message) => {
        if (!this.warned) this.printer.print({ event: 'warning', message });
        this.warned = true;
      });
      return true;
    } catch (error) {
      this.printer.print({ event: 'failed', bot: index, name, message: describeStartError(error, code) });
      return false;
    } finally {
      this.joining--;
    }
  }

  private ended(bot: Bot, message: string): void {
    if (!this.bots.delete(bot)) return;
    // Whatever ended the game, the bot's connections go with it.
    bot.leave();
    this.printer.print({ event: 'ended', bot: bot.index, name: bot.name, message });
    if (this.bots.size === 0 && this.joining === 0) this.finish();
  }

  private think(): void {
    const now = performance.now();
    for (const bot of this.bots) bot.think(now);
  }

  private stats(): BotStatsLine {
    const now = performance.now();
    const reports = [...this.bots].map((bot) => ({ bot, report: bot.report() }));
    let corrections = 0;
    for (const { bot, report } of reports) {
      corrections += report.corrections - (this.correctionsSeen.get(bot) ?? 0);
      this.correctionsSeen.set(bot, report.corrections);
    }
    const rtts = reports.map(({ report }) => report.rttMs).filter((v): v is number => v !== undefined);
    const line: BotStatsLine = {
      event: 'stats',
      seconds: round((now - this.lastStatsAt) / 1000, 2),
      playing: this.bots.size,
      cpuPercent: round(this.cpu.take()),
      ...(rtts.length > 0 ? { rttMs: round(rtts.reduce((a, b) => a + b, 0) / rtts.length, 2) } : {}),
      corrections,
    };
    this.lastStatsAt = now;
    return line;
  }

  private finish(): void {
    for (const timer of this.timers.splice(0)) clearInterval(timer);
    process.off('SIGUSR2', this.onReportSignal);
    this.onFinished();
  }
}
