/** The targets, checked against a report. */
import type { BenchReport } from './bench-report.js';

export interface TargetCheck {
  readonly target: string;
  readonly measured: string;
  readonly met: boolean;
}

export function checkTargets(report: BenchReport): TargetCheck[] {
  const checks: TargetCheck[] = [];
  const bodies = report.wire['bodies-901'];
  if (bodies) {
    const error = (f: typeof bodies.loss0) => `, view error max ${f.viewErrorMax}`;
    checks.push({ target: 'bodies-901: ≤ 256 kbps per client at 60 Hz, no loss', measured: `${bodies.loss0.kbpsPerClient} kbps${error(bodies.loss0)}`, met: bodies.loss0.kbpsPerClient <= 256 });
    checks.push({ target: 'bodies-901: ≤ 320 kbps per client at 5% loss', measured: `${bodies.loss5.kbpsPerClient} kbps${error(bodies.loss5)}`, met: bodies.loss5.kbpsPerClient <= 320 });
  }
  const arena = report.wire['arena-16'];
  if (arena) {
    const json = arena.baselines.jsonFull.kbpsPerClient;
    const ratio = json / arena.loss0.kbpsPerClient;
    checks.push({ target: 'arena-16: ≤ 1/8 of the bytes of full JSON', measured: `1/${ratio.toFixed(1)} (${arena.loss0.kbpsPerClient} vs ${json} kbps)`, met: ratio >= 8 });
    const colyseus = arena.baselines.colyseusQuantized.kbpsPerClient;
    checks.push({
      target: 'arena-16: fewer bytes than @colyseus/schema with quantized fields',
      measured: `${arena.loss0.kbpsPerClient} vs ${colyseus} kbps`,
      met: arena.loss0.kbpsPerClient < colyseus,
    });
  }
  checks.push(...interestTargets(report.interest));
  const tick16 = report.hostTick['arena-16']['16'];
  if (tick16) checks.push({ target: 'host tick p99, arena-16, 16 clients: ≤ 2 ms', measured: `${(tick16.p99us / 1000).toFixed(2)} ms`, met: tick16.p99us <= 2000 });
  const overhead = report.latency.engineRttMs.p50 - report.latency.rawRttMs.p50;
  checks.push({ target: 'engine RTT overhead over the raw channel: ≤ 0.3 ms at p50', measured: `${overhead.toFixed(3)} ms`, met: overhead <= 0.3 });
  const growth = report.heap.mb10min / report.heap.mb1min - 1;
  checks.push({ target: 'heap after 10 min within 5% of heap after 1 min', measured: `${(growth * 100).toFixed(1)}%`, met: Math.abs(growth) <= 0.05 });
  return checks;
}

/** The targets of the open-world scenes, when they were measured. */
export function interestTargets(interest: BenchReport['interest']): TargetCheck[] {
  const checks: TargetCheck[] = [];
  const world = interest?.['world-64'];
  if (world) {
    const ratio = world.noInterest.kbpsPerClient / world.interest.kbpsPerClient;
    checks.push({
      target: 'world-64: with interest ≤ 1/4 of the kbps per client without',
      measured: `1/${ratio.toFixed(1)} (${world.interest.kbpsPerClient} vs ${world.noInterest.kbpsPerClient} kbps)`,
      met: ratio >= 4,
    });
    const oldest = world.budget.stalenessMaxMs ?? Number.POSITIVE_INFINITY;
    checks.push({
      target: `world-64: under ${world.budgetKbps} kbps, every entity in the radius updated at least every 500 ms`,
      measured: `oldest ${oldest} ms (p99 ${world.budget.stalenessP99Ms ?? Number.NaN} ms) at ${world.budget.kbpsPerClient} kbps`,
      met: oldest <= 500 && world.budget.kbpsPerClient <= world.budgetKbps,
    });
  }
  return checks;
}
