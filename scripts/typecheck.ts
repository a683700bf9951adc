/**
 * Type-checks every workspace member with its own tsconfig (no DOM types on the server or in
 * server-only packages, no Node types in the web app or the packages shared with it), two at a
 * time. A workspace member without a tsconfig.json fails the check, so a new package cannot
 * silently escape it. Usage: `node scripts/typecheck.ts` (part of `pnpm check`).
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(import.meta.dirname, '..');
const members = [
  ...['apps', 'packages'].flatMap((group) =>
    readdirSync(join(root, group), { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && existsSync(join(root, group, entry.name, 'package.json')))
      .map((entry) => join(root, group, entry.name)),
  ),
  join(root, 'e2e'),
  join(root, 'bench'),
];

const missing = members.filter((dir) => !existsSync(join(dir, 'tsconfig.json')));
if (missing.length > 0) {
  console.error(`typecheck: no tsconfig.json in ${missing.map((dir) => relative(root, dir)).join(', ')}`);
  process.exit(1);
}
const projects = [
  join(root, 'tsconfig.json'),
  ...members.flatMap((dir) =>
    readdirSync(dir)
      .filter((name) => /^tsconfig(\.[a-z]+)?\.json$/.test(name))
      .map((name) => join(dir, name)),
  ),
];

const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
const run = (project: string) =>
  new Promise<{ project: string; code: number; output: string }>((resolve) => {
    const child = spawn(process.execPath, [tsc, '-p', project, '--pretty', 'false'], { cwd: root });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('close', (code) => resolve({ project: relative(root, project), code: code ?? 1, output }));
  });

const queue = [...projects];
const results: { project: string; code: number; output: string }[] = [];
await Promise.all(
  [0, 1].map(async () => {
    for (let next = queue.shift(); next; next = queue.shift()) results.push(await run(next));
  }),
);
const failed = results.filter((result) => result.code !== 0);
for (const { project, output } of failed) console.error(`typecheck: ${project}\n${output}`);
console.log(`typecheck: ${results.length - failed.length} of ${results.length} projects clean`);
process.exit(failed.length === 0 ? 0 : 1);
