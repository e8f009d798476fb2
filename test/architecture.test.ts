// The layering the code relies on, checked on the import statements of src/:
//   core (pure engine)  <-  config, sources  <-  run, cli, action, app
// The engine never reaches out to the configuration layer, a source or a shell; inside
// core, logic never imports a renderer (renderers read reports, not the other way round);
// and no module imports itself back through others (type-only imports included: a cycle
// of types is still a knot in the design).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const SRC = resolve('src');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

const IMPORT = /^\s*(?:import|export)\s+(?:type\s+)?(?:[^'";]*?\s+from\s+)?'(\.{1,2}\/[^']+)'/gm;

/** Relative imports per file, as paths relative to src/ (`core/assess.ts`). */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sources(SRC)) {
    const text = readFileSync(file, 'utf8');
    const deps = [...text.matchAll(IMPORT)].map((m) =>
      relative(SRC, resolve(dirname(file), m[1]!.replace(/\.js$/, '.ts'))),
    );
    graph.set(relative(SRC, file), deps);
  }
  return graph;
}

/** Strongly connected components with more than one module (Tarjan). */
function cycles(graph: Map<string, string[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const connect = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter);
    counter++;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!index.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) connect(v);
  return found;
}

const graph = importGraph();
const edges = [...graph].flatMap(([from, deps]) => deps.map((to) => ({ from, to })));

describe('architecture', () => {
  it('reads a real import graph (the check below could fail)', () => {
    expect(graph.size).toBeGreaterThan(50);
    expect(edges.some((e) => e.from === 'core/assess.ts' && e.to === 'core/catalog.ts')).toBe(true);
    expect(
      cycles(
        new Map([
          ['a.ts', ['b.ts']],
          ['b.ts', ['a.ts']],
        ]),
      ),
    ).toEqual([['a.ts', 'b.ts']]);
  });

  it('core imports nothing from config/, sources/ or the shells', () => {
    const outward = edges.filter((e) => e.from.startsWith('core/') && !e.to.startsWith('core/'));
    expect(outward).toEqual([]);
  });

  it('engine logic in core imports no renderer', () => {
    const toRenderer = edges.filter(
      (e) => e.from.startsWith('core/') && !e.from.startsWith('core/render/') && e.to.startsWith('core/render/'),
    );
    expect(toRenderer).toEqual([]);
  });

  it('config/ and sources/ import no shell (cli, action, app, run)', () => {
    const shells = /^(cli|action|app|run)\//;
    const up = edges.filter((e) => /^(config|sources)\//.test(e.from) && shells.test(e.to));
    expect(up).toEqual([]);
  });

  it('has no import cycle', () => {
    expect(cycles(graph)).toEqual([]);
  });
});
