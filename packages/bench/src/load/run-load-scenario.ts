import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ProcessSampler } from '../metrics/process-sampler.js';
import { judgeSaturation } from '../metrics/saturation.js';
import type { LoadScenario } from '../scenarios.js';
import type { RunningTarget, TargetDefinition } from '../targets/target.js';
import { nowMs } from './clock.js';
import type { LatencySummary } from './histogram.js';
import { LoadGenerator } from './load-generator.js';
import { waitForQuiet } from './wait-for-quiet.js';
import type { WorkerStatus } from './worker-protocol.js';

export interface LoadRunOptions {
  /** When set, every server runs with --cpu-prof, its profiles under `<this>/<run>-<scenario>-<target>/`. */
  cpuProfileDir: string | undefined;
  durationMs: number;
  drainTimeoutMs: number;
  settleTimeoutMs: number;
  workers: number;
  connectTimeoutMs: number;
  /** The whole connect phase: after it, no new client starts connecting. */
  connectBudgetMs: number;
  connectConcurrencyPerWorker: number;
}

/** Everything measured for one scenario on one target; this is also what the JSON file holds. */
export interface LoadRunResult {
  scenario: LoadScenario['name'];
  target: TargetDefinition['name'];
  clientsRequested: number;
  connected: number;
  connectFailed: number;
  /** Clients not even tried: the connect phase ran out of time (a slow server shows here). */
  connectNotTried: number;
  connectError: string | undefined;
  connectSeconds: number;
  connectsPerSecond: number;
  connectMs: LatencySummary;
  /** Seconds the server needed after the connects before it was idle again. */
  settleSeconds: number;
  rssIdleBeforeBytes: number;
  rssIdleAfterBytes: number;
  bytesPerIdleConnection: number;
  sent: number;
  acked: number;
  failedAcks: number;
  ackError: string | undefined;
  /** Increments in the final value (final − initial version; every increment adds one). */
  applied: number;
  lost: number;
  maxSendLagMs: number;
  fanoutMs: LatencySummary;
  /** (increment, client) pairs never delivered before measuring stopped; fan-out figures are then lower bounds. */
  undelivered: number;
  clientsAtFinal: number;
  clientsMeasured: number;
  disconnects: number;
  ackMs: LatencySummary;
  /** Value-bearing messages received by all clients in the load window (Tally: counter:updated). */
  deliveries: number;
  deliveriesPerSecond: number;
  serverCpuMicrosPerDelivery: number;
  /**
   * Server CPU per (increment, client) pair it had to reach: the cost of keeping everyone in step,
   * whether increments went out one per message or merged.
   */
  serverCpuMicrosPerIncrementDelivered: number;
  loadWindowSeconds: number;
  /** The connect phase and the load window on the monotonic clock (ms), the clock of --cpu-prof samples. */
  connectWindowStartMs: number;
  connectWindowEndMs: number;
  loadWindowStartMs: number;
  loadWindowEndMs: number;
  /** After the clients left: whether SIGTERM ended the server within its grace period, and how long that took. */
  shutdown: 'exited' | 'killed';
  shutdownSeconds: number;
  /** Where --cpu-prof put the server's profiles (see mainThreadProfile). */
  cpuProfileDir: string | undefined;
  drained: boolean;
  serverCpuSeconds: number;
  /** The kernel's share of the server's CPU (socket writes, fsync). */
  serverSystemShare: number;
  serverMainThread: number;
  serverMainThreadPeak: number;
  serverPeakRssBytes: number;
  /** Share of one core used by the busiest load-generator thread. */
  loadWorkerBusiest: number;
  machineBusy: number;
  /** Cores taken by other work on the machine during the load (a shared box makes figures noisy). */
  otherProcessesCores: number;
  /** Cores used by each helper process of the server (tally-2node: Redis), by name. */
  helperCores: Record<string, number>;
  /** Tally only (from its /metrics): its group commits during the load window. */
  commits: CommitFigures | undefined;
  saturated: string[];
}

/**
 * One scenario against one freshly started target: connect everyone, let the server settle,
 * measure idle memory, apply the load, wait until every client holds the final value (or the drain
 * times out), then match every increment with every client's receipts.
 */
export async function runLoadScenario(
  scenario: LoadScenario,
  definition: TargetDefinition,
  options: LoadRunOptions,
  runId: string,
): Promise<LoadRunResult> {
  const cpuProfileDir =
    options.cpuProfileDir && join(options.cpuProfileDir, `${runId}-${scenario.name}-${definition.name}`);
  const target = await definition.start({ cpuProfileDir });
  const sampler = new ProcessSampler(target.pids, target.helpers);
  const load = new LoadGenerator({
    target: target.client,
    clients: scenario.clients,
    workers: options.workers,
    runId: `${runId}-${scenario.name}`,
    connectConcurrencyPerWorker: options.connectConcurrencyPerWorker,
    connectTimeoutMs: options.connectTimeoutMs,
    ackTimeoutMs: options.durationMs + options.drainTimeoutMs,
  });
  try {
    const result = await measure(scenario, definition, target, sampler, load, { ...options, cpuProfileDir });
    await load.close();
    const stopStartedAt = nowMs();
    const shutdown = await target.stop();
    return { ...result, shutdown, shutdownSeconds: (nowMs() - stopStartedAt) / 1000 };
  } finally {
    // Also after a failure; both are no-ops when already done.
    sampler.stop();
    await load.close();
    await target.stop();
  }
}

/**
 * The main thread's profile among those --cpu-prof wrote (thread id 0 in Node's default file
 * name; tsx's loader thread in the reference servers writes one too).
 */
export async function mainThreadProfile(dir: string): Promise<string | undefined> {
  const names = await readdir(dir).catch(() => []);
  const name = names.find((candidate) => /\.0\.\d+\.cpuprofile$/.test(candidate));
  return name && join(dir, name);
}

async function measure(
  scenario: LoadScenario,
  definition: TargetDefinition,
  target: RunningTarget,
  sampler: ProcessSampler,
  load: LoadGenerator,
  options: LoadRunOptions,
): Promise<Omit<LoadRunResult, 'shutdownSeconds' | 'shutdown'>> {
  await load.ready();
  await waitForQuiet(sampler, options.settleTimeoutMs);
  const idleBefore = sampler.sample();
  const connectStart = nowMs();
  const connect = await load.connect(options.connectBudgetMs);
  const connectSeconds = (nowMs() - connectStart) / 1000;
  const settleSeconds = await waitForQuiet(sampler, options.settleTimeoutMs);
  const idleAfter = sampler.sample();

  const before = await load.status();
  const metricsBefore = await target.metrics?.();
  const loadStart = sampler.sample();
  if (scenario.load.kind === 'steady') {
    await load.startIncrements(scenario.load.incrementers, scenario.load.ratePerSecond, options.durationMs);
    await sleep(options.durationMs);
    await load.stopIncrements();
  } else {
    await load.burst(scenario.load.count);
  }
  const { statuses: after, drained } = await drain(load, options.drainTimeoutMs);
  const loadEnd = sampler.sample();
  const horizon = nowMs();
  const metricsAfter = await target.metrics?.();

  const increments = await load.collectIncrements();
  const initialVersion = Math.max(...before.map((status) => status.maxLatestVersion));
  const finalVersion = Math.max(
    ...after.map((status) => status.maxLatestVersion),
    increments.versions.at(-1) ?? initialVersion,
  );
  const fanout = await load.measureFanout({
    versions: increments.versions,
    sentAt: increments.sentAt,
    finalVersion,
    horizon,
  });

  const usage = sampler.usageBetween(loadStart, loadEnd);
  const deliveries = total(after, 'deliveries') - total(before, 'deliveries');
  const sent = total(after, 'sent');
  const applied = finalVersion - initialVersion;
  const loadWorkerBusiest = Math.max(...after.map((status, index) => busyShare(before[index], status)));
  return {
    scenario: scenario.name,
    target: definition.name,
    clientsRequested: scenario.clients,
    connected: connect.connected,
    connectFailed: connect.failed,
    connectNotTried: connect.notTried,
    connectError: connect.firstError,
    connectSeconds,
    connectsPerSecond: connect.connected / connectSeconds,
    connectMs: connect.connectMs.summary(),
    settleSeconds,
    rssIdleBeforeBytes: idleBefore.rssBytes,
    rssIdleAfterBytes: idleAfter.rssBytes,
    bytesPerIdleConnection: (idleAfter.rssBytes - idleBefore.rssBytes) / Math.max(1, connect.connected),
    sent,
    acked: total(after, 'acked'),
    failedAcks: increments.failedAcks,
    ackError: increments.firstAckError,
    applied,
    lost: sent - applied,
    maxSendLagMs: increments.maxSendLagMs,
    fanoutMs: fanout.latencyMs.summary(),
    undelivered: fanout.undelivered,
    clientsAtFinal: fanout.clientsAtFinal,
    clientsMeasured: fanout.clientsMeasured,
    disconnects: total(after, 'disconnects'),
    ackMs: increments.ackMs.summary(),
    deliveries,
    deliveriesPerSecond: deliveries / usage.seconds,
    serverCpuMicrosPerDelivery: deliveries > 0 ? (usage.serverCpuSeconds * 1e6) / deliveries : Number.NaN,
    serverCpuMicrosPerIncrementDelivered:
      applied > 0 ? (usage.serverCpuSeconds * 1e6) / (applied * fanout.clientsMeasured) : Number.NaN,
    loadWindowSeconds: usage.seconds,
    connectWindowStartMs: connectStart,
    connectWindowEndMs: idleAfter.at,
    loadWindowStartMs: loadStart.at,
    loadWindowEndMs: loadEnd.at,
    cpuProfileDir: options.cpuProfileDir,
    drained,
    serverCpuSeconds: usage.serverCpuSeconds,
    serverSystemShare: usage.serverSystemCpuSeconds / usage.serverCpuSeconds,
    serverMainThread: usage.serverMainThread,
    serverMainThreadPeak: usage.serverMainThreadPeak,
    serverPeakRssBytes: usage.peakRssBytes,
    loadWorkerBusiest,
    machineBusy: usage.machineBusy,
    otherProcessesCores: usage.otherProcessesCores,
    helperCores: usage.helperCores,
    commits:
      metricsBefore && metricsAfter ? commitFigures(metricsBefore, metricsAfter, usage.seconds) : undefined,
    saturated: judgeSaturation({
      serverMainThread: usage.serverMainThread,
      loadWorkerBusiest,
      machineBusy: usage.machineBusy,
    }),
  };
}

export interface CommitFigures {
  batches: number;
  opsPerBatch: number;
  msPerCommit: number;
  /** Share of the load window spent inside commits; SQLite commits synchronously, so the event loop waits. */
  commitShare: number;
}

function commitFigures(
  before: Map<string, number>,
  after: Map<string, number>,
  seconds: number,
): CommitFigures {
  const delta = (name: string): number => (after.get(name) ?? 0) - (before.get(name) ?? 0);
  const batches = delta('tally_batches_committed_total');
  const commitSeconds = delta('tally_commit_seconds_total');
  return {
    batches,
    opsPerBatch: batches > 0 ? delta('tally_batch_ops_total') / batches : Number.NaN,
    msPerCommit: batches > 0 ? (commitSeconds * 1000) / batches : Number.NaN,
    commitShare: commitSeconds / seconds,
  };
}

/**
 * Polls the workers until every increment is answered and every client holds the highest version,
 * that is the highest any client holds and any ack reported: a server that holds back its last
 * update for a while (Tally's broadcast throttle on a big board) must not look drained before it.
 */
async function drain(
  load: LoadGenerator,
  timeoutMs: number,
): Promise<{ statuses: WorkerStatus[]; drained: boolean }> {
  const deadline = nowMs() + timeoutMs;
  for (;;) {
    const statuses = await load.status();
    const answered = total(statuses, 'acked') + total(statuses, 'failedAcks') >= total(statuses, 'sent');
    const highest = Math.max(
      ...statuses.map((status) => Math.max(status.maxLatestVersion, status.maxAckedVersion)),
    );
    const lowest = Math.min(...statuses.map((status) => status.minLatestVersion));
    if (answered && lowest >= highest) return { statuses, drained: true };
    if (nowMs() >= deadline) return { statuses, drained: false };
    await sleep(100);
  }
}

type CountField = 'sent' | 'acked' | 'failedAcks' | 'deliveries' | 'disconnects';

function total(statuses: WorkerStatus[], field: CountField): number {
  return statuses.reduce((sum, status) => sum + status[field], 0);
}

/** The share of one core a worker thread used between two statuses (0–1). */
function busyShare(before: WorkerStatus | undefined, after: WorkerStatus): number {
  if (!before || after.at <= before.at) return 0;
  return (after.cpuSeconds - before.cpuSeconds) / ((after.at - before.at) / 1000);
}
