import type { ClientTarget } from './clients/bench-client.js';
import type { HistogramData } from './histogram.js';

/** What each load worker is told when it starts. */
export interface LoadWorkerSetup {
  target: ClientTarget;
  /** Client ids are `${runId}-${clientNumber}` with numbers unique across workers. */
  runId: string;
  firstClientNumber: number;
  clientCount: number;
  /** Connects in flight at once in this worker. */
  connectConcurrency: number;
  connectTimeoutMs: number;
  ackTimeoutMs: number;
}

export interface ConnectReport {
  connected: number;
  failed: number;
  /** Clients never tried because the connect phase ran out of its time budget. */
  notTried: number;
  firstError: string | undefined;
  /** Per client: from opening the connection to holding the current value (Tally: after board:join). */
  connectMs: HistogramData;
}

export interface WorkerStatus {
  connected: number;
  disconnects: number;
  sent: number;
  acked: number;
  failedAcks: number;
  deliveries: number;
  /** Lowest version held by a connected client (Infinity when none is connected). */
  minLatestVersion: number;
  maxLatestVersion: number;
  /** The highest version this worker's increments were acknowledged with (-1: none yet). */
  maxAckedVersion: number;
  /** CPU seconds this worker thread has used (from /proc/thread-self), to compute its share of a core. */
  cpuSeconds: number;
  /** When the status was taken (monotonic ms). */
  at: number;
}

export interface IncrementSchedule {
  incrementers: number;
  /** Index of this worker's first incrementer among all workers' (spreads their phases evenly). */
  firstIncrementerIndex: number;
  totalIncrementers: number;
  ratePerSecond: number;
  durationMs: number;
}

export interface IncrementsReport {
  /** Per acknowledged increment: the version it produced, and when it was sent (monotonic ms). */
  versions: Float64Array;
  sentAt: Float64Array;
  ackMs: HistogramData;
  failedAcks: number;
  firstAckError: string | undefined;
  /** How far behind schedule sends went out at worst (a saturated load generator shows here). */
  maxSendLagMs: number;
}

export interface FanoutRequest {
  /** All acknowledged increments of the run, sorted by version. */
  versions: Float64Array;
  sentAt: Float64Array;
  finalVersion: number;
  /** When measuring stopped: an increment never received counts with latency `horizon - sentAt`. */
  horizon: number;
}

export interface FanoutReport {
  latencyMs: HistogramData;
  /** (increment, client) pairs where the client never held a value including the increment. */
  undelivered: number;
  clientsAtFinal: number;
  clientsMeasured: number;
}

/** Requests from the main thread; each is answered once with a `LoadWorkerReply` of the same id. */
export type LoadWorkerRequest = { id: number } & (
  | { command: 'connect'; budgetMs: number }
  | { command: 'status' }
  | { command: 'start-increments'; schedule: IncrementSchedule }
  | { command: 'burst'; count: number }
  | { command: 'stop-increments' }
  | { command: 'collect-increments' }
  | { command: 'measure-fanout'; request: FanoutRequest }
  | { command: 'close' }
);

export interface LoadWorkerResults {
  connect: ConnectReport;
  status: WorkerStatus;
  'start-increments': null;
  burst: null;
  'stop-increments': null;
  'collect-increments': IncrementsReport;
  'measure-fanout': FanoutReport;
  close: null;
}

export type LoadWorkerReply =
  | { id: number; ok: true; result: LoadWorkerResults[keyof LoadWorkerResults] }
  | { id: number; ok: false; error: string };
