/**
 * Summarises a V8 `.cpuprofile` (from `node --cpu-prof`): top functions by self time,
 * self time per package, and total (self + callees) time of the workspace's own
 * functions. `pnpm exec node bench/src/profile-summary.ts <file|dir> [top]`.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

/** The parts of a V8 CPU profile this summary reads. */
export interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Where a script URL comes from: an npm package, a workspace folder, or Node itself. */
function origin(url: string): string {
  if (!url) return '(native: syscalls, GC, V8)';
  if (url.startsWith('node:')) return 'node:' + (url.slice(5).split('/')[0] ?? '');
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(?!.*node_modules)/.exec(url);
  if (pkg?.[1]) return pkg[1];
  const workspace = /\/(apps|packages|bench)\/([^/]+)\//.exec(url);
  return workspace ? `${workspace[1]}/${workspace[2]}` : url;
}

function label(node: ProfileNode): string {
  const frame = node.callFrame;
  const file = frame.url.split('/').at(-1) ?? '';
  const where = file ? `  ${file}:${frame.lineNumber + 1}` : '';
  return `${frame.functionName || '(anonymous)'}${where}  [${origin(frame.url)}]`;
}

const add = (map: Map<string, number>, key: string, ms: number) => map.set(key, (map.get(key) ?? 0) + ms);

/** Self and total time in milliseconds, largest first, as text. */
export function summarizeProfile(profile: CpuProfile, top = 25): string {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<number, number>();
  let idle = 0;
  let sampled = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i]!;
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    sampled += ms;
    if (byId.get(id)?.callFrame.functionName === '(idle)') idle += ms;
    else self.set(id, (self.get(id) ?? 0) + ms);
  }
  const busy = sampled - idle;

  const selfByFunction = new Map<string, number>();
  const selfByOrigin = new Map<string, number>();
  for (const [id, ms] of self) {
    const node = byId.get(id)!;
    add(selfByFunction, label(node), ms);
    add(selfByOrigin, origin(node.callFrame.url), ms);
  }

  // Total time of workspace functions; a function already on the stack is not counted twice.
  const totalByFunction = new Map<string, number>();
  const walk = (id: number, onStack: Set<string>): number => {
    const node = byId.get(id)!;
    let ms = self.get(id) ?? 0;
    const key = label(node);
    const own = /^(apps|packages)\//.test(origin(node.callFrame.url)) && !onStack.has(key);
    if (own) onStack.add(key);
    for (const child of node.children ?? []) ms += walk(child, onStack);
    if (own) {
      onStack.delete(key);
      add(totalByFunction, key, ms);
    }
    return ms;
  };
  const childIds = new Set(profile.nodes.flatMap((node) => node.children ?? []));
  for (const node of profile.nodes) if (!childIds.has(node.id)) walk(node.id, new Set());

  const rows = (map: Map<string, number>, n: number) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([key, ms]) => `${ms.toFixed(0).padStart(8)} ms ${((100 * ms) / busy).toFixed(1).padStart(5)} %  ${key}`);
  return [
    `profile: ${(sampled / 1000).toFixed(1)} s sampled, ${(busy / 1000).toFixed(1)} s busy (percentages are of busy time)`,
    'top functions by self time:',
    ...rows(selfByFunction, top),
    'self time by origin:',
    ...rows(selfByOrigin, 12),
    'workspace functions by total time (self + callees):',
    ...rows(totalByFunction, 15),
  ].join('\n');
}

/** Every `.cpuprofile` under `path` (a file or a folder); none if it does not exist. */
export function profileFiles(path: string): string[] {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.cpuprofile'))
    .map((name) => join(path, name));
}

if (import.meta.main) {
  const [path, top] = process.argv.slice(2);
  if (!path) throw new Error('usage: profile-summary.ts <file.cpuprofile|dir> [top]');
  for (const file of profileFiles(path)) {
    console.log(`\n== ${file}`);
    console.log(summarizeProfile(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile, Number(top ?? 25)));
  }
}
