import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ClientTarget } from './clients/bench-client.js';
import { Histogram } from './histogram.js';
import type {
  ConnectReport,
  FanoutReport,
  FanoutRequest,
  IncrementsReport,
  LoadWorkerReply,
  LoadWorkerRequest,
  LoadWorkerResults,
  LoadWorkerSetup,
  WorkerStatus,
} from './worker-protocol.js';

type Command = LoadWorkerRequest['command'];
type RequestBody<C extends Command> = Omit<Extract<LoadWorkerRequest, { command: C }>, 'id' | 'command'>;

export interface LoadGeneratorOptions {
  target: ClientTarget;
  clients: number;
  workers: number;
  runId: string;
  connectConcurrencyPerWorker: number;
  connectTimeoutMs: number;
  ackTimeoutMs: number;
}

/**
 * Each worker thread runs the load worker bundled by esbuild into one plain JavaScript file, not
 * its TypeScript through tsx: tsx compiles with `keepNames`, which gives every closure an extra
 * property, and a worker holds hundreds of clients (about 24 KB more heap each, and the garbage
 * collection that comes with it, measured with @tally/client). Bundling takes ~0.2 s per thread.
 * (Worker threads do not inherit the main thread's module hooks anyway.)
 */
const WORKER_BOOTSTRAP = `(async () => {
  const { threadId } = await import('node:worker_threads');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const { rm } = await import('node:fs/promises');
  const { pathToFileURL } = await import('node:url');
  const { build } = await import(${JSON.stringify(import.meta.resolve('esbuild'))});
  const outfile = join(tmpdir(), 'tally-load-worker-' + process.pid + '-' + threadId + '.mjs');
  await build({
    entryPoints: [${JSON.stringify(fileURLToPath(new URL('./load-worker.ts', import.meta.url)))}],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile,
    logLevel: 'error',
    banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
  });
  try {
    await import(pathToFileURL(outfile).href);
  } finally {
    await rm(outfile, { force: true });
  }
})();
`;

/** One worker thread and its pending requests. */
class LoadWorker {
  private nextId = 0;
  private readonly pending = new Map<
    number,
    { resolve(result: unknown): void; reject(error: Error): void }
  >();
  private readonly worker: Worker;
  /** Set once the thread died: every later request fails at once instead of waiting forever. */
  private failure: Error | undefined;

  constructor(setup: LoadWorkerSetup) {
    this.worker = new Worker(WORKER_BOOTSTRAP, { eval: true, workerData: setup });
    this.worker.on('message', (reply: LoadWorkerReply) => {
      const waiting = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      if (reply.ok) waiting?.resolve(reply.result);
      else waiting?.reject(new Error(reply.error));
    });
    this.worker.on('error', (error) => this.failAll(error));
    this.worker.on('exit', (code) => this.failAll(new Error(`load worker exited with code ${code}`)));
  }

  request<C extends Command>(command: C, body: RequestBody<C>): Promise<LoadWorkerResults[C]> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      if (this.failure) return reject(this.failure);
      this.pending.set(id, { resolve: (result) => resolve(result as LoadWorkerResults[C]), reject });
      this.worker.postMessage({ id, command, ...body });
    });
  }

  terminate(): Promise<number> {
    return this.worker.terminate();
  }

  private failAll(error: Error): void {
    this.failure ??= error;
    for (const waiting of this.pending.values()) waiting.reject(error);
    this.pending.clear();
  }
}

export interface ConnectSummary {
  connected: number;
  failed: number;
  notTried: number;
  firstError: string | undefined;
  connectMs: Histogram;
}

export interface IncrementsSummary {
  versions: Float64Array;
  sentAt: Float64Array;
  ackMs: Histogram;
  failedAcks: number;
  firstAckError: string | undefined;
  maxSendLagMs: number;
}

export interface FanoutSummary {
  latencyMs: Histogram;
  undelivered: number;
  clientsAtFinal: number;
  clientsMeasured: number;
}

/**
 * The load generator: clients spread evenly over worker threads so that parsing thousands of
 * broadcasts is not done by one event loop. Every method fans a request out to all workers and
 * merges their answers.
 */
export class LoadGenerator {
  private readonly workers: LoadWorker[];
  private closed = false;

  constructor(options: LoadGeneratorOptions) {
    const workerCount = Math.max(1, Math.min(options.workers, options.clients));
    let firstClientNumber = 0;
    this.workers = splitEvenly(options.clients, workerCount).map((clientCount) => {
      const worker = new LoadWorker({
        target: options.target,
        runId: options.runId,
        firstClientNumber,
        clientCount,
        connectConcurrency: options.connectConcurrencyPerWorker,
        connectTimeoutMs: options.connectTimeoutMs,
        ackTimeoutMs: options.ackTimeoutMs,
      });
      firstClientNumber += clientCount;
      return worker;
    });
  }

  /** Resolves once every thread has loaded and answers (so start-up is not timed as connecting). */
  async ready(): Promise<void> {
    await this.all('status', {});
  }

  /** Connects every client; after `budgetMs` no new connect is started (the rest count as not tried). */
  async connect(budgetMs: number): Promise<ConnectSummary> {
    const reports: ConnectReport[] = await this.all('connect', { budgetMs });
    const connectMs = new Histogram();
    for (const report of reports) connectMs.merge(report.connectMs);
    return {
      connected: sum(reports, (report) => report.connected),
      failed: sum(reports, (report) => report.failed),
      notTried: sum(reports, (report) => report.notTried),
      firstError: reports.find((report) => report.firstError)?.firstError,
      connectMs,
    };
  }

  status(): Promise<WorkerStatus[]> {
    return this.all('status', {});
  }

  /** Starts `incrementers` clients (spread over the workers) sending `ratePerSecond` each, open loop. */
  async startIncrements(incrementers: number, ratePerSecond: number, durationMs: number): Promise<void> {
    const perWorker = splitEvenly(incrementers, this.workers.length);
    let firstIncrementerIndex = 0;
    await Promise.all(
      this.workers.map((worker, index) => {
        const local = perWorker[index] ?? 0;
        const schedule = {
          incrementers: local,
          firstIncrementerIndex,
          totalIncrementers: incrementers,
          ratePerSecond,
          durationMs,
        };
        firstIncrementerIndex += local;
        return worker.request('start-increments', { schedule });
      }),
    );
  }

  /** One client sends `count` increments in the same instant. */
  async burst(count: number): Promise<void> {
    await this.workers[0]?.request('burst', { count });
  }

  async stopIncrements(): Promise<void> {
    await this.all('stop-increments', {});
  }

  /** Waits until every increment sent so far is acked or failed, or `timeoutMs` passed. */
  async waitForAcks(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const statuses = await this.status();
      const answered = sum(statuses, (status) => status.acked + status.failedAcks);
      if (answered >= sum(statuses, (status) => status.sent) || Date.now() >= deadline) return;
      await sleep(50);
    }
  }

  async collectIncrements(): Promise<IncrementsSummary> {
    const reports: IncrementsReport[] = await this.all('collect-increments', {});
    const ackMs = new Histogram();
    for (const report of reports) ackMs.merge(report.ackMs);
    const pairs = reports.flatMap((report) =>
      Array.from(report.versions, (version, index) => ({ version, sentAt: report.sentAt[index] ?? 0 })),
    );
    pairs.sort((left, right) => left.version - right.version);
    return {
      versions: Float64Array.from(pairs, (pair) => pair.version),
      sentAt: Float64Array.from(pairs, (pair) => pair.sentAt),
      ackMs,
      failedAcks: sum(reports, (report) => report.failedAcks),
      firstAckError: reports.find((report) => report.firstAckError)?.firstAckError,
      maxSendLagMs: Math.max(0, ...reports.map((report) => report.maxSendLagMs)),
    };
  }

  async measureFanout(request: FanoutRequest): Promise<FanoutSummary> {
    const reports: FanoutReport[] = await this.all('measure-fanout', { request });
    const latencyMs = new Histogram();
    for (const report of reports) latencyMs.merge(report.latencyMs);
    return {
      latencyMs,
      undelivered: sum(reports, (report) => report.undelivered),
      clientsAtFinal: sum(reports, (report) => report.clientsAtFinal),
      clientsMeasured: sum(reports, (report) => report.clientsMeasured),
    };
  }

  /** Closes every client, then ends the threads (also after a failure: it never throws; twice is harmless). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.allSettled(
      this.workers.map((worker) =>
        withTimeout(worker.request('close', {}), 5_000).finally(() => worker.terminate()),
      ),
    );
  }

  private all<C extends Command>(command: C, body: RequestBody<C>): Promise<LoadWorkerResults[C][]> {
    return Promise.all(this.workers.map((worker) => worker.request(command, body)));
  }
}

function splitEvenly(total: number, parts: number): number[] {
  return Array.from({ length: parts }, (_, index) => Math.floor((total + parts - 1 - index) / parts));
}

function sum<T>(items: T[], pick: (item: T) => number): number {
  return items.reduce((total, item) => total + pick(item), 0);
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  return Promise.race([promise, sleep(ms, undefined, { ref: false })]);
}
