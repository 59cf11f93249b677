/**
 * The public surface is reviewed, and documented: engine/api-report.md must be what the types say
 * now, and every export must carry a line of JSDoc for the API reference (`npm run docs`).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { API_REPORT_PATH, readApiReport, renderApiReport } from '../../support/api-report.js';
import { loadPublicApi, REPO_ROOT, type PublicExport } from '../../support/public-api.js';

/** One ts.Program over the engine takes a few seconds; leave room on a busy machine. */
const LOAD_TIMEOUT_MS = 60_000;

describe('the public API', () => {
  let api: readonly PublicExport[] = [];
  beforeAll(() => {
    api = loadPublicApi();
  }, LOAD_TIMEOUT_MS);

  it(`is what ${API_REPORT_PATH} says it is`, () => {
    const report = renderApiReport(api);
    expect(report, 'The report must not depend on where the repository is checked out').not.toContain(REPO_ROOT);
    expect(report, `The public API changed: run \`npm run api-report\` and commit ${API_REPORT_PATH} with the change`).toBe(readApiReport());
  });

  it('has a line of JSDoc on every export', () => {
    const undocumented = api.filter((e) => !e.documented).map((e) => `${e.name} (${e.module})`);
    expect(undocumented, `Add a /** one-line */ comment to the declaration of: ${undocumented.join(', ')}`).toEqual([]);
  });
});
