import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { BenchCase } from './cases.ts';
import { Ledger } from './ledger.ts';
import { LoadClient } from './load-client.ts';
import { readMachineCpu, readNamedProcessesCpu } from './server-process.ts';
import type { Target } from './targets.ts';

/** Phases of one run, in seconds. */
export interface RunOptions {
  warmupSeconds: number;
  measureSeconds: number;
  /** Longest wait after sending stopped for outstanding deliveries. */
  drainSeconds: number;
  /** When set, the server runs with `--cpu-prof` and writes its profile under this folder. */
  profileDir?: string | undefined;
}

/** Latency summary in milliseconds. */
export interface LatencySummary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** Everything measured for one case against one server. */
export interface CaseResult {
  target: string;
  persistence: string;
  clients: number;
  updatesSent: number;
  expectedDeliveries: number;
  delivered: number;
  updateLatency: LatencySummary;
  awarenessSent: number;
  framesPerClientPerSecond: number;
  awarenessFramesPerClientPerSecond: number;
  awarenessEntriesPerClientPerSecond: number;
  awarenessLatency: LatencySummary;
  /** Server processes. */
  instances: number;
  rooms: number;
  /** Server CPU seconds (all its processes) over the measured window and the drain. */
  serverCpuSeconds: number;
  /** RSS growth from the idle server to the end of the measured window, per room, MiB. */
  rssPerRoomMiB: number;
  /** Wall seconds of the measured window and the drain. */
  wallSeconds: number;
  /** Peak RSS, summed over the server's processes. */
  serverPeakRssMiB: number;
  unexpectedCloses: number;
  drainSeconds: number;
  benchCpuSeconds: number;
  benchLoopDelayP99Ms: number;
  /** CPU seconds of every other process on the machine, and time stolen by the hypervisor. */
  otherCpuSeconds: number;
  stealSeconds: number;
  /** CPU seconds of every `postgres` and `redis-server` process on the machine (part of "other"). */
  databaseCpuSeconds: number;
}

/** Sampling period of the bench's own event-loop delay monitor. */
const LOOP_RESOLUTION_MS = 2;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Connects `clients` with at most `parallel` handshakes in flight. */
async function connectAll(clients: LoadClient[], parallel = 25): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < clients.length) await clients[next++]!.connect();
  };
  await Promise.all(Array.from({ length: parallel }, worker));
}

/**
 * Runs one case against a freshly started server: connect every client, warm up,
 * measure, stop sending and drain, then read the server's CPU and peak memory.
 * The server is always stopped, also when the run fails.
 */
export async function runCase(benchCase: BenchCase, target: Target, options: RunOptions): Promise<CaseResult> {
  const profileDir = options.profileDir;
  const started = await target.start(profileDir ? (i) => cpuProfileArgs(profileDir, benchCase, target, i) : undefined);
  const processes = started.processes;
  const clients: LoadClient[] = [];
  try {
    const idleRss = sum(processes.map((p) => p.usage().rssBytes));
    const ledger = new Ledger();
    const rooms = await started.createRooms(benchCase.rooms);
    for (const [room, { urls, framing }] of rooms.entries()) {
      ledger.setRoomSize(room, benchCase.clientsPerRoom);
      for (let i = 0; i < benchCase.clientsPerRoom; i++) {
        clients.push(
          new LoadClient({
            // With several instances, neighbours in a room (writers too) sit on different ones.
            url: urls[i % urls.length]!,
            framing,
            room,
            index: clients.length,
            writer: i < benchCase.writersPerRoom,
            cursor: i < benchCase.cursorsPerRoom,
            ledger,
          }),
        );
      }
    }
    await connectAll(clients);
    for (const client of clients) client.start(benchCase.updatesPerSecond, benchCase.cursorHz);
    await sleep(options.warmupSeconds * 1000);

    const loopDelay = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
    loopDelay.enable();
    const cpuBefore = sum(processes.map((p) => p.usage().cpuSeconds));
    const benchCpuBefore = process.cpuUsage();
    const machineBefore = readMachineCpu();
    const databaseBefore = readNamedProcessesCpu(DATABASE_PROCESSES);
    const t0 = performance.now();
    ledger.beginMeasure();
    await sleep(options.measureSeconds * 1000);
    ledger.endMeasure();
    for (const client of clients) client.stop();
    const loadedRss = sum(processes.map((p) => p.usage().rssBytes));

    const drainStart = performance.now();
    const drainDeadline = drainStart + options.drainSeconds * 1000;
    // Half a second at least, so the last awareness frames arrive too.
    while (performance.now() < drainDeadline) {
      await sleep(100);
      const elapsed = performance.now() - drainStart;
      if (elapsed >= 500 && ledger.delivered >= ledger.expectedDeliveries) break;
    }
    ledger.stopCounting();
    const drainSeconds = (performance.now() - drainStart) / 1000;
    const wallSeconds = (performance.now() - t0) / 1000;
    const usages = processes.map((p) => p.usage());
    const benchCpu = process.cpuUsage(benchCpuBefore);
    const machine = readMachineCpu();
    const databaseCpuSeconds = readNamedProcessesCpu(DATABASE_PROCESSES) - databaseBefore;
    const serverCpuSeconds = sum(usages.map((u) => u.cpuSeconds)) - cpuBefore;
    const benchCpuSeconds = (benchCpu.user + benchCpu.system) / 1e6;
    loopDelay.disable();

    const clientSeconds = clients.length * options.measureSeconds;
    return {
      target: target.name,
      persistence: target.persistence,
      clients: clients.length,
      instances: processes.length,
      rooms: benchCase.rooms,
      updatesSent: ledger.updatesSent,
      expectedDeliveries: ledger.expectedDeliveries,
      delivered: ledger.delivered,
      updateLatency: summarize(ledger.updateLatency),
      awarenessSent: ledger.awarenessSent,
      framesPerClientPerSecond: ledger.frames / clientSeconds,
      awarenessFramesPerClientPerSecond: ledger.awarenessFrames / clientSeconds,
      awarenessEntriesPerClientPerSecond: ledger.awarenessEntries / clientSeconds,
      awarenessLatency: summarize(ledger.awarenessLatency),
      serverCpuSeconds,
      rssPerRoomMiB: (loadedRss - idleRss) / benchCase.rooms / 1024 / 1024,
      wallSeconds,
      serverPeakRssMiB: sum(usages.map((u) => u.peakRssBytes)) / 1024 / 1024,
      unexpectedCloses: ledger.unexpectedCloses,
      drainSeconds,
      benchCpuSeconds,
      // The histogram records whole timer periods; subtract the period to get the delay.
      benchLoopDelayP99Ms: Math.max(0, loopDelay.percentile(99) / 1e6 - LOOP_RESOLUTION_MS),
      otherCpuSeconds: Math.max(
        0,
        machine.busySeconds - machineBefore.busySeconds - serverCpuSeconds - benchCpuSeconds,
      ),
      stealSeconds: machine.stealSeconds - machineBefore.stealSeconds,
      databaseCpuSeconds,
    };
  } finally {
    for (const client of clients) client.close();
    await started.stop();
  }
}

/** Node flags that write a server process's CPU profile to `<dir>/<case>-<target>[-<n>]/` when it exits. */
export function cpuProfileArgs(dir: string, benchCase: BenchCase, target: Target, index = 0): string[] {
  const folder = `${benchCase.id}-${target.name}${index > 0 ? `-${index + 1}` : ''}`;
  return ['--cpu-prof', `--cpu-prof-dir=${join(dir, folder)}`];
}

/** Process names whose CPU counts as the database's (PostgreSQL and Redis, machine-wide). */
const DATABASE_PROCESSES = ['postgres', 'redis-server'];

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

function summarize(histogram: Ledger['updateLatency']): LatencySummary {
  return {
    count: histogram.count,
    p50: histogram.percentile(50),
    p95: histogram.percentile(95),
    p99: histogram.percentile(99),
    max: histogram.max,
  };
}
