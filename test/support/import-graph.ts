/**
 * The engine's modules and the modules each imports, read from the source with a few regular
 * expressions rather than the compiler, so the check is fast and sees what a type-only import hides
 * from the emitted JavaScript: `import type` counts, as do re-exports and dynamic `import()`.
 * Only relative specifiers are followed; packages are outside the graph.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

/** Each module, by path relative to the root, with the modules it imports, in order. */
export type ImportGraph = ReadonlyMap<string, readonly string[]>;

/** `import ... from 'x'` and `export ... from 'x'`, each at a line's start, over several lines if need be. */
const FROM = /^\s*(?:import|export)\s[^;'"`]*?\sfrom\s*['"]([^'"]+)['"]/gm;
/** `import 'x'`, for its side effects. */
const BARE = /^\s*import\s*['"]([^'"]+)['"]/gm;
/** `import('x')`, as an expression or in a type. */
const DYNAMIC = /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

/** The relative specifiers a module's source imports, in the order they appear. */
export function importsOf(source: string): string[] {
  const found: { at: number; specifier: string }[] = [];
  for (const pattern of [FROM, BARE, DYNAMIC]) {
    for (const match of source.matchAll(pattern)) found.push({ at: match.index, specifier: match[1]! });
  }
  return found.sort((a, b) => a.at - b.at).map((f) => f.specifier).filter((s) => s.startsWith('.'));
}

/** Every `.ts` module under `root` and what each imports; throws for a relative import that names no module. */
export function readImportGraph(root: string): ImportGraph {
  const graph = new Map<string, string[]>();
  for (const file of modulesUnder(root)) {
    const targets = importsOf(readFileSync(file, 'utf8')).map((specifier) => {
      const target = resolveModule(dirname(file), specifier);
      if (target === undefined) throw new Error(`${relative(root, file)} imports '${specifier}', which names no module`);
      return modulePath(root, target);
    });
    graph.set(modulePath(root, file), [...new Set(targets)]);
  }
  return graph;
}

/** A module's path from `root`, with `/` on every platform. */
function modulePath(root: string, file: string): string {
  return relative(root, file).split(sep).join('/');
}

function modulesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return modulesUnder(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** The file a relative specifier names, as NodeNext resolution reads `./x.js` for a `./x.ts` source. */
function resolveModule(from: string, specifier: string): string | undefined {
  const base = resolve(from, specifier);
  const candidates = [base.replace(/\.js$/, '.ts'), `${base}.ts`, join(base, 'index.ts')];
  return candidates.find((candidate) => candidate.endsWith('.ts') && existsSync(candidate));
}

/**
 * One cycle per group of modules that reach each other (a strongly connected component of more
 * than one module, or one that imports itself): the group's shortest, its first module repeated at
 * the end; of two as short, the one from the module first by name. Sorted, so a failure reads the
 * same every run.
 */
export function findCycles(graph: ImportGraph): string[][] {
  return stronglyConnected(graph)
    .filter((group) => group.length > 1 || (graph.get(group[0]!) ?? []).includes(group[0]!))
    .map((group) => {
      const members = new Set(group);
      const cycles = [...group].sort().map((start) => shortestCycle(graph, members, start));
      return cycles.reduce((best, cycle) => (cycle.length < best.length ? cycle : best));
    })
    .sort((a, b) => a[0]!.localeCompare(b[0]!));
}

/** Tarjan's algorithm, iterative so a long chain of imports cannot overflow the stack. */
function stronglyConnected(graph: ImportGraph): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const groups: string[][] = [];
  let next = 0;
  for (const start of graph.keys()) {
    if (index.has(start)) continue;
    const work: { node: string; edge: number }[] = [{ node: start, edge: 0 }];
    index.set(start, next);
    low.set(start, next++);
    stack.push(start);
    onStack.add(start);
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const edges = graph.get(frame.node) ?? [];
      if (frame.edge < edges.length) {
        const to = edges[frame.edge++]!;
        if (!index.has(to)) {
          index.set(to, next);
          low.set(to, next++);
          stack.push(to);
          onStack.add(to);
          work.push({ node: to, edge: 0 });
        } else if (onStack.has(to)) low.set(frame.node, Math.min(low.get(frame.node)!, index.get(to)!));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(frame.node)!));
      if (low.get(frame.node) !== index.get(frame.node)) continue;
      const group: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        group.push(member);
      } while (member !== frame.node);
      groups.push(group);
    }
  }
  return groups;
}

/** The shortest path from `start` back to itself that stays inside `group` (breadth first). */
function shortestCycle(graph: ImportGraph, group: ReadonlySet<string>, start: string): string[] {
  const cameFrom = new Map<string, string>();
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    const node = queue[i]!;
    for (const to of graph.get(node) ?? []) {
      if (!group.has(to)) continue;
      if (to === start) return [...pathTo(cameFrom, start, node), start];
      if (cameFrom.has(to)) continue;
      cameFrom.set(to, node);
      queue.push(to);
    }
  }
  throw new Error(`${start} is in a cycle, yet no path leads back to it`);
}

function pathTo(cameFrom: ReadonlyMap<string, string>, start: string, end: string): string[] {
  const path = [end];
  while (path[0] !== start) path.unshift(cameFrom.get(path[0]!)!);
  return path;
}
