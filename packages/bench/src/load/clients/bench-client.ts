import type { ValueLog } from './value-log.js';

/** Where and how a load client talks to one target. */
export type ClientTarget =
  /** Client number n increments (and watches) `counterIds[n % counterIds.length]`. */
  | { protocol: 'tally'; url: string; boardId: string; counterIds: string[] }
  | { protocol: 'socket.io-counter'; url: string }
  | { protocol: 'ws-counter'; url: string };

/** One simulated person, whatever the target's protocol. */
export interface BenchClient {
  /** Connects (and joins the board); resolves once the client holds the current value. */
  connect(): Promise<void>;
  /** Sends one increment of 1 now; resolves with the version it produced once acknowledged. */
  increment(): Promise<number>;
  readonly log: ValueLog;
  /** True from a successful connect until the link drops. */
  readonly connected: boolean;
  /** How many times the link dropped after connecting. */
  readonly disconnects: number;
  close(): void;
}

export interface BenchClientOptions {
  /** Unique per client across the whole run (becomes the Tally clientId and opId prefix). */
  clientId: string;
  /** Position among all clients of the run, across workers. */
  clientNumber: number;
  connectTimeoutMs: number;
  ackTimeoutMs: number;
}
