// Shared by the write-path tests: real socket.io-client sockets sending pipelined increments
// and recording exactly which ones the server acknowledged.
import { randomUUID } from 'node:crypto';
import type { BoardSnapshot, ClientToServerEvents, CounterUpdate, ServerToClientEvents } from '@tally/events';
import { isRetryable } from '@tally/events';
import { io, type Socket } from 'socket.io-client';

const RETRY_BACKOFF_MS = 20;

export type TallySocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface SentIncrement {
  opId: string;
  counterId: string;
  by: number;
}

export interface AckedIncrement extends SentIncrement {
  value: number;
  version: number;
}

/** Connects one websocket-only socket, a member of its own (the server gives it a clientId); resolves on `hello`. */
export async function connectSocket(
  url: string,
  options: { reconnection?: boolean } = {},
): Promise<TallySocket> {
  const socket: TallySocket = io(url, {
    transports: ['websocket'],
    reconnection: options.reconnection ?? false,
    forceNew: true,
    auth: { name: 'Load' },
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('hello', () => resolve());
    socket.once('connect_error', reject);
  });
  return socket;
}

/** Joins a board; returns the snapshot the ack carries (fails the test on an error ack). */
export async function joinBoard(socket: TallySocket, boardId: string): Promise<BoardSnapshot> {
  const ack = await socket.timeout(10_000).emitWithAck('board:join', { boardId });
  if (!ack.ok) throw new Error(`board:join ${boardId} failed: ${ack.error.code} ${ack.error.message}`);
  return ack.board;
}

/** A random `by` in −1000…1000, never 0. */
export function randomBy(): number {
  const magnitude = 1 + Math.floor(Math.random() * 1000);
  return Math.random() < 0.5 ? -magnitude : magnitude;
}

/** Remembers, per counter, the highest-version `counter:updated` entry a socket has seen. */
export function trackLatestUpdates(socket: TallySocket): Map<string, CounterUpdate> {
  const latest = new Map<string, CounterUpdate>();
  socket.on('counter:updated', ({ updates }) => {
    for (const update of updates) {
      const known = latest.get(update.counterId);
      if (!known || update.version > known.version) latest.set(update.counterId, update);
    }
  });
  return latest;
}

/** Resolves once `latest` (from trackLatestUpdates on this socket) holds `version` of the counter or a later one. */
export function waitForVersion(
  socket: TallySocket,
  latest: ReadonlyMap<string, CounterUpdate>,
  counterId: string,
  version: number,
): Promise<void> {
  const reached = () => (latest.get(counterId)?.version ?? -1) >= version;
  if (reached()) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off('counter:updated', check);
      reject(new Error(`version ${version} of ${counterId} never arrived`));
    }, 10_000);
    // Registered after trackLatestUpdates' listener, so `latest` is up to date when it runs.
    const check = () => {
      if (!reached()) return;
      clearTimeout(timer);
      socket.off('counter:updated', check);
      resolve();
    };
    socket.on('counter:updated', check);
  });
}

export interface IncrementLoadOptions {
  counterId: string;
  /** How many increments to send; Infinity = until `shouldStop` says so. */
  count: number;
  /** At most this many increments awaiting their ack at once. */
  inFlight: number;
  /** Checked before each new send. */
  shouldStop?: () => boolean;
  /** Told about every increment when it is handed to the socket (before any ack). */
  onSent?: (op: SentIncrement) => void;
  onAcked?: (op: AckedIncrement) => void;
}

/**
 * Sends `count` increments with random `by` and unique opIds, keeping at most `inFlight`
 * unacknowledged. A retryable refusal (rate_limited, unavailable) is resent with the SAME opId,
 * as the protocol says a client should. Resolves when every send was acked or the socket went
 * away (its ack then rejects: that increment stays un-acked).
 */
export async function runIncrementLoad(
  socket: TallySocket,
  options: IncrementLoadOptions,
): Promise<AckedIncrement[]> {
  const acked: AckedIncrement[] = [];
  let sent = 0;
  const nextOp = (): SentIncrement | null => {
    if (sent >= options.count || options.shouldStop?.() || !socket.connected) return null;
    sent++;
    return { opId: `op-${randomUUID()}`, counterId: options.counterId, by: randomBy() };
  };

  async function lane(): Promise<void> {
    for (let op = nextOp(); op; op = nextOp()) {
      options.onSent?.(op);
      for (;;) {
        let ack: Awaited<ReturnType<typeof sendIncrement>>;
        try {
          ack = await sendIncrement(socket, op);
        } catch {
          return; // disconnected or timed out: un-acked, and this lane ends
        }
        if (ack.ok) {
          const result = { ...op, value: ack.value, version: ack.version };
          acked.push(result);
          options.onAcked?.(result);
          break;
        }
        if (!isRetryable(ack.error.code)) {
          throw new Error(`increment ${op.opId} refused: ${ack.error.code} ${ack.error.message}`);
        }
        // Back off as a polite client would before sending the same opId again.
        await new Promise((resolve) => setTimeout(resolve, RETRY_BACKOFF_MS));
      }
    }
  }

  await Promise.all(Array.from({ length: options.inFlight }, lane));
  return acked;
}

/** One `counter:increment` with its ack (rejects if the socket disconnects first). */
export function sendIncrement(socket: TallySocket, op: SentIncrement) {
  return socket
    .timeout(15_000)
    .emitWithAck('counter:increment', { counterId: op.counterId, by: op.by, opId: op.opId });
}
