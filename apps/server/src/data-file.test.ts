import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, spawnServer, tempDataDir } from './testing.ts';

describe('a damaged data file', () => {
  const data = tempDataDir();
  afterAll(() => data.remove());

  it('stops the server with a message naming the file and what to do, instead of starting empty', async () => {
    const file = join(data.dir, 'talkoot.sqlite');
    writeFileSync(file, '');
    const started = spawnServer(data.dir, await freePort());
    await expect(started).rejects.toThrow(/server exited with 1/);
    await expect(started).rejects.toThrow(new RegExp(`${file.replace(/[.]/g, '\\.')} is empty \\(0 bytes\\)`));
    await expect(started).rejects.toThrow(/backup/);
  });
});
