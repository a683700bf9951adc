/**
 * `pnpm bench [-- --case=a,b,c,d,e --seconds=15 --warmup=3 --drain=5 --scale=1 --server=talkoot,reference --no-write --profile]`
 *
 * Runs each case against fresh server processes (Talkoot, and for case e also Talkoot on
 * PostgreSQL and two Talkoot instances with Redis), a fresh Hocuspocus process and a fresh
 * reference y-websocket server process, prints a table per case and writes `bench/RESULTS.md`.
 */
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { type BenchCase, CASES, scaleCase } from './cases.ts';
import { profileFiles, summarizeProfile } from './profile-summary.ts';
import { type CaseReport, formatCase, formatResults, machineInfo } from './report.ts';
import { type CaseResult, runCase, type RunOptions } from './run-case.ts';
import { killAllServers } from './server-process.ts';
import { baselineTalkoot, DEFAULT_TARGETS, removeDataDirs, type Target, TARGETS } from './targets.ts';

const RESULTS_PATH = resolve(import.meta.dirname, '../RESULTS.md');
/**
 * On a shared machine another process's burst skews a run; such a run (other processes'
 * CPU above this, over the measured window) is repeated up to {@link MAX_RETRIES} times.
 * The "other processes" row shows what was left.
 */
const MAX_OTHER_CPU_SECONDS = 1;
const MAX_RETRIES = 1;
/** Git-ignored; `--profile` writes the servers' CPU profiles here (and not RESULTS.md). */
const PROFILE_DIR = resolve(import.meta.dirname, '../results/tmp/profiles');

/** The command line's arguments, without the `--` that `pnpm bench -- …` passes through. */
const ARGS = process.argv.slice(2).filter((arg) => arg !== '--');

function options() {
  const { values } = parseArgs({
    args: ARGS,
    options: {
      case: { type: 'string', default: CASES.map((c) => c.id).join(',') },
      server: { type: 'string', default: TARGETS.map((t) => t.name).join(',') },
      seconds: { type: 'string', default: '15' },
      warmup: { type: 'string', default: '3' },
      drain: { type: 'string', default: '5' },
      scale: { type: 'string', default: process.env.BENCH_SCALE ?? '1' },
      baseline: { type: 'string' },
      rounds: { type: 'string', default: '1' },
      'no-write': { type: 'boolean', default: false },
      profile: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  const seconds = (name: string, value: string, max: number) => {
    const n = Number(value);
    if (!Number.isFinite(n) || n < 0 || n > max) throw new Error(`--${name} must be between 0 and ${max}`);
    return n;
  };
  const timing: RunOptions = {
    measureSeconds: Math.max(1, seconds('seconds', values.seconds, 120)),
    warmupSeconds: seconds('warmup', values.warmup, 30),
    drainSeconds: seconds('drain', values.drain, 30),
  };
  const scale = Number(values.scale);
  if (!Number.isFinite(scale) || scale <= 0 || scale > 10) throw new Error('--scale must be above 0 and at most 10');
  const caseIds = values.case.split(',').map((id) => id.trim().toLowerCase());
  const cases = CASES.filter((c) => caseIds.includes(c.id)).map((c) => scaleCase(c, scale));
  const serverNames = values.server.split(',').map((name) => name.trim().toLowerCase());
  if (cases.length === 0) throw new Error(`no such case: ${values.case} (have ${CASES.map((c) => c.id).join(', ')})`);
  if (!serverNames.some((name) => TARGETS.some((t) => t.name === name))) {
    throw new Error(`no such server: ${values.server} (have ${TARGETS.map((t) => t.name).join(', ')})`);
  }
  const baseline = values.baseline ? baselineTalkoot(values.baseline) : undefined;
  /**
   * The targets of a case: those it names (or the defaults) that `--server` asks for, and
   * the baseline checkout right after this one's Talkoot.
   */
  const targetsOf = (benchCase: BenchCase): Target[] =>
    (benchCase.targets ?? DEFAULT_TARGETS)
      .filter((name) => serverNames.includes(name))
      .flatMap((name) => {
        const target = TARGETS.find((t) => t.name === name)!;
        return baseline && name === 'talkoot' ? [target, baseline] : [target];
      });
  const rounds = Number(values.rounds);
  if (!Number.isInteger(rounds) || rounds < 1 || rounds > 9) throw new Error('--rounds must be an integer from 1 to 9');
  if (values.profile) timing.profileDir = PROFILE_DIR;
  // A run against another checkout measures a change; it does not replace the recorded results.
  const write = !values['no-write'] && !values.profile && !baseline;
  return { timing, cases, targetsOf, rounds, write, help: values.help };
}

/**
 * The sections of RESULTS.md other scripts write (`## …`, e.g. the export bench's), kept when
 * this run rewrites its own part (`# …` and `### …`).
 */
function otherSections(): string {
  let existing: string;
  try {
    existing = readFileSync(RESULTS_PATH, 'utf8');
  } catch {
    return '';
  }
  const start = existing.search(/^## /m);
  return start < 0 ? '' : `\n${existing.slice(start)}`;
}

/** Of several rounds, the run with the median server CPU (a whole run, so its rows agree). */
function medianRun(results: readonly CaseResult[]): CaseResult {
  const sorted = [...results].sort((a, b) => a.serverCpuSeconds - b.serverCpuSeconds);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}

/** Prints the summary of the newest profile in `dir` (the run that just ended). */
function printProfile(dir: string): void {
  const newest = profileFiles(dir).sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
  if (!newest) return console.log(`  no profile in ${dir}`);
  console.log(`  profile ${newest}\n${summarizeProfile(JSON.parse(readFileSync(newest, 'utf8')), 20)}`);
}

async function main(): Promise<void> {
  const { timing, cases, targetsOf, rounds, write, help } = options();
  if (help) {
    console.log(
      'pnpm bench [-- --case=a,b,c,d,e --server=talkoot,talkoot-pg,talkoot-2x,hocuspocus,reference,reference-durable --seconds=15 --warmup=3 --drain=5 --scale=1 --rounds=1 --baseline=DIR --no-write]',
    );
    for (const c of CASES) console.log(`  ${c.id}: ${c.title}`);
    return;
  }
  console.log(machineInfo());
  const reports: CaseReport[] = [];
  for (const benchCase of cases) {
    const targets = targetsOf(benchCase);
    const runs = new Map<Target, CaseResult[]>(targets.map((target) => [target, []]));
    // Rounds alternate the servers, so a slow phase of the machine hits each of them alike.
    for (let round = 1; round <= rounds; round++) {
      for (const target of targets) {
        const label = rounds > 1 ? ` (round ${round} of ${rounds})` : '';
        console.log(`\ncase ${benchCase.id} · ${target.name}${label}: ${benchCase.title}`);
        // PostgreSQL and Redis working for a target that uses them is its cost, not noise.
        const noise = (r: CaseResult) => r.otherCpuSeconds - (target.usesDatabase ? r.databaseCpuSeconds : 0);
        let result = await runCase(benchCase, target, timing);
        for (let retry = 1; retry <= MAX_RETRIES && noise(result) > MAX_OTHER_CPU_SECONDS; retry++) {
          console.log(`  other processes used ${noise(result).toFixed(1)} CPU s meanwhile; running again`);
          result = await runCase(benchCase, target, timing);
        }
        const lost = result.expectedDeliveries - result.delivered;
        console.log(
          `  p50 ${result.updateLatency.p50.toFixed(2)} ms, p95 ${result.updateLatency.p95.toFixed(1)} ms, lost ${lost}, server CPU ${result.serverCpuSeconds.toFixed(2)} s`,
        );
        runs.get(target)!.push(result);
        if (timing.profileDir) printProfile(join(timing.profileDir, `${benchCase.id}-${target.name}`));
      }
    }
    const report: CaseReport = { benchCase, results: targets.map((target) => medianRun(runs.get(target)!)) };
    if (report.results.length === 0) continue;
    reports.push(report);
    console.log(`\n${formatCase(report)}`);
  }
  if (write) {
    const command = `pnpm bench${ARGS.length > 0 ? ` -- ${ARGS.join(' ')}` : ''}`;
    writeFileSync(RESULTS_PATH, formatResults(reports, timing, command) + otherSections());
    console.log(`wrote ${RESULTS_PATH}`);
  }
}

// Children must never outlive the bench: killed on normal exit, errors and Ctrl-C.
const cleanUp = () => {
  killAllServers();
  removeDataDirs();
};
process.on('exit', cleanUp);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    console.error(`\n${signal}: stopping servers`);
    cleanUp();
    process.exit(130);
  });
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    cleanUp();
    process.exit(1);
  },
);
