import { defineConfig } from 'vitest/config';

/** `pnpm chaos`: the chaos run alone (apps/server/src/chaos.run.ts), never part of `vitest run`. */
export default defineConfig({
  test: {
    root: new URL('..', import.meta.url).pathname,
    include: ['apps/server/src/chaos.run.ts'],
    environment: 'node',
    hookTimeout: 60_000,
  },
});
