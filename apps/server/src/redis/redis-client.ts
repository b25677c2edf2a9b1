import { type Command, Redis, type RedisOptions } from 'ioredis';

/** How long Redis may take to answer a store command before it is answered `unavailable` (the protocol promises < 2 s). */
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
 * A client whose command timeout measures Redis, not this process. ioredis' own `commandTimeout`
 * fails a command when its timer fires, however busy this process was meanwhile: in a connect
 * storm a node's event loop lagged by seconds, replies waited unread (megabytes of presence
 * lists behind each other), and joins answered `unavailable` while Redis was idle. Here a command
 * fails only when Redis has sent nothing on its connection for STORE_COMMAND_TIMEOUT_MS: any byte
 * from Redis, even part of another reply, shows that it is answering the commands ahead of this
 * one (it answers a connection's commands in order). Timers run before I/O, so an expired timer
 * first lets the loop read what has arrived (setImmediate runs after the poll phase) and only then
 * judges. A Redis that hangs, or a link that died without closing, still fails every command
 * after the timeout (after up to two when Redis went quiet in the middle of answering).
 */
class StoreRedis extends Redis {
  /** When Redis last sent this client anything (performance.now()). */
  private lastHeardAt = Number.NEGATIVE_INFINITY;

  constructor(
    url: string,
    options: RedisOptions,
    private readonly timeoutMs: number,
  ) {
    super(url, options);
    // Each (re)connection has a new stream.
    this.on('connect', () => {
      this.stream.on('data', () => {
        this.lastHeardAt = performance.now();
      });
    });
  }

  override sendCommand(...args: Parameters<Redis['sendCommand']>): unknown {
    const reply = super.sendCommand(...args);
    const [command] = args;
    // Refused at once (disconnected, no offline queue): nothing to time.
    if (!command.isResolved) this.timeOut(command);
    return reply;
  }

  private timeOut(command: Command): void {
    const expire = () => {
      if (command.isResolved) return;
      const silentFor = performance.now() - this.lastHeardAt;
      if (silentFor < this.timeoutMs) {
        timer = setTimeout(expire, this.timeoutMs - silentFor);
        return;
      }
      const expiredAt = performance.now();
      setImmediate(() => {
        if (command.isResolved) return;
        if (this.lastHeardAt >= expiredAt) timer = setTimeout(expire, this.timeoutMs);
        else command.reject(new Error('Command timed out'));
      });
    };
    let timer = setTimeout(expire, this.timeoutMs);
    const stop = () => clearTimeout(timer);
    command.promise.then(stop, stop);
  }
}

/**
 * A client for the store: it fails fast instead of queueing. While Redis is away every command is
 * refused at once (no offline queue), a command already sent is failed when the link drops
 * (maxRetriesPerRequest 0) or when Redis has not answered it within STORE_COMMAND_TIMEOUT_MS (see
 * StoreRedis), and nothing is silently re-sent on reconnect: the caller answers `unavailable` and
 * the client retries with the same opId. Reconnection itself never stops. Connect it with
 * `connect()` (lazyConnect).
 */
export function createStoreRedisClient({ url, name, onError }: RedisClientOptions): Redis {
  const options: RedisOptions = {
    connectionName: `tally-${name}`,
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    autoResendUnfulfilledCommands: false,
    connectTimeout: STORE_COMMAND_TIMEOUT_MS,
    retryStrategy: reconnectDelay,
  };
  return withErrorListener(new StoreRedis(url, options, STORE_COMMAND_TIMEOUT_MS), name, onError);
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
