/** The tuning tool: flags checked with clear errors, and a short run of each scene. */
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../bench/cli-args.js';
import { netsimOptions } from '../../bench/netsim/netsim-options.js';
import { printNetsim } from '../../bench/netsim/print-netsim.js';
import { runNetsim } from '../../bench/netsim/run-netsim.js';
import { sceneByName } from '../../bench/scenes/index.js';

function usageError(argv: string[]): string {
  try {
    netsimOptions(argv);
  } catch (error) {
    if (error instanceof UsageError) return error.message;
    throw error;
  }
  throw new Error(`accepted ${argv.join(' ')}`);
}

describe('netsim', () => {
  it('takes the documented flags, with defaults', () => {
    const argv = ['--scene', 'arena-16', '--tick', '60', '--snapshot', '30', '--latency', '100', '--jitter', '20', '--loss', '5', '--seconds', '60'];
    expect(netsimOptions(argv)).toEqual({
      scene: 'arena-16',
      tickRate: 60,
      snapshotRate: 30,
      latencyMs: 100,
      jitterMs: 20,
      lossPercent: 5,
      seconds: 60,
      clients: undefined,
      seed: 1,
      interpolationDelay: 'auto',
    });
    expect(netsimOptions([])).toMatchObject({ scene: 'arena-16', tickRate: 60, snapshotRate: undefined, lossPercent: 0 });
    expect(netsimOptions(['--loss=20', '--scene=bodies-901'])).toMatchObject({ lossPercent: 20, scene: 'bodies-901' });
    expect(netsimOptions(['--interp', '150'])).toMatchObject({ interpolationDelay: 150 });
  });

  it('refuses bad flags with a message naming them', () => {
    expect(usageError(['--scene', 'arena'])).toMatch(/--scene must be one of arena-16, bodies-901/);
    expect(usageError(['--tick', '10'])).toMatch(/--tick must be an integer from 20 to 120/);
    expect(usageError(['--tick', '60', '--snapshot', '7'])).toMatch(/--snapshot must divide tickRate 60/);
    expect(usageError(['--loss', 'lots'])).toMatch(/--loss must be a number from 0 to 100, got "lots"/);
    expect(usageError(['--latency', '-1'])).toMatch(/--latency/);
    expect(usageError(['--seconds'])).toMatch(/--seconds needs a value/);
    expect(usageError(['--speed', '2'])).toMatch(/unknown flag --speed/);
    expect(usageError(['arena-16'])).toMatch(/unexpected argument "arena-16"/);
    expect(usageError(['--loss', '1', '--loss', '2'])).toMatch(/given twice/);
    expect(usageError(['--interp', 'soon'])).toMatch(/--interp must be auto or a number of ms from 0 to 1000, got "soon"/);
  });

  it('counts the frames drawn past the newest snapshot: most with no interpolation delay, few with the automatic one', () => {
    const dry = (interp: string) => {
      const options = netsimOptions(['--scene', 'arena-16', '--seconds', '3', '--latency', '40', '--jitter', '10', '--clients', '2', '--interp', interp]);
      return sceneByName('arena-16', options.seed).use((scene) => runNetsim(scene, options)).dryFraction;
    };
    const none = dry('0');
    const auto = dry('auto');
    expect(none).toBeGreaterThan(0.5);
    expect(auto).toBeLessThan(0.1);
  });

  it('runs a scene for a few simulated seconds and reports every figure', () => {
    for (const name of ['arena-16', 'bodies-901']) {
      const options = netsimOptions(['--scene', name, '--seconds', '2', '--latency', '20', '--loss', '5', '--clients', name === 'arena-16' ? '3' : '1']);
      const result = sceneByName(name, options.seed).use((scene) => runNetsim(scene, options));
      expect(result.kbpsPerClient).toBeGreaterThan(0);
      expect(result.interpolationDelayMs).toBeGreaterThan(0);
      expect(result.dryFraction).toBeLessThan(1);
      expect(result.rttMs).toBeGreaterThan(0);
      expect(result.convergeMs).toBeDefined();
      const printed = printNetsim(options, result, 1000).join('\n');
      for (const word of ['kbps per client', 'corrections', 'delay chosen', 'ran dry', 'after input stops']) expect(printed).toContain(word);
    }
  });
});
