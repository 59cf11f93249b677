/**
 * The engine's modules import each other without cycles, type imports included: a cycle means two
 * files that cannot be read, tested or moved apart, and usually a piece that knows whoever built it.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findCycles, importsOf, readImportGraph } from '../../support/import-graph.js';

const ENGINE_SRC = fileURLToPath(new URL('../../../engine/src', import.meta.url));

describe('the imports in engine/src', () => {
  const graph = readImportGraph(ENGINE_SRC);

  it('form no cycle', () => {
    const cycles = findCycles(graph).map((cycle) => cycle.join(' > '));
    expect(cycles, `Import cycles in engine/src (give the narrow type its own file, or define it where it is used):\n${cycles.join('\n')}`).toEqual([]);
  });

  it('are read from every module, type imports and re-exports included', () => {
    expect(graph.size).toBeGreaterThan(100);
    expect(graph.get('index.ts')).toContain('session/host/host.ts');
    expect(graph.get('session/host/host-inbox.ts')).toContain('session/host/connection.ts');
  });
});

describe('the import walker', () => {
  it('reads every form of a relative import, and nothing else', () => {
    const source = [
      "import { a } from './a.js';",
      "import type { B } from '../b.js';",
      'import {',
      '  c,',
      '  type C,',
      "} from './c.js';",
      "export { d } from './d.js';",
      "export type * from './e.js';",
      "import './f.js';",
      "type G = import('./g.js').G;",
      "import { h } from 'package';",
      "export const text = 'from ./nothing.js';",
      " * import { i } from './in-a-comment.js' (a doc comment's line starts with its star)",
    ].join('\n');
    expect(importsOf(source)).toEqual(['./a.js', '../b.js', './c.js', './d.js', './e.js', './f.js', './g.js']);
  });

  it('names each group of modules in a cycle by its shortest cycle', () => {
    const graph = new Map([
      ['a.ts', ['b.ts', 'x.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts', 'd.ts']],
      ['d.ts', ['c.ts']],
      ['x.ts', []],
      ['self.ts', ['self.ts']],
      ['y.ts', ['a.ts']],
      ['p.ts', ['q.ts']],
      ['q.ts', ['p.ts']],
    ]);
    expect(findCycles(graph)).toEqual([
      ['c.ts', 'd.ts', 'c.ts'],
      ['p.ts', 'q.ts', 'p.ts'],
      ['self.ts', 'self.ts'],
    ]);
  });

  it('finds none in a graph without one', () => {
    expect(findCycles(new Map([['a.ts', ['b.ts']], ['b.ts', ['c.ts']], ['c.ts', []]]))).toEqual([]);
  });
});
