import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import type { BenchCase } from './cases.ts';
import type { CaseResult, LatencySummary, RunOptions } from './run-case.ts';

/** One case's results for every server. */
export interface CaseReport {
  benchCase: BenchCase;
  results: CaseResult[];
}

const ms = (value: number) => (Number.isNaN(value) ? '–' : value < 10 ? value.toFixed(2) : value.toFixed(0));
const int = (value: number) => Math.round(value).toLocaleString('en-US');
const latency = (summary: LatencySummary) =>
  summary.count === 0 ? '–' : `${ms(summary.p50)} / ${ms(summary.p95)} / ${ms(summary.p99)} / ${ms(summary.max)}`;

/** Rows of the side-by-side table: a label and how to show one result. */
const ROWS: readonly [string, (result: CaseResult) => string][] = [
  ['persistence', (r) => r.persistence],
  ['doc updates sent', (r) => int(r.updatesSent)],
  ['deliveries expected', (r) => int(r.expectedDeliveries)],
  [
    'deliveries lost',
    (r) => {
      const lost = r.expectedDeliveries - r.delivered;
      const share = r.expectedDeliveries === 0 ? 0 : (100 * lost) / r.expectedDeliveries;
      return `${int(lost)} (${share.toFixed(share > 0 && share < 0.1 ? 3 : 1)} %)`;
    },
  ],
  ['update latency ms p50 / p95 / p99 / max', (r) => latency(r.updateLatency)],
  ['awareness updates sent', (r) => int(r.awarenessSent)],
  [
    'frames/s per client, all / awareness',
    (r) => `${r.framesPerClientPerSecond.toFixed(0)} / ${r.awarenessFramesPerClientPerSecond.toFixed(0)}`,
  ],
  ['awareness entries/s per client', (r) => r.awarenessEntriesPerClientPerSecond.toFixed(0)],
  ['awareness latency ms p50 / p95 / p99 / max', (r) => latency(r.awarenessLatency)],
  [
    'server CPU s (share of one core)',
    (r) => `${r.serverCpuSeconds.toFixed(2)} (${((100 * r.serverCpuSeconds) / r.wallSeconds).toFixed(0)} %)`,
  ],
  [
    'server CPU s per 1,000 delivered updates',
    (r) => (r.delivered === 0 ? '–' : ((1000 * r.serverCpuSeconds) / r.delivered).toFixed(3)),
  ],
  [
    'server peak RSS MiB',
    (r) => `${r.serverPeakRssMiB.toFixed(0)}${r.instances > 1 ? ` (${r.instances} processes)` : ''}`,
  ],
  ['RSS per room MiB (loaded − idle, with its sockets)', (r) => r.rssPerRoomMiB.toFixed(r.rssPerRoomMiB < 10 ? 2 : 0)],
  ['sockets closed by server', (r) => int(r.unexpectedCloses)],
  ['drain s', (r) => r.drainSeconds.toFixed(1)],
  ['bench CPU s / loop delay p99 ms', (r) => `${r.benchCpuSeconds.toFixed(2)} / ${ms(r.benchLoopDelayP99Ms)}`],
  ['other processes CPU s / steal s', (r) => `${r.otherCpuSeconds.toFixed(2)} / ${r.stealSeconds.toFixed(2)}`],
  ['of which PostgreSQL + Redis CPU s', (r) => r.databaseCpuSeconds.toFixed(2)],
];

/** A markdown table with padded columns (readable in a terminal too). */
function table(header: string[], rows: string[][]): string {
  const widths = header.map((cell, i) => Math.max(cell.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((cell, i) => cell.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(header), `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`, ...rows.map(line)].join('\n');
}

/** One case as a heading and a table with the servers side by side. */
export function formatCase(report: CaseReport): string {
  const { benchCase, results } = report;
  const header = ['metric', ...results.map((r) => r.target)];
  const rows = ROWS.map(([label, show]) => [label, ...results.map(show)]);
  return `### Case ${benchCase.id}: ${benchCase.title}\n\n${table(header, rows)}\n`;
}

/** The machine the numbers come from. */
export function machineInfo(): string {
  let model = cpus()[0]?.model ?? 'unknown';
  try {
    const line = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'));
    if (line?.[1]) model = line[1].trim();
  } catch {
    // Not Linux: keep os.cpus()'s model.
  }
  let nproc = String(cpus().length);
  try {
    nproc = execFileSync('nproc', { encoding: 'utf8' }).trim();
  } catch {
    // nproc missing: os.cpus() is close enough.
  }
  const gib = (totalmem() / 1024 ** 3).toFixed(1);
  return [
    `- date: ${new Date().toISOString()}`,
    `- nproc: ${nproc}; CPU: ${model}; memory: ${gib} GiB`,
    `- Node ${process.version} (${process.platform}/${process.arch}), servers and bench on 127.0.0.1`,
  ].join('\n');
}

/**
 * A warning when other processes were busy during the runs (the machine is shared): how
 * much of a core they took at most, database processes not counted.
 */
export function contentionNote(reports: readonly CaseReport[]): string[] {
  const shares = reports.flatMap((r) =>
    r.results.map((x) => (x.otherCpuSeconds - x.databaseCpuSeconds) / x.wallSeconds),
  );
  const busiest = Math.max(0, ...shares);
  if (busiest < 0.1) return [];
  return [
    `- the machine was shared: other processes took up to ${Math.round(100 * busiest)} % of a core during a run ` +
      '(last rows of each table), so latencies include CPU contention; compare the columns, not the absolute numbers',
  ];
}

/** The whole RESULTS.md. */
export function formatResults(reports: CaseReport[], timing: RunOptions, command: string): string {
  return [
    '# Benchmark results',
    '',
    `Generated by \`${command}\`; see [README.md](README.md) for what each row means.`,
    '',
    machineInfo(),
    `- per case and server: ${timing.warmupSeconds} s warm-up, ${timing.measureSeconds} s measured, drain ≤ ${timing.drainSeconds} s; a fresh server process each`,
    '- the reference is @y/websocket-server 0.1.1 (Yjs 13) without persistence; Talkoot writes every update to SQLite (or PostgreSQL) before broadcasting it',
    '- `hocuspocus`: @hocuspocus/server 4.7.0 with @hocuspocus/extension-sqlite 4.7.0 at their defaults: each update applied and broadcast at once (merged per event-loop turn), the whole document written to SQLite 2 s after the last change, at the latest 10 s after the first unsaved one',
    "- `talkoot-pg`: one Talkoot process on PostgreSQL; `talkoot-2x`: two processes on one PostgreSQL schema relaying through Redis, each room's clients alternating between them (PostgreSQL and Redis run on the same machine)",
    ...contentionNote(reports),
    '',
    ...reports.map(formatCase),
  ].join('\n');
}
