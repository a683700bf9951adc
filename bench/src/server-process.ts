import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** How to start one server under test. */
export interface ServerSpawnOptions {
  name: string;
  /** Arguments to this Node binary (`process.execPath`), e.g. a script path. */
  args: string[];
  env: Record<string, string>;
  cwd: string;
  /** Printed on stdout once the server listens; group 1 is its http base URL. */
  ready: RegExp;
  timeoutMs?: number;
}

/** CPU and memory of a process, read from /proc. */
export interface ProcessUsage {
  /** User + system CPU seconds since the process started. */
  cpuSeconds: number;
  /** Current resident set size in bytes. */
  rssBytes: number;
  /** Peak resident set size (VmHWM) in bytes. */
  peakRssBytes: number;
}

/** A started server child process. */
export interface ServerProcess {
  readonly name: string;
  readonly pid: number;
  /** e.g. `http://127.0.0.1:40123` */
  readonly httpUrl: string;
  /** e.g. `ws://127.0.0.1:40123` */
  readonly wsUrl: string;
  usage(): ProcessUsage;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves when the process is gone. */
  stop(graceMs?: number): Promise<void>;
}

const live = new Set<ChildProcess>();
let clockTicks: number | undefined;

function ticksPerSecond(): number {
  if (clockTicks === undefined) {
    try {
      clockTicks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      clockTicks = 100;
    }
  }
  return clockTicks;
}

/** Reads CPU time and memory of `pid` from /proc (Linux only). */
export function readUsage(pid: number): ProcessUsage {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the parenthesised command name, which may itself contain spaces.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) * 1024;
  return { cpuSeconds: (utime + stime) / ticksPerSecond(), rssBytes: kib('VmRSS'), peakRssBytes: kib('VmHWM') };
}

/** Whole-machine CPU seconds (all cores) from /proc/stat: busy and stolen by the hypervisor. */
export function readMachineCpu(): { busySeconds: number; stealSeconds: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]!;
  // cpu  user nice system idle iowait irq softirq steal guest guest_nice
  const [user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).slice(1).map(Number) as number[];
  const ticks = ticksPerSecond();
  return { busySeconds: (user! + nice! + system! + irq! + softirq!) / ticks, stealSeconds: steal! / ticks };
}

/**
 * User + system CPU seconds of every live process whose command name is one of `names`
 * (e.g. PostgreSQL's and Redis's, which serve more than this bench: read it as an upper bound).
 */
export function readNamedProcessesCpu(names: readonly string[]): number {
  let ticks = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      if (!names.includes(name)) continue;
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // The process ended while we looked.
    }
  }
  return ticks / ticksPerSecond();
}

/** Starts a server as a child process of this Node binary and waits until it prints its URL. */
export function startServerProcess(options: ServerSpawnOptions): Promise<ServerProcess> {
  const child = spawn(process.execPath, options.args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  live.add(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  void exited.then(() => live.delete(child));
  // The last 20,000 characters: where a crash's stack trace is.
  let output = '';
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stderr.on('data', collect);

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${options.name} did not start within ${options.timeoutMs ?? 20_000} ms:\n${output}`));
    }, options.timeoutMs ?? 20_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${options.name} exited with ${code} before it was ready:\n${output}`));
    });
    child.stdout.on('data', (chunk: Buffer) => {
      collect(chunk);
      const match = options.ready.exec(output);
      if (!match?.[1] || child.pid === undefined) return;
      clearTimeout(timer);
      child.stdout.removeAllListeners('data');
      // Keep draining so a chatty server never blocks on a full pipe.
      child.stdout.resume();
      const httpUrl = match[1];
      const pid = child.pid;
      let stopping = false;
      child.once('exit', (code, signal) => {
        if (!stopping)
          console.error(`  ${options.name} exited during the run (${code ?? signal}):\n${output.slice(-4000)}`);
      });
      resolve({
        name: options.name,
        pid,
        httpUrl,
        wsUrl: httpUrl.replace(/^http/, 'ws'),
        usage: () => readUsage(pid),
        stop: async (graceMs = 3000) => {
          if (child.exitCode !== null || child.signalCode !== null) return;
          stopping = true;
          child.kill('SIGTERM');
          const force = setTimeout(() => child.kill('SIGKILL'), graceMs);
          await exited;
          clearTimeout(force);
        },
      });
    });
  });
}

/** Kills every server still running; safe to call from an `exit` handler (synchronous). */
export function killAllServers(): void {
  for (const child of live) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
}
