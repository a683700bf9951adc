import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkTalkootDatabase } from '@talkoot/storage-sqlite';
import { afterAll, describe, expect, it } from 'vitest';
import {
  connectClient,
  createBoard,
  exitOf,
  freePort,
  notesWithPrefix,
  putNote,
  spawnServer,
  tempDataDir,
  waitFor,
  waitForSync,
} from './testing.ts';

const MAIN = join(import.meta.dirname, 'main.ts');

/** Runs `main.ts <command> <file>` as an operator would, in its own process. */
const talkoot = (dataDir: string, ...args: string[]) => {
  const result = spawnSync(process.execPath, [MAIN, ...args], {
    env: { ...process.env, DATA_DIR: dataDir },
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
};

describe('talkoot backup / restore (real processes)', () => {
  const data = tempDataDir();
  afterAll(() => data.remove());

  it('backs up a running server, refuses to restore under it, and restores once it is stopped', async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const server = await spawnServer(data.dir, port, { BACKUP_INTERVAL_MINUTES: '0' });
    const board = await createBoard(url);
    const writer = connectClient(url, board.boardId, board.facilitatorToken);
    await waitForSync(writer);
    for (let i = 0; i < 50; i++) putNote(writer, `shape:before${i}`, `before ${i}`);
    const watcher = connectClient(url, board.boardId, board.facilitatorToken);
    await waitFor(() => notesWithPrefix(watcher, 'before') === 50, 5000, 'the notes stored');
    // (Writes during the copy itself: see data-file-backup.test.ts.)
    const file = join(data.dir, 'copy.sqlite');
    const backedUp = talkoot(data.dir, 'backup', file);
    expect(backedUp.output).toMatch(/from the running server/);
    expect(backedUp.status).toBe(0);
    expect(checkTalkootDatabase(file).boards).toBe(1);

    const refused = talkoot(data.dir, 'restore', file);
    expect(refused.status).toBe(1);
    expect(refused.output).toMatch(/A Talkoot server is running on .*stop it/);

    // Written after the backup: gone after the restore.
    putNote(writer, 'shape:after', 'after the backup');
    await waitFor(() => notesWithPrefix(watcher, 'after') === 1, 5000, 'the later note stored');
    writer.destroy();
    watcher.destroy();
    server.kill('SIGTERM');
    expect((await exitOf(server)).code).toBe(0);

    const garbage = join(data.dir, 'garbage.sqlite');
    writeFileSync(garbage, 'no boards here '.repeat(1000));
    const wrong = talkoot(data.dir, 'restore', garbage);
    expect(wrong.status).toBe(1);
    expect(wrong.output).toMatch(/not an SQLite database/);

    const restored = talkoot(data.dir, 'restore', file);
    expect(restored.status).toBe(0);
    expect(restored.output).toMatch(/kept as .*talkoot-replaced-\d{8}-\d{6}\.sqlite/);
    expect(readdirSync(data.dir).some((name) => name.startsWith('talkoot-replaced-'))).toBe(true);

    const again = await spawnServer(data.dir, port, { BACKUP_INTERVAL_MINUTES: '0' });
    try {
      const reader = connectClient(url, board.boardId, board.facilitatorToken);
      await waitForSync(reader);
      expect(notesWithPrefix(reader, 'before')).toBe(50);
      expect(notesWithPrefix(reader, 'after')).toBe(0);
      reader.destroy();
    } finally {
      again.kill('SIGTERM');
      await exitOf(again);
    }
    // Stopped: the command copies the file itself.
    const offline = talkoot(data.dir, 'backup', join(data.dir, 'offline.sqlite'));
    expect(offline.status).toBe(0);
    expect(existsSync(join(data.dir, 'offline.sqlite'))).toBe(true);
  }, 60_000);
});
