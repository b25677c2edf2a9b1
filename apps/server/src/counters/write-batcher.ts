// Framework-free on purpose: no Fastify or Socket.IO here, so it is tested with a real store alone.
import type { CounterUpdate } from '@tally/events';
import { TallyError } from '@tally/events';
import type { CounterOp, OpOutcome, Store } from '../store/store.js';
import { type BroadcastThrottleStats, createBroadcastThrottle } from './broadcast-throttle.js';

/** Past this many waiting ops, submit() refuses with `unavailable` (retryable) instead of growing memory. */
export const DEFAULT_MAX_QUEUED_OPS = 10_000;

export interface WriteBatcherOptions {
  /** Only applyOps: the caller may pass a store whose batches it watches (readiness). */
  store: Pick<Store, 'applyOps'>;
  /**
   * Per board, the shortest time between two `counter:updated` broadcasts. Commits do not wait
   * for it: a batch starts as soon as the previous commit finished. 0 = one broadcast per commit.
   */
  windowMs: number;
  /**
   * Sends one board's merged `counter:updated`: the latest value+version of each counter that
   * changed since the board's previous broadcast, with who changed it by how much.
   */
  broadcast(boardId: string, updates: CounterUpdate[]): void;
  /** Ops waiting for a batch (not yet handed to the store) before submit() refuses. */
  maxQueuedOps?: number;
  /**
   * Of those, the most one client address may have: the rest of the queue stays for the others
   * (MAX_QUEUED_OPS_PER_ADDRESS). Default: no share, only maxQueuedOps.
   */
  maxQueuedOpsPerAddress?: number;
  /** Told of each op refused because its address had its share waiting already. */
  onAddressQueueFull?(address: string): void;
  /** Told when broadcast throws; the acks were sent already. Default: a process warning. */
  onBroadcastError?(error: unknown): void;
  /** Told after each committed batch: how long its store.applyOps took. */
  onCommitted?(durationMs: number): void;
  /** Told after each broadcast: ms from the commit of the oldest change it carries until it was sent. */
  onBroadcast?(sinceCommitMs: number): void;
  /** Told when submit() refuses an op because the queue is full. */
  onQueueFull?(): void;
}

/** Figures for /metrics. Counters only grow; `queued`, `lastBatchSize` and `boardsHeld` are gauges. */
export interface WriteBatcherStats extends BroadcastThrottleStats {
  /** Batches whose applyOps committed. */
  batchesCommitted: number;
  /** Batches whose applyOps failed (every op in them was answered with an error). */
  batchesFailed: number;
  /** Ops inside committed batches, whatever their outcome: the batch-size sum. */
  opsCommitted: number;
  /** Ops that changed a counter (not replayed, not refused). */
  opsApplied: number;
  /** submit() calls refused because the queue was full. */
  opsRejectedQueueFull: number;
  /** submit() calls refused because their address had its share of the queue waiting. */
  opsRejectedAddressQueueFull: number;
  lastBatchSize: number;
  maxBatchSize: number;
  /** Total time from handing a batch to the store until it answered, in ms. */
  commitMsTotal: number;
  /** Ops waiting for the next batch right now. */
  queued: number;
}

export interface WriteBatcher {
  /**
   * Queues an op; resolves with its outcome once the batch holding it is durable, before the
   * `counter:updated` that carries it is sent. Its actor, when a member, is named among the
   * update's `actors`. `address` is the client address it came from (socket or HTTP), whose
   * share of the queue it takes until its batch is cut.
   */
  submit(op: CounterOp, address: string): Promise<OpOutcome>;
  /** Commits what is queued, waits for the batch in flight, then sends every held broadcast (shutdown). */
  drain(): Promise<void>;
  /** Sends the board's held `counter:updated` now, before an event that must come after it. */
  flushBroadcasts(boardId: string): void;
  stats(): WriteBatcherStats;
}

interface PendingOp {
  op: CounterOp;
  resolve(outcome: OpOutcome): void;
  reject(error: TallyError): void;
}

/**
 * Group commit: every op queued while a commit is in flight goes into the next store.applyOps
 * call (one transaction), which starts at the end of the turn the previous commit finished in;
 * a lone op commits at the end of its own turn. There is never more than one applyOps at a
 * time, so a burst costs one disk sync, not one per op. Acks follow each commit; the broadcasts
 * are throttled per board apart from it (see createBroadcastThrottle).
 */
export function createWriteBatcher(options: WriteBatcherOptions): WriteBatcher {
  const maxQueuedOps = options.maxQueuedOps ?? DEFAULT_MAX_QUEUED_OPS;
  const maxPerAddress = options.maxQueuedOpsPerAddress ?? maxQueuedOps;
  const throttle = createBroadcastThrottle({
    windowMs: options.windowMs,
    send: options.broadcast,
    onSendError:
      options.onBroadcastError ??
      ((error: unknown) => process.emitWarning(`write batcher broadcast threw: ${String(error)}`)),
    onSent: options.onBroadcast,
  });
  const stats = {
    batchesCommitted: 0,
    batchesFailed: 0,
    opsCommitted: 0,
    opsApplied: 0,
    opsRejectedQueueFull: 0,
    opsRejectedAddressQueueFull: 0,
    lastBatchSize: 0,
    maxBatchSize: 0,
    commitMsTotal: 0,
  };
  let queue: PendingOp[] = [];
  /** Ops of each address in `queue`. A batch takes the whole queue, so a cut clears it: O(1) per op. */
  const queuedByAddress = new Map<string, number>();
  let scheduledCut: NodeJS.Immediate | null = null;
  let inFlight: Promise<void> | null = null;

  function scheduleCut(): void {
    // The commit in flight schedules the next cut when it settles.
    if (scheduledCut || inFlight) return;
    // setImmediate runs after the I/O callbacks of this loop turn: every frame read in the same
    // turn lands in the same batch.
    scheduledCut = setImmediate(cutBatch);
  }

  function cutBatch(): void {
    if (scheduledCut) clearImmediate(scheduledCut);
    scheduledCut = null;
    if (inFlight || queue.length === 0) return;
    const batch = queue;
    queue = [];
    queuedByAddress.clear();
    inFlight = commit(batch).finally(() => {
      inFlight = null;
      if (queue.length > 0) scheduleCut();
    });
  }

  async function commit(batch: PendingOp[]): Promise<void> {
    const startedAt = performance.now();
    let outcomes: OpOutcome[];
    try {
      outcomes = await options.store.applyOps(batch.map((pending) => pending.op));
      if (outcomes.length !== batch.length) {
        throw new TallyError('internal', 'the store answered a batch with the wrong number of outcomes');
      }
    } catch (error) {
      stats.batchesFailed++;
      const failure =
        error instanceof TallyError
          ? error
          : new TallyError('unavailable', 'the store is unavailable, try again later');
      for (const pending of batch) pending.reject(failure);
      return;
    }
    stats.batchesCommitted++;
    stats.opsCommitted += batch.length;
    stats.lastBatchSize = batch.length;
    stats.maxBatchSize = Math.max(stats.maxBatchSize, batch.length);
    const commitMs = performance.now() - startedAt;
    stats.commitMsTotal += commitMs;
    options.onCommitted?.(commitMs);

    // Acks first: the throttle sends at the earliest at the end of this turn, after every ack's
    // continuation has run. A sender then learns the version its op produced before the update
    // carrying it arrives, so its optimistic display (server value + pending deltas) never
    // counts its own click twice.
    batch.forEach((pending, index) => {
      pending.resolve(outcomes[index] as OpOutcome);
    });
    batch.forEach((pending, index) => {
      const outcome = outcomes[index] as OpOutcome;
      if (!outcome.ok) return;
      if (!outcome.replayed) stats.opsApplied++;
      // A replay is broadcast again, at its original version: the batch that applied it may have
      // failed here (Redis ran it after the call timed out), so the board may never have heard of
      // it. Clients drop a version they hold, so a second hearing costs them nothing.
      throttle.record(outcome, pending.op);
    });
  }

  return {
    submit(op, address) {
      if (queue.length >= maxQueuedOps) {
        stats.opsRejectedQueueFull++;
        options.onQueueFull?.();
        return Promise.reject(new TallyError('unavailable', 'the server is busy, try again later'));
      }
      const queuedOfAddress = queuedByAddress.get(address) ?? 0;
      if (queuedOfAddress >= maxPerAddress) {
        stats.opsRejectedAddressQueueFull++;
        options.onAddressQueueFull?.(address);
        return Promise.reject(
          new TallyError('unavailable', 'this address has too many writes waiting; retry'),
        );
      }
      queuedByAddress.set(address, queuedOfAddress + 1);
      return new Promise<OpOutcome>((resolve, reject) => {
        queue.push({ op, resolve, reject });
        scheduleCut();
      });
    },

    async drain() {
      // Commit now rather than at the end of the turn, including ops that arrived during a commit.
      while (inFlight || queue.length > 0) {
        cutBatch();
        if (inFlight) await inFlight;
      }
      // One turn for the last acks' continuations, so they still leave before their broadcast.
      await new Promise<void>((resolve) => setImmediate(resolve));
      throttle.flush();
    },

    flushBroadcasts(boardId) {
      throttle.flushBoard(boardId);
    },

    stats() {
      return { ...stats, queued: queue.length, ...throttle.stats() };
    },
  };
}
