// Entry of one load-generator thread: holds its share of the clients and answers the main
// thread's requests (see worker-protocol.ts). Nothing here prints; everything is reported back.
import { parentPort, workerData } from 'node:worker_threads';
import { currentThreadCpuSeconds } from '../metrics/proc-stats.js';
import type { BenchClient } from './clients/bench-client.js';
import { createClient } from './clients/create-client.js';
import { nowMs } from './clock.js';
import { Histogram } from './histogram.js';
import { IncrementRecorder } from './increment-recorder.js';
import { runOpenLoopSchedule } from './open-loop-schedule.js';
import type {
  ConnectReport,
  FanoutReport,
  FanoutRequest,
  LoadWorkerReply,
  LoadWorkerRequest,
  LoadWorkerResults,
  LoadWorkerSetup,
  WorkerStatus,
} from './worker-protocol.js';

const setup = workerData as LoadWorkerSetup;
const port = parentPort;
if (!port) throw new Error('load-worker must run as a worker thread');

const clients: BenchClient[] = Array.from({ length: setup.clientCount }, (_, index) =>
  createClient(setup.target, {
    clientId: `${setup.runId}-${setup.firstClientNumber + index}`,
    clientNumber: setup.firstClientNumber + index,
    connectTimeoutMs: setup.connectTimeoutMs,
    ackTimeoutMs: setup.ackTimeoutMs,
  }),
);
const measured = new Set<BenchClient>();
const recorder = new IncrementRecorder();
let stopSchedule: (() => void) | undefined;

/** Connects with bounded concurrency; starts no new connect once `budgetMs` has passed. */
async function connectAll(budgetMs: number): Promise<ConnectReport> {
  const connectMs = new Histogram();
  const deadline = nowMs() + budgetMs;
  let failed = 0;
  let firstError: string | undefined;
  let next = 0;
  const connectNext = async (): Promise<void> => {
    while (next < clients.length && nowMs() < deadline) {
      const client = clients[next++];
      if (!client) continue;
      const startedAt = nowMs();
      try {
        await client.connect();
        connectMs.record(nowMs() - startedAt);
        measured.add(client);
      } catch (error) {
        failed += 1;
        firstError ??= error instanceof Error ? error.message : String(error);
        client.close();
      }
    }
  };
  await Promise.all(Array.from({ length: setup.connectConcurrency }, connectNext));
  const notTried = clients.length - next;
  return { connected: measured.size, failed, notTried, firstError, connectMs: connectMs.toData() };
}

function status(): WorkerStatus {
  let connected = 0;
  let disconnects = 0;
  let deliveries = 0;
  let minLatestVersion = Number.POSITIVE_INFINITY;
  let maxLatestVersion = -1;
  for (const client of measured) {
    disconnects += client.disconnects;
    deliveries += client.log.deliveries;
    maxLatestVersion = Math.max(maxLatestVersion, client.log.latestVersion);
    if (!client.connected) continue;
    connected += 1;
    minLatestVersion = Math.min(minLatestVersion, client.log.latestVersion);
  }
  return {
    connected,
    disconnects,
    sent: recorder.sent,
    acked: recorder.acked,
    failedAcks: recorder.failed,
    deliveries,
    minLatestVersion,
    maxLatestVersion,
    maxAckedVersion: recorder.maxAckedVersion,
    cpuSeconds: currentThreadCpuSeconds(),
    at: nowMs(),
  };
}

/** Incrementers are this worker's first connected clients. */
function incrementers(count: number): BenchClient[] {
  return [...measured].slice(0, count);
}

function measureFanout(request: FanoutRequest): FanoutReport {
  const latencyMs = new Histogram();
  let undelivered = 0;
  let clientsAtFinal = 0;
  for (const client of measured) {
    if (client.log.latestVersion >= request.finalVersion) clientsAtFinal += 1;
    client.log.matchIncrements(request.versions, (index, receivedAt) => {
      const sentAt = request.sentAt[index] ?? 0;
      if (receivedAt === undefined) {
        undelivered += 1;
        latencyMs.record(request.horizon - sentAt);
      } else {
        latencyMs.record(receivedAt - sentAt);
      }
    });
  }
  return { latencyMs: latencyMs.toData(), undelivered, clientsAtFinal, clientsMeasured: measured.size };
}

async function handle(request: LoadWorkerRequest): Promise<LoadWorkerResults[keyof LoadWorkerResults]> {
  switch (request.command) {
    case 'connect':
      return connectAll(request.budgetMs);
    case 'status':
      return status();
    case 'start-increments': {
      const senders = incrementers(request.schedule.incrementers);
      stopSchedule = runOpenLoopSchedule(
        { ...request.schedule, incrementers: senders.length },
        (index, at) => {
          const sender = senders[index];
          if (sender) recorder.send(() => sender.increment(), at);
        },
      );
      return null;
    }
    case 'burst': {
      const [sender] = incrementers(1);
      const at = nowMs();
      if (sender)
        for (let sent = 0; sent < request.count; sent++) recorder.send(() => sender.increment(), at);
      return null;
    }
    case 'stop-increments':
      stopSchedule?.();
      return null;
    case 'collect-increments':
      return recorder.report();
    case 'measure-fanout':
      return measureFanout(request.request);
    case 'close':
      stopSchedule?.();
      for (const client of clients) client.close();
      return null;
  }
}

port.on('message', (request: LoadWorkerRequest) => {
  handle(request).then(
    (result) => port.postMessage({ id: request.id, ok: true, result } satisfies LoadWorkerReply),
    (error: unknown) =>
      port.postMessage({
        id: request.id,
        ok: false,
        error: error instanceof Error ? error.message : String(error),
      } satisfies LoadWorkerReply),
  );
});
