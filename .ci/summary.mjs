// Prints vitest's JSON report as one closing line, "N passed, N failed, N skipped", and fails the run
// when any test failed or was skipped, or when a tier ran fewer tests than it has for a long time:
// a tier that ran nothing (a broken glob, a missing browser turned into a skip) must not pass.
import { readFileSync } from 'node:fs';

/** Fewest tests each tier may run; well under what each has, so only a tier that lost most of its tests trips it. */
const FLOORS = { unit: 250, integration: 250, webrtc: 20, e2e: 12, cluster: 2 };

const report = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const ran = Object.fromEntries(Object.keys(FLOORS).map((tier) => [tier, 0]));
for (const file of report.testResults) {
  const tier = /[\\/]test[\\/]([^\\/]+)[\\/]/.exec(file.name)?.[1];
  if (tier !== undefined && tier in ran) ran[tier] += file.assertionResults.filter((test) => test.status === 'passed' || test.status === 'failed').length;
}
const skipped = report.numPendingTests + report.numTodoTests;
const problems = [];
if (report.numFailedTests > 0) problems.push(`${report.numFailedTests} failed`);
if (skipped > 0) problems.push(`${skipped} skipped (every test must run)`);
for (const [tier, floor] of Object.entries(FLOORS)) {
  if (ran[tier] < floor) problems.push(`the ${tier} tier ran ${ran[tier]} tests, fewer than ${floor}`);
}
console.log(`tiers: ${Object.entries(ran).map(([tier, n]) => `${tier} ${n}`).join(', ')}`);
for (const problem of problems) console.log(`summary: ${problem}`);
console.log(`vitest: ${report.numPassedTests} passed, ${report.numFailedTests} failed, ${skipped} skipped`);
process.exit(problems.length === 0 ? 0 : 1);
