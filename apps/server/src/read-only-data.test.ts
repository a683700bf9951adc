import { spawnSync } from 'node:child_process';
import { accessSync, chmodSync, constants, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStorage } from '@talkoot/storage-sqlite';
import { requireService } from '@talkoot/sync/testing';
import { afterAll, describe, expect, it } from 'vitest';

const MAIN = join(import.meta.dirname, 'main.ts');

/**
 * How this machine can start the server with a folder it may not write. Root may write
 * anywhere, so as root the folder is bind-mounted read-only in a mount namespace of the
 * server's own (needs CAP_SYS_ADMIN, as a root CI job has), or else the server runs as
 * `nobody` (needs the checkout readable by nobody); any other user just gets a folder
 * without write permission.
 */
type Runner = (folder: string, env: Record<string, string>) => { status: number | null; output: string };

function probeRunner(): { runner: Runner; how: string } | undefined {
  const run = (command: string, args: string[], env: Record<string, string>) => {
    const result = spawnSync(command, args, { env: { ...process.env, ...env }, encoding: 'utf8', timeout: 20_000 });
    return { status: result.status, output: `${result.stdout}${result.stderr}` };
  };
  const node = [process.execPath, MAIN];
  if (process.getuid?.() !== 0) {
    return {
      how: 'a folder without write permission',
      runner: (folder, env) => {
        chmodSync(folder, 0o555);
        try {
          return run(node[0]!, node.slice(1), env);
        } finally {
          chmodSync(folder, 0o755);
        }
      },
    };
  }
  const mounted: Runner = (folder, env) =>
    run(
      'unshare',
      [
        '--mount',
        '--propagation',
        'private',
        'sh',
        '-c',
        'mount --bind "$0" "$0" && mount -o remount,bind,ro "$0" "$0" && exec "$@"',
        folder,
        ...node,
      ],
      env,
    );
  const probe = mkdtempSync(join(tmpdir(), 'talkoot-ro-probe-'));
  try {
    const check = spawnSync('unshare', [
      '--mount',
      '--propagation',
      'private',
      'sh',
      '-c',
      'mount --bind "$0" "$0" && mount -o remount,bind,ro "$0" "$0" && ! touch "$0/x" 2>/dev/null',
      probe,
    ]);
    if (check.status === 0) return { how: 'a read-only bind mount', runner: mounted };
  } finally {
    rmSync(probe, { recursive: true, force: true });
  }
  try {
    const readable = spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', 'test', '-r', MAIN]);
    if (readable.status !== 0) return undefined;
    accessSync(process.execPath, constants.X_OK);
  } catch {
    return undefined;
  }
  return {
    how: 'the server running as nobody',
    runner: (_folder, env) => run('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', ...node], env),
  };
}

const probed = probeRunner();
const available = requireService(
  'a way to make a folder read-only for the server (unshare + mount, setpriv, or a non-root user)',
  probed !== undefined,
  'run as root with CAP_SYS_ADMIN, or with the checkout readable by nobody',
);

describe.skipIf(!available)('a read-only data folder', () => {
  const root = mkdtempSync(join(tmpdir(), 'talkoot-ro-'));
  // nobody must be able to reach the folder.
  chmodSync(root, 0o755);
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const env = (dataDir: string) => ({ DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1' });

  it('stops the server with a message naming the folder and saying it is read-only', () => {
    const folder = join(root, 'data');
    mkdirSync(folder);
    // A real database in it, as after earlier workshops.
    openSqliteStorage(join(folder, 'talkoot.sqlite')).close();
    const { status, output } = probed!.runner(folder, env(folder));
    console.log(`read-only folder (${probed!.how}): exit ${status}: ${output.trim()}`);
    expect(status).toBe(1);
    expect(output).toContain(`The data folder ${folder} is read-only`);
    expect(output).not.toMatch(/Talkoot is running/);
  });

  it('names the read-only parent when the data folder does not exist yet', () => {
    const parent = join(root, 'parent');
    mkdirSync(parent);
    const folder = join(parent, 'data');
    const { status, output } = probed!.runner(parent, env(folder));
    expect(status).toBe(1);
    expect(output).toContain(`The data folder ${folder} cannot be created: ${parent} is read-only`);
  });
});
