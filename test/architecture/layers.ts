import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';

/**
 * The layers, bottom to top. A file may import from its own layer or any layer below, never above,
 * so the direction of every dependency can be read off the folders. The README's map shows the same
 * folders (checked by layers.test.ts). A folder is matched by the longest prefix, so `dialogs/` holds the
 * conversations while its language folders sit lower down.
 */
export const LAYERS: ReadonlyArray<{ name: string; folders: readonly string[] }> = [
  { name: 'time', folders: ['bot/time/'] },
  { name: 'platform', folders: ['storage/', 'bot/platform/'] },
  { name: 'language', folders: ['dialogs/understanding/', 'dialogs/instruments/', 'dialogs/safety/', 'dialogs/wording/'] },
  { name: 'programme', folders: ['bot/config/'] },
  { name: 'channels', folders: ['bot/channels/', 'cards/'] },
  { name: 'care', folders: ['bot/care/', 'dialogs/'] },
  { name: 'schedule', folders: ['bot/schedule/'] },
  { name: 'staff', folders: ['bot/staff/'] },
  { name: 'server', folders: ['bot/server/', 'bot/cli/'] },
];

/** Packages the ground floors (time, language) must never import: they stay plain, testable code. */
const FRAMEWORKS = ['botbuilder', 'botbuilder-dialogs', 'restify', 'twilio', 'pg', 'lowdb'];
const PURE_LAYERS = new Set(['time', 'language']);

export const ROOTS = ['bot', 'dialogs', 'cards', 'storage'];
const SOURCE = /\.(ts|mjs|js)$/;

export function layerOf(path: string): number {
  let best = -1;
  let bestLength = -1;
  LAYERS.forEach((layer, index) => {
    for (const folder of layer.folders) {
      if (path.startsWith(folder) && folder.length > bestLength) {
        best = index;
        bestLength = folder.length;
      }
    }
  });
  return best;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'static' || entry.name === 'node_modules' ? [] : sourceFiles(path);
    return SOURCE.test(entry.name) ? [path] : [];
  });
}

/** Every module specifier a file names (static imports, re-exports, side-effect and dynamic imports). */
export function specifiersOf(source: string): string[] {
  return [...source.matchAll(/(?:\bfrom|\bimport)\s*\(?\s*['"]([^'"]+)['"]/g)].map((m) => m[1]!);
}

export interface Edge {
  from: string;
  to: string;
}

/** Imports that point up the layers, or out of the mapped folders, or to a framework from a pure layer. */
export function violations(edges: readonly Edge[]): string[] {
  const found: string[] = [];
  for (const { from, to } of edges) {
    const fromLayer = layerOf(from);
    if (fromLayer < 0) {
      found.push(`${from} is in no layer`);
      continue;
    }
    if (!to.startsWith('.') && !ROOTS.some((root) => to.startsWith(`${root}/`))) {
      const pkg = to.startsWith('@') ? to.split('/').slice(0, 2).join('/') : to.split('/')[0]!;
      if (PURE_LAYERS.has(LAYERS[fromLayer]!.name) && FRAMEWORKS.includes(pkg)) found.push(`${from} (${LAYERS[fromLayer]!.name}) imports ${pkg}`);
      continue;
    }
    const toLayer = layerOf(to);
    if (toLayer < 0) found.push(`${from} imports ${to}, which is in no layer`);
    else if (toLayer > fromLayer) found.push(`${from} (${LAYERS[fromLayer]!.name}) imports ${to} (${LAYERS[toLayer]!.name})`);
  }
  return found;
}

export function projectEdges(): Edge[] {
  return ROOTS.flatMap(sourceFiles).flatMap((file) =>
    specifiersOf(readFileSync(file, 'utf8')).map((spec) => ({
      from: file,
      to: spec.startsWith('.') ? normalize(join(dirname(file), spec)) : spec,
    })),
  );
}

/** Files that load a package's index at run time (a value import, not `import type`), as `file: package`. */
export function valueImportsOf(files: ReadonlyArray<{ path: string; source: string }>, pkg: string): string[] {
  const quoted = pkg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`^(?:import|export)(?!\\s+type\\b)[^;]*?from\\s*['"]${quoted}['"]`, 'm');
  return files.filter(({ source }) => pattern.test(source.replace(/^\s+/gm, ''))).map(({ path }) => `${path}: ${pkg}`);
}

export function projectSources(): Array<{ path: string; source: string }> {
  return ROOTS.flatMap(sourceFiles).map((path) => ({ path, source: readFileSync(path, 'utf8') }));
}

/** Groups of files that import one another round a loop (type-only imports included), each as its files. */
export function importCycles(edges: readonly Edge[]): string[][] {
  const graph = new Map<string, string[]>();
  const source = (to: string) => to.replace(/\.js$/, '.ts');
  for (const { from, to } of edges) {
    if (!graph.has(from)) graph.set(from, []);
    if (to.startsWith('.') || ROOTS.some((root) => to.startsWith(`${root}/`))) graph.get(from)!.push(source(to));
  }
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (file: string): void => {
    index.set(file, next);
    low.set(file, next++);
    stack.push(file);
    onStack.add(file);
    for (const to of graph.get(file) ?? []) {
      if (!graph.has(to)) continue;
      if (!index.has(to)) {
        visit(to);
        low.set(file, Math.min(low.get(file)!, low.get(to)!));
      } else if (onStack.has(to)) low.set(file, Math.min(low.get(file)!, index.get(to)!));
    }
    if (low.get(file) !== index.get(file)) return;
    const group: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      group.push(member);
    } while (member !== file);
    if (group.length > 1) cycles.push(group.sort());
  };
  for (const file of graph.keys()) if (!index.has(file)) visit(file);
  return cycles;
}
