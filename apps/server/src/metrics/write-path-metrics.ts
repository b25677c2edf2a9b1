import { Histogram, type Registry } from 'prom-client';
import type { WriteBatcherStats } from '../counters/write-batcher.js';
import { LATENCY_BUCKETS_SECONDS } from './latency-buckets.js';
import { type ScrapedFigure, scrapedCounter, scrapedGauge } from './scraped-figures.js';

/** Timings of the write path, told by the write batcher's hooks (once per batch, once per broadcast). */
export interface WritePathTimings {
  /** One batch committed: how long its store.applyOps took. */
  committed(durationMs: number): void;
  /** One `counter:updated` sent: ms from the commit of the oldest change it carries until it was written. */
  broadcastSent(sinceCommitMs: number): void;
}

export function createWritePathTimings(registry: Registry): WritePathTimings {
  const commits = new Histogram({
    name: 'tally_commit_duration_seconds',
    help: 'Write batches committed: how long one store.applyOps (one transaction) took.',
    buckets: [...LATENCY_BUCKETS_SECONDS],
    registers: [registry],
  });
  const broadcasts = new Histogram({
    name: 'tally_broadcast_duration_seconds',
    help:
      'counter:updated broadcasts: from the commit of the oldest change one carries until it was written ' +
      'to every socket of the board (the broadcast window, then the writes).',
    buckets: [...LATENCY_BUCKETS_SECONDS],
    registers: [registry],
  });
  return {
    committed(durationMs) {
      commits.observe(durationMs / 1000);
    },
    broadcastSent(sinceCommitMs) {
      broadcasts.observe(sinceCommitMs / 1000);
    },
  };
}

export interface WritePathFigures {
  batcherStats(): WriteBatcherStats;
  /** Increments applied since the store was created (socket and HTTP, every node). */
  totalIncrements(): Promise<number>;
}

/** The write path's figures under the names they had before prom-client (dashboards and the bench read them). */
export function registerWritePathFigures(registry: Registry, figures: WritePathFigures): void {
  const stat =
    (pick: (stats: WriteBatcherStats) => number): ScrapedFigure['read'] =>
    () =>
      pick(figures.batcherStats());
  scrapedCounter(registry, {
    name: 'tally_increments_applied_total',
    help: 'Increment operations applied, socket and HTTP, since the store was created.',
    read: figures.totalIncrements,
  });
  const counters: ScrapedFigure[] = [
    {
      name: 'tally_ops_applied_total',
      help: 'Increments and resets that changed a counter on this node.',
      read: stat((s) => s.opsApplied),
    },
    {
      name: 'tally_batches_committed_total',
      help: 'Write batches committed (one transaction each).',
      read: stat((s) => s.batchesCommitted),
    },
    {
      name: 'tally_batches_failed_total',
      help: 'Write batches whose commit failed.',
      read: stat((s) => s.batchesFailed),
    },
    {
      name: 'tally_batch_ops_total',
      help: 'Ops inside committed batches (sum of batch sizes).',
      read: stat((s) => s.opsCommitted),
    },
    {
      name: 'tally_commit_seconds_total',
      help: 'Time from handing batches to the store until they were committed.',
      read: stat((s) => s.commitMsTotal / 1000),
    },
    {
      name: 'tally_broadcasts_total',
      help: 'counter:updated messages sent, one per board per BATCH_WINDOW_MS at most.',
      read: stat((s) => s.broadcastsSent),
    },
    {
      name: 'tally_broadcast_hold_seconds_total',
      help: 'Over every counter:updated, how long its oldest change waited after its commit.',
      read: stat((s) => s.broadcastHoldMsTotal / 1000),
    },
    {
      name: 'tally_ops_rejected_queue_full_total',
      help: 'Ops refused because the queue was full.',
      read: stat((s) => s.opsRejectedQueueFull),
    },
  ];
  const gauges: ScrapedFigure[] = [
    {
      name: 'tally_batch_size_last',
      help: 'Ops in the last committed batch.',
      read: stat((s) => s.lastBatchSize),
    },
    {
      name: 'tally_batch_size_max',
      help: 'Ops in the largest committed batch.',
      read: stat((s) => s.maxBatchSize),
    },
    {
      name: 'tally_boards_held',
      help: 'Boards whose committed changes wait for their broadcast window.',
      read: stat((s) => s.boardsHeld),
    },
    { name: 'tally_ops_queued', help: 'Ops waiting for the next batch.', read: stat((s) => s.queued) },
  ];
  for (const figure of counters) scrapedCounter(registry, figure);
  for (const figure of gauges) scrapedGauge(registry, figure);
}
