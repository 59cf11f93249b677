/**
 * How much of split snapshots a client uses under loss, as a table: for each loss rate, the share of
 * snapshot ticks that arrived whole (all a client could use when it waited for every part) and the
 * share at which each remote entity was updated (now that every part is used as it arrives).
 *
 *     node --import tsx test/integration/netcode/support/measure-partial-snapshots.ts
 */
import { measurePartialSnapshots } from './dot-field.js';

const percent = (part: number, whole: number): string => `${((100 * part) / whole).toFixed(1)}%`;

console.log('| loss | parts | snapshot ticks | arrived whole (before) | entity updated, mean (after) | entity updated, worst |');
console.log('| --- | --- | --- | --- | --- | --- |');
for (const loss of [0.05, 0.1, 0.2]) {
  const runs = [1, 7, 11].map((seed) => measurePartialSnapshots({ loss, seed, dots: 200 }));
  const sent = runs.reduce((n, r) => n + r.sent, 0);
  const whole = runs.reduce((n, r) => n + r.complete, 0);
  const mean = runs.reduce((n, r) => n + r.updated.reduce((a, b) => a + b, 0) / r.updated.length, 0);
  const worst = Math.min(...runs.map((r) => Math.min(...r.updated) / r.sent));
  const parts = Math.max(...runs.map((r) => r.maxParts));
  console.log(`| ${loss * 100}% | ${parts} | ${sent} | ${percent(whole, sent)} | ${percent(mean, sent)} | ${percent(worst, 1)} |`);
}
