import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const read = (path: string) => readFileSync(new URL(`../../../${path}`, import.meta.url), 'utf8');

describe('README', () => {
  it('shows the moving-square example exactly as the typechecked file has it, in at most 30 lines', () => {
    const example = read('engine/examples/moving-square.ts');
    expect(read('README.md')).toContain(`\`\`\`ts\n${example}\`\`\``);
    expect(example.split('\n').length - 1).toBeLessThanOrEqual(30);
  });

  it('shows the single-player example exactly as the typechecked file has it', () => {
    expect(read('README.md')).toContain(`\`\`\`ts\n${read('engine/examples/single-player.ts')}\`\`\``);
  });

  it('gives the two commands that run the demo and the one that runs every test', () => {
    const readme = read('README.md');
    expect(readme).toContain('npm ci\nnpm start');
    expect(readme).toContain('npm test');
    const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts;
    expect(Object.keys(scripts)).toEqual(expect.arrayContaining(['start', 'test', 'test:unit', 'test:integration', 'test:webrtc', 'test:e2e']));
  });
});
