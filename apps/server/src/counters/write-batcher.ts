// Interface sketch, to be implemented (framework-free; no Fastify or Socket.IO imports here).
import type { CounterUpdate } from '@tally/events';
import type { CounterOp, OpOutcome, Store } from '../store/store.js';

export interface WriteBatcherOptions {
  store: Store;
  /** How long to gather ops before a flush; 0 = flush at the end of the current event-loop turn. */
  windowMs: number;
  /** Called once per flush with, per board, the latest value+version of each counter that changed. */
  onCommitted(updatesByBoard: Map<string, CounterUpdate[]>): void;
}

export interface WriteBatcher {
  /** Queues an op; resolves with its outcome after the batch holding it is durable. */
  submit(op: CounterOp): Promise<OpOutcome>;
  /** Flushes what is queued and waits for it (used at shutdown). */
  drain(): Promise<void>;
}
