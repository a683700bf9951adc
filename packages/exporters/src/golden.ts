// Golden-file check for this package's tests. Not exported from the package.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { expect } from 'vitest';

/**
 * Compares `actual` with the golden file `__golden__/<name>`; `UPDATE_GOLDEN=1` rewrites it.
 * A missing golden file fails (rather than being written quietly), so the check cannot pass unseen.
 */
export function expectGolden(name: string, actual: string): void {
  const path = join(import.meta.dirname, '__golden__', name);
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual);
    return;
  }
  if (!existsSync(path)) throw new Error(`golden file ${name} is missing; run with UPDATE_GOLDEN=1 to write it`);
  expect(actual).toBe(readFileSync(path, 'utf8'));
}
