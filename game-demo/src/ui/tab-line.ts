/**
 * The net graph's line about the host's tab: whether it is hidden, what drives its tick (a Worker
 * keeps full rate in a hidden tab; the page's own timers are throttled there) and how it ticked
 * while hidden.
 */
import type { HiddenTicks } from '../net/hidden-meter.js';
import type { HostTiming } from '../net/session.js';

const rate = (ticksPerSecond: number) => `${ticksPerSecond.toFixed(1)} ticks/s`;

function source(timing: HostTiming): string {
  if (timing.timers === 'worker') return 'ticking from a Worker';
  return timing.fallbackReason ? `ticking from page timers (no Worker: ${timing.fallbackReason})` : 'ticking from page timers';
}

function skipped(ticks: number): string {
  return ticks > 0 ? `, ${ticks} ticks skipped` : '';
}

/** The line for a host, or undefined for a client (whose tab does not tick anyone else's game). */
export function tabLine(timing: HostTiming | undefined, hidden: HiddenTicks | undefined): string | undefined {
  if (!timing) return undefined;
  if (hidden?.ongoing) return `hidden — ${source(timing)}, ${rate(hidden.ticksPerSecond)}${skipped(hidden.ticksSkipped)}`;
  const now = `visible — ${source(timing)}, ${rate(timing.ticksPerSecond)}`;
  if (!hidden) return now;
  return `${now}; hidden ${hidden.seconds.toFixed(1)} s at ${rate(hidden.ticksPerSecond)}${skipped(hidden.ticksSkipped)}`;
}
