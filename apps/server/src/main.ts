import { loadConfig } from './config.ts';
import { isDataCommand, runDataCommand } from './data-commands.ts';
import { startServer } from './server.ts';

/**
 * `pnpm start` / `pnpm dev`: starts Talkoot and stops it cleanly on SIGTERM / SIGINT.
 * `main.ts backup <file>` / `main.ts restore <file>`: see "Backups" in the README.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const [command, file] = process.argv.slice(2);
  if (isDataCommand(command)) {
    console.log(await runDataCommand(command, file, config));
    return;
  }
  const dev = process.argv.includes('--dev');
  const { webRoot, roomIdleUnloadMs, ...rest } = config;
  const server = await startServer({
    ...rest,
    ...(webRoot ? { webRoot } : {}),
    rooms: { idleUnloadMs: roomIdleUnloadMs },
    dev,
  });
  const where = config.databaseUrl ? 'PostgreSQL' : config.dataDir;
  const instances = config.redisUrl ? ', relaying to other instances through Redis' : '';
  console.log(`Talkoot is running at ${server.url} (data in ${where}${instances})`);
  console.log(
    config.translate
      ? `Notes are translated by ${config.translate.api} at ${config.translate.url}`
      : 'Machine translation is off (set TRANSLATE_URL and TRANSLATE_API to turn it on)',
  );
  if (config.host === '127.0.0.1' || config.host === 'localhost') {
    console.log('Only this computer can open it. To let tablets on the same network join, start with HOST=0.0.0.0');
  }
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal} received, closing…`);
    const force = setTimeout(() => process.exit(1), 5000);
    force.unref();
    void server.close().then(() => process.exit(0));
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
