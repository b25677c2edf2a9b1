import type { LoadRunResult } from '../load/run-load-scenario.js';
import type { TargetName } from '../targets/target.js';
import { count, fixed, kib, markdownTable, mib, ms, percent } from './format.js';

/** A run that failed outright (the target would not start, a worker crashed). */
export interface FailedRun {
  scenario: string;
  target: TargetName;
  error: string;
}

type Row = [label: string, cell: (run: LoadRunResult) => string];

const ROWS: Row[] = [
  [
    'clients connected',
    (run) =>
      `${count(run.connected)} / ${count(run.clientsRequested)}${run.connectNotTried > 0 ? ` (${count(run.connectNotTried)} not tried: time up)` : ''}`,
  ],
  ['connect: total, rate', (run) => `${fixed(run.connectSeconds)} s, ${count(run.connectsPerSecond)}/s`],
  ['connect p50 / p99', (run) => `${ms(run.connectMs.p50)} / ${ms(run.connectMs.p99)}`],
  ['settle after connects', (run) => `${fixed(run.settleSeconds)} s`],
  ['bytes per idle connection', (run) => kib(run.bytesPerIdleConnection)],
  ['increments sent / acked', (run) => `${count(run.sent)} / ${count(run.acked)}`],
  ['lost increments', (run) => (run.drained ? count(run.lost) : `${count(run.lost)} (not drained)`)],
  ['clients on final value', (run) => `${count(run.clientsAtFinal)} / ${count(run.clientsMeasured)}`],
  [
    'fan-out p50 / p95',
    (run) => `${bound(run)}${ms(run.fanoutMs.p50)} / ${bound(run)}${ms(run.fanoutMs.p95)}`,
  ],
  [
    'fan-out p99 / max',
    (run) => `${bound(run)}${ms(run.fanoutMs.p99)} / ${bound(run)}${ms(run.fanoutMs.max)}`,
  ],
  ['undelivered (increment × client)', (run) => count(run.undelivered)],
  ['ack p50 / p99', (run) => `${ms(run.ackMs.p50)} / ${ms(run.ackMs.p99)}`],
  ['deliveries, per s', (run) => `${count(run.deliveries)}, ${count(run.deliveriesPerSecond)}/s`],
  ['server CPU per increment × client', (run) => `${fixed(run.serverCpuMicrosPerIncrementDelivered, 2)} µs`],
  [
    'server CPU per delivery (kernel part)',
    (run) => `${fixed(run.serverCpuMicrosPerDelivery, 2)} µs (${percent(run.serverSystemShare)})`,
  ],
  [
    'server main thread avg / peak',
    (run) => `${percent(run.serverMainThread)} / ${percent(run.serverMainThreadPeak)}`,
  ],
  ['server RSS peak', (run) => mib(run.serverPeakRssBytes)],
  [
    'helper processes (CPU)',
    (run) =>
      Object.entries(run.helperCores)
        .map(([name, cores]) => `${name} ${percent(cores)}`)
        .join(', ') || '–',
  ],
  ['busiest load worker (CPU)', (run) => percent(run.loadWorkerBusiest)],
  ['machine busy (2 cores)', (run) => percent(run.machineBusy)],
  ['cores used by other processes', (run) => fixed(run.otherProcessesCores, 2)],
  ['saturated', (run) => (run.saturated.length > 0 ? run.saturated.join(' + ') : 'none')],
  [
    'group commits: count, ops each',
    (run) => (run.commits ? `${count(run.commits.batches)}, ${fixed(run.commits.opsPerBatch)}` : '–'),
  ],
  [
    'commit time each, share of window',
    (run) => (run.commits ? `${ms(run.commits.msPerCommit)}, ${percent(run.commits.commitShare)}` : '–'),
  ],
  ['drained in time', (run) => (run.drained ? 'yes' : 'no')],
  [
    'shutdown after SIGTERM',
    (run) =>
      run.shutdown === 'exited'
        ? `${fixed(run.shutdownSeconds)} s`
        : `killed after ${fixed(run.shutdownSeconds)} s`,
  ],
];

/** One scenario, targets side by side. Fan-out figures marked ≥ are lower bounds (some receipts never came). */
export function loadTable(targets: TargetName[], runs: LoadRunResult[], failures: FailedRun[]): string {
  const rows = ROWS.map(([label, cell]) => [
    label,
    ...targets.map((target) => {
      const run = runs.find((candidate) => candidate.target === target);
      if (run) return cell(run);
      return failures.some((failure) => failure.target === target) ? 'failed' : '–';
    }),
  ]);
  return markdownTable(['', ...targets], rows);
}

function bound(run: LoadRunResult): string {
  return run.undelivered > 0 ? '≥' : '';
}
