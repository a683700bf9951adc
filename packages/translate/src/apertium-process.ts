import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

/** A running Apertium APY started by {@link startApertium}. */
export interface ApertiumProcess {
  url: string;
  stop(): Promise<void>;
}

/** Folder of Debian's installed Apertium pairs. */
export const APERTIUM_MODES = '/usr/share/apertium/modes';

/** Whether Debian's `apertium-apy` and the Russian–Ukrainian pair are installed. */
export function apertiumInstalled(): boolean {
  const which = spawnSync('sh', ['-c', 'command -v apertium-apy && test -e /usr/share/apertium/modes/rus-ukr.mode']);
  return which.status === 0;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/**
 * APY binds every interface; this runs it with its server bound to 127.0.0.1 only (a test
 * machine need not offer a translator to its network).
 */
const LOCAL_APY = `
import sys, tornado.httpserver as h
bind = h.HTTPServer.bind
h.HTTPServer.bind = lambda self, port, address=None, **kw: bind(self, port, address='127.0.0.1', **kw)
sys.argv = ['apertium-apy', '-p', sys.argv[1], sys.argv[2]]
from apertium_apy.apy import main
main()
`;

/** The Python that runs `apertium-apy` (its script's `#!` line), which has APY's modules. */
function apyPython(): string {
  const script = spawnSync('sh', ['-c', 'command -v apertium-apy'], { encoding: 'utf8' }).stdout.trim();
  const shebang = script ? readFileSync(script, 'utf8').split('\n', 1)[0]! : '';
  return shebang.startsWith('#!') ? shebang.slice(2).trim() : '/usr/bin/python3';
}

/** Starts Apertium APY on a free port of 127.0.0.1 and waits until it lists its pairs. */
export async function startApertium(): Promise<ApertiumProcess> {
  const port = await freePort();
  const child: ChildProcess = spawn(apyPython(), ['-c', LOCAL_APY, String(port), APERTIUM_MODES], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString('utf8')));
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`apertium-apy exited: ${log.slice(-500)}`);
    try {
      const response = await fetch(`${url}/listPairs`, { signal: AbortSignal.timeout(1000) });
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`apertium-apy did not start within 20 s: ${log.slice(-500)}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
