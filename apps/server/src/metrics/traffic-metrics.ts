import type { ClientEventName, ErrorCode } from '@tally/events';
import { Histogram, type Registry } from 'prom-client';
import { type CountCell, createCellCounter } from './cell-counter.js';
import { LATENCY_BUCKETS_SECONDS } from './latency-buckets.js';

/**
 * The limits that refuse traffic, as `tally_refusals_total{limit}`: the per-socket event bucket,
 * the write queue, the HTTP rate limit, and the limits per client address.
 */
export const REFUSAL_LIMITS = [
  'socket_events',
  'write_queue',
  'http',
  'address_sockets',
  'address_events',
  'address_queue',
  'board_creates',
] as const;
export type RefusalLimit = (typeof REFUSAL_LIMITS)[number];

/** A client event's name as a label: a name outside the protocol is `unknown` (a client picks it). */
export type EventLabel = ClientEventName | 'unknown';
/** How an event was answered: `ok` or its error code. */
export type ResultCode = 'ok' | ErrorCode;

/** What clients ask of this node and how it answers them; every method is cheap enough for each event. */
export interface TrafficMetrics {
  /** Counts one client event by name and result (`tally_events_total`). */
  answered(event: EventLabel, code: ResultCode): void;
  /** A `counter:increment` acked ok over its socket; `receivedAt` is performance.now() at its arrival. */
  socketIncrementAcked(receivedAt: number): void;
  /** An HTTP increment answered ok, `elapsedMs` after its request arrived. */
  httpIncrementAcked(elapsedMs: number): void;
  /** Counts one event, request or handshake refused by a limit (`tally_refusals_total`). */
  refused(limit: RefusalLimit): void;
}

export function createTrafficMetrics(registry: Registry): TrafficMetrics {
  const events = createCellCounter(registry, {
    name: 'tally_events_total',
    help: 'Client events by name (unknown names as "unknown") and result code ("ok" or the error code).',
    labelNames: ['event', 'code'],
  });
  // Both labels take values from closed lists, so the cells stay few; made at their first use.
  const eventCells = new Map<EventLabel, Map<ResultCode, CountCell>>();

  const refusals = createCellCounter(registry, {
    name: 'tally_refusals_total',
    help: 'Events, requests and handshakes refused, by the limit that refused them.',
    labelNames: ['limit'],
  });
  const refusalCells = new Map(REFUSAL_LIMITS.map((limit) => [limit, refusals.cell({ limit })]));

  const acks = new Histogram({
    name: 'tally_ack_duration_seconds',
    help: 'Increments acked ok: from their arrival (socket event or HTTP request) until the ack is sent.',
    labelNames: ['transport'],
    buckets: [...LATENCY_BUCKETS_SECONDS],
    registers: [registry],
  });
  // Bound once, so that no label object is built per increment; zero() exports both from the start.
  const socketAcks = acks.labels('socket');
  const httpAcks = acks.labels('http');
  acks.zero({ transport: 'socket' });
  acks.zero({ transport: 'http' });

  return {
    answered(event, code) {
      let byCode = eventCells.get(event);
      if (!byCode) {
        byCode = new Map();
        eventCells.set(event, byCode);
      }
      let cell = byCode.get(code);
      if (!cell) {
        cell = events.cell({ event, code });
        byCode.set(code, cell);
      }
      cell.pending++;
    },
    socketIncrementAcked(receivedAt) {
      socketAcks.observe((performance.now() - receivedAt) / 1000);
    },
    httpIncrementAcked(elapsedMs) {
      httpAcks.observe(elapsedMs / 1000);
    },
    refused(limit) {
      (refusalCells.get(limit) as CountCell).pending++;
    },
  };
}
