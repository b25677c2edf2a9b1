// Framework-free on purpose: no Fastify or Socket.IO here, so it is tested with a real store alone.
import type { CounterActor, CounterUpdate, Member } from '@tally/events';
import { TallyError } from '@tally/events';
import type { CounterOp, OpOutcome, Store } from '../store/store.js';

/** Past this many waiting ops, submit() refuses with `unavailable` (retryable) instead of growing memory. */
export const DEFAULT_MAX_QUEUED_OPS = 10_000;

export interface WriteBatcherOptions {
  store: Store;
  /**
   * The shortest time between two batches. An op after a quiet spell is flushed at the end of
   * the current event-loop turn; under load, ops gather until `windowMs` after the last batch was
   * cut. 0 = every turn gets its own batch.
   */
  windowMs: number;
  /**
   * Called once per committed batch with, per board, the latest value+version of each counter
   * that changed; not called for a batch that changed nothing (only replays and refusals).
   */
  onCommitted(updatesByBoard: Map<string, CounterUpdate[]>): void;
  /** Ops waiting for a batch (not yet handed to the store) before submit() refuses. */
  maxQueuedOps?: number;
  /** Told when onCommitted throws; the acks of that batch are still sent. Default: a process warning. */
  onListenerError?(error: unknown): void;
}

/** Figures for /metrics. Counters only grow; `queued` and `lastBatchSize` are gauges. */
export interface WriteBatcherStats {
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
  lastBatchSize: number;
  maxBatchSize: number;
  /** Total time spent inside applyOps of committed batches, in ms. */
  commitMsTotal: number;
  /** Ops waiting for the next batch right now. */
  queued: number;
}

export interface WriteBatcher {
  /**
   * Queues an op; resolves with its outcome after the batch holding it is durable. The member
   * who sent it, when known, is named among the update's `actors`.
   */
  submit(op: CounterOp, actor?: Member): Promise<OpOutcome>;
  /** Flushes what is queued and waits for it and for the batch in flight (used at shutdown). */
  drain(): Promise<void>;
  stats(): WriteBatcherStats;
}

interface PendingOp {
  op: CounterOp;
  actor: Member | undefined;
  resolve(outcome: OpOutcome): void;
  reject(error: TallyError): void;
}

/**
 * Group commit: every op submitted before a flush goes into ONE store.applyOps call (one
 * transaction); while that commit is in flight, new ops gather for the next batch, so there is
 * never more than one applyOps at a time and a burst costs one disk sync, not one per op.
 */
export function createWriteBatcher(options: WriteBatcherOptions): WriteBatcher {
  const maxQueuedOps = options.maxQueuedOps ?? DEFAULT_MAX_QUEUED_OPS;
  const onListenerError =
    options.onListenerError ??
    ((error: unknown) => process.emitWarning(`write batcher onCommitted threw: ${String(error)}`));
  const stats: WriteBatcherStats = {
    batchesCommitted: 0,
    batchesFailed: 0,
    opsCommitted: 0,
    opsApplied: 0,
    opsRejectedQueueFull: 0,
    lastBatchSize: 0,
    maxBatchSize: 0,
    commitMsTotal: 0,
    queued: 0,
  };
  let queue: PendingOp[] = [];
  let scheduledFlush: { cancel(): void } | null = null;
  let inFlight: Promise<void> | null = null;
  let lastCutAt = Number.NEGATIVE_INFINITY;

  function scheduleFlush(): void {
    if (scheduledFlush) return;
    const fire = () => {
      scheduledFlush = null;
      startNextBatch();
    };
    // A throttle, not a fixed delay: a lone click costs no added latency, while a busy board's
    // clicks merge into one commit and one broadcast per window (fewer fsyncs, and far fewer
    // writes to every socket on the board, which is what bounds fan-out under contention).
    // setImmediate runs after the I/O callbacks of this loop turn: every frame read in the same
    // turn lands in the same batch.
    const wait = lastCutAt + options.windowMs - performance.now();
    if (wait > 0) {
      const timer = setTimeout(fire, wait);
      scheduledFlush = { cancel: () => clearTimeout(timer) };
    } else {
      const immediate = setImmediate(fire);
      scheduledFlush = { cancel: () => clearImmediate(immediate) };
    }
  }

  function startNextBatch(): void {
    // The batch in flight starts the next one when it settles: never two commits at once.
    if (inFlight || queue.length === 0) return;
    // The ops that scheduled a pending flush are all in this batch; later ones schedule their own.
    scheduledFlush?.cancel();
    scheduledFlush = null;
    const batch = queue;
    queue = [];
    stats.queued = 0;
    lastCutAt = performance.now();
    inFlight = commit(batch).finally(() => {
      inFlight = null;
      // Ops that came while this batch was in flight wait for the window like any other.
      if (queue.length > 0) scheduleFlush();
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
    stats.commitMsTotal += performance.now() - startedAt;

    const updatesByBoard = latestUpdatesByBoard(batch, outcomes);
    for (const updates of updatesByBoard.values()) stats.opsApplied += updates.appliedOps;
    batch.forEach((pending, index) => {
      pending.resolve(outcomes[index] as OpOutcome);
    });
    if (updatesByBoard.size > 0) {
      const updates = new Map([...updatesByBoard].map(([boardId, board]) => [boardId, withActors(board)]));
      // Acks first, broadcast on the next turn (after every ack's continuation has run): a sender
      // then learns the version its op produced before the update carrying it arrives, so its
      // optimistic display (server value + pending deltas) never counts its own click twice.
      setImmediate(() => {
        try {
          options.onCommitted(updates);
        } catch (error) {
          onListenerError(error);
        }
      });
    }
  }

  return {
    submit(op, actor) {
      if (queue.length >= maxQueuedOps) {
        stats.opsRejectedQueueFull++;
        return Promise.reject(new TallyError('unavailable', 'the server is busy, try again later'));
      }
      return new Promise<OpOutcome>((resolve, reject) => {
        queue.push({ op, actor, resolve, reject });
        stats.queued = queue.length;
        scheduleFlush();
      });
    },

    async drain() {
      // Flush now rather than at the end of the window (startNextBatch cancels the pending timer),
      // including ops that arrived while a batch was in flight.
      while (inFlight || queue.length > 0) {
        startNextBatch();
        if (inFlight) await inFlight;
      }
    },

    stats() {
      return { ...stats };
    },
  };
}

interface BoardChanges {
  latest: Map<string, CounterUpdate>;
  /** Per counter, per member: the net delta of their increments in this batch. */
  actors: Map<string, Map<string, CounterActor>>;
  appliedOps: number;
}

/**
 * Per board, the newest value+version of each counter an op changed, and who changed it by how
 * much; replays and refusals add nothing. A reset names no actor: its delta is not an increment.
 */
function latestUpdatesByBoard(
  batch: readonly PendingOp[],
  outcomes: readonly OpOutcome[],
): Map<string, BoardChanges> {
  const byBoard = new Map<string, BoardChanges>();
  outcomes.forEach((outcome, index) => {
    if (!outcome.ok || outcome.replayed) return;
    let board = byBoard.get(outcome.boardId);
    if (!board) {
      board = { latest: new Map(), actors: new Map(), appliedOps: 0 };
      byBoard.set(outcome.boardId, board);
    }
    board.appliedOps++;
    const known = board.latest.get(outcome.counterId);
    if (!known || outcome.version > known.version) {
      board.latest.set(outcome.counterId, {
        counterId: outcome.counterId,
        value: outcome.value,
        version: outcome.version,
      });
    }
    const { op, actor } = batch[index] as PendingOp;
    if (op.kind === 'increment' && actor) addActorDelta(board, outcome.counterId, actor, op.by);
  });
  return byBoard;
}

function addActorDelta(board: BoardChanges, counterId: string, actor: Member, delta: number): void {
  let perMember = board.actors.get(counterId);
  if (!perMember) {
    perMember = new Map();
    board.actors.set(counterId, perMember);
  }
  const known = perMember.get(actor.clientId);
  if (known) known.delta += delta;
  else perMember.set(actor.clientId, { clientId: actor.clientId, name: actor.name, delta });
}

function withActors(board: BoardChanges): CounterUpdate[] {
  return [...board.latest.values()].map((update) => {
    const actors = board.actors.get(update.counterId);
    return actors ? { ...update, actors: [...actors.values()] } : update;
  });
}
