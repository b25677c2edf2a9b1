import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';

interface Metric {
  name: string;
  type: 'counter' | 'gauge';
  help: string;
  value: number;
}

/** Prometheus text exposition format, version 0.0.4. */
function renderMetrics(metrics: readonly Metric[]): string {
  return metrics
    .map(
      ({ name, type, help, value }) => `# HELP ${name} ${help}\n# TYPE ${name} ${type}\n${name} ${value}\n`,
    )
    .join('');
}

/** `GET /metrics`: sockets, members, increments, and the write batcher's commit and broadcast figures. */
const metricsPlugin: FastifyPluginAsync = async (fastify) => {
  const { io, presence, store, writeBatcher } = fastify;

  fastify.get('/metrics', async (_request, reply) => {
    const batches = writeBatcher.stats();
    const [online, totalIncrements] = await Promise.all([presence.online(), store.totalIncrements()]);
    const metrics: Metric[] = [
      {
        name: 'tally_sockets_connected',
        type: 'gauge',
        help: 'Socket.IO connections open on this node.',
        value: io.engine.clientsCount,
      },
      { name: 'tally_members_online', type: 'gauge', help: 'Distinct clientIds connected.', value: online },
      {
        name: 'tally_increments_applied_total',
        type: 'counter',
        help: 'Increment operations applied, socket and HTTP, since the store was created.',
        value: totalIncrements,
      },
      {
        name: 'tally_ops_applied_total',
        type: 'counter',
        help: 'Increments and resets that changed a counter on this node.',
        value: batches.opsApplied,
      },
      {
        name: 'tally_batches_committed_total',
        type: 'counter',
        help: 'Write batches committed (one transaction each).',
        value: batches.batchesCommitted,
      },
      {
        name: 'tally_batches_failed_total',
        type: 'counter',
        help: 'Write batches whose commit failed.',
        value: batches.batchesFailed,
      },
      {
        name: 'tally_batch_ops_total',
        type: 'counter',
        help: 'Ops inside committed batches (sum of batch sizes).',
        value: batches.opsCommitted,
      },
      {
        name: 'tally_batch_size_last',
        type: 'gauge',
        help: 'Ops in the last committed batch.',
        value: batches.lastBatchSize,
      },
      {
        name: 'tally_batch_size_max',
        type: 'gauge',
        help: 'Ops in the largest committed batch.',
        value: batches.maxBatchSize,
      },
      {
        name: 'tally_commit_seconds_total',
        type: 'counter',
        help: 'Time from handing batches to the store until they were committed.',
        value: batches.commitMsTotal / 1000,
      },
      {
        name: 'tally_broadcasts_total',
        type: 'counter',
        help: 'counter:updated messages sent, one per board per BATCH_WINDOW_MS at most.',
        value: batches.broadcastsSent,
      },
      {
        name: 'tally_broadcast_hold_seconds_total',
        type: 'counter',
        help: 'Over every counter:updated, how long its oldest change waited after its commit.',
        value: batches.broadcastHoldMsTotal / 1000,
      },
      {
        name: 'tally_boards_held',
        type: 'gauge',
        help: 'Boards whose committed changes wait for their broadcast window.',
        value: batches.boardsHeld,
      },
      {
        name: 'tally_ops_queued',
        type: 'gauge',
        help: 'Ops waiting for the next batch.',
        value: batches.queued,
      },
      {
        name: 'tally_ops_rejected_queue_full_total',
        type: 'counter',
        help: 'Ops refused because the queue was full.',
        value: batches.opsRejectedQueueFull,
      },
    ];
    return reply.type('text/plain; version=0.0.4; charset=utf-8').send(renderMetrics(metrics));
  });
};

export default fp(metricsPlugin, {
  name: 'metrics',
  dependencies: ['socket', 'presence', 'store', 'write-batcher'],
});
