import { Redis, type RedisOptions } from 'ioredis';

/** How long a store command may take before it is answered `unavailable` (the protocol promises < 2 s). */
export const STORE_COMMAND_TIMEOUT_MS = 1000;
/** Reconnection back-off: 100 ms, 200 ms, … capped at 1 s, forever. */
const MAX_RECONNECT_DELAY_MS = 1000;

/**
 * Called with the first error of each outage of a client (not once per failed reconnection
 * attempt); the client keeps reconnecting on its own.
 */
export type RedisErrorListener = (error: Error, client: string) => void;

export interface RedisClientOptions {
  url: string;
  /** Shown in errors and in `CLIENT LIST` (e.g. "store", "adapter"), so an operator sees who holds which link. */
  name: string;
  onError: RedisErrorListener;
}

function reconnectDelay(attempt: number): number {
  return Math.min(attempt * 100, MAX_RECONNECT_DELAY_MS);
}

/**
 * A client for the store: it fails fast instead of queueing. While Redis is away every command is
 * refused at once (no offline queue), a command already sent is failed when the link drops
 * (maxRetriesPerRequest 0) or after STORE_COMMAND_TIMEOUT_MS, and nothing is silently re-sent on
 * reconnect: the caller answers `unavailable` and the client retries with the same opId.
 * Reconnection itself never stops. Connect it with `connect()` (lazyConnect).
 */
export function createStoreRedisClient({ url, name, onError }: RedisClientOptions): Redis {
  return withErrorListener(
    new Redis(url, {
      connectionName: `tally-${name}`,
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      autoResendUnfulfilledCommands: false,
      commandTimeout: STORE_COMMAND_TIMEOUT_MS,
      connectTimeout: STORE_COMMAND_TIMEOUT_MS,
      retryStrategy: reconnectDelay,
    } satisfies RedisOptions),
    name,
    onError,
  );
}

/**
 * A client for the Socket.IO adapter. It must NOT use a short command timeout (the adapter blocks
 * in XREAD for seconds) nor refuse commands while disconnected (the adapter's read loop would spin):
 * commands wait in the offline queue across a few reconnection attempts, then fail, and the adapter
 * retries. Its duplicates (made by the adapter) inherit these options.
 *
 * lazyConnect makes the adapter wait until each duplicate is ready before using it. Otherwise a
 * namespace made while its subscriber is between connecting and ready (the Admin UI's `/admin`)
 * has its SUBSCRIBE written at once (ioredis lets it through then), the ready check's INFO is then
 * refused in subscriber mode, and the rejection is unhandled: a crash of the process.
 */
export function createAdapterRedisClient({ url, name, onError }: RedisClientOptions): Redis {
  return withErrorListener(
    new Redis(url, {
      connectionName: `tally-${name}`,
      lazyConnect: true,
      maxRetriesPerRequest: 20,
      retryStrategy: reconnectDelay,
    } satisfies RedisOptions),
    name,
    onError,
  );
}

function withErrorListener(client: Redis, name: string, onError: RedisErrorListener): Redis {
  // Without a listener ioredis prints every failed reconnection attempt to stderr; with one that
  // forwards each of them, an outage would log once a second per client.
  let reportedThisOutage = false;
  client.on('error', (error: Error) => {
    if (reportedThisOutage) return;
    reportedThisOutage = true;
    onError(error, name);
  });
  client.on('ready', () => {
    reportedThisOutage = false;
  });
  return client;
}
