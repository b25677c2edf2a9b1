import type { ReadableStore } from '../readable-store.js';
import type { TallySocket } from '../socket.js';

/**
 * The connection as the user sees it: one value, never a set of loose booleans. `connecting` is
 * only the page's first attempt: once connected, a lost link is always `reconnecting` or `offline`.
 */
export type ConnectionStatus =
  | { kind: 'connecting' }
  | { kind: 'connected'; rttMs: number | null }
  | { kind: 'reconnecting'; attempt: number }
  | { kind: 'offline'; reason: 'browser-offline' | 'refused' | 'gave-up' | 'closed'; detail?: string };

export type ConnectionStatusStore = ReadableStore<ConnectionStatus>;

/** What the status reads of a browser window; absent in Node, where only the socket tells. */
export type BrowserWindow = Pick<Window, 'addEventListener'> & { navigator: { onLine: boolean } };

const PROBE_INTERVAL_MS = 5_000;
const PROBE_TIMEOUT_MS = 5_000;
/** Wait before reconnecting after the server closed the socket (it is usually restarting). */
const SERVER_CLOSE_RETRY_MS = 1_000;
/**
 * A handshake refused as `rate_limited` (too many sockets from this address: a crowd behind one
 * NAT) is retryable, but socket.io gives up on any middleware refusal: retry ourselves, after a
 * wait that doubles up to a ceiling and is spread (±50 %) so that a room does not return at once.
 */
const RATE_LIMITED_RETRY_BASE_MS = 2_000;
const RATE_LIMITED_RETRY_MAX_MS = 60_000;

function rateLimitedRetryDelay(attempt: number): number {
  const ceiling = Math.min(RATE_LIMITED_RETRY_MAX_MS, RATE_LIMITED_RETRY_BASE_MS * 2 ** (attempt - 1));
  return ceiling * (0.5 + Math.random());
}

/**
 * Derives the status from the socket's own events and the manager's (`socket.io`), measures the
 * round trip with `latency:probe`, and follows the browser's `offline`/`online` events: the
 * user sees "Offline" at once instead of after a ping timeout, and clicks queue up meanwhile.
 */
export function createConnectionStatus(
  socket: TallySocket,
  win: BrowserWindow | undefined,
  options: { measureLatency?: boolean } = {},
): ConnectionStatusStore {
  const measureLatency = options.measureLatency ?? true;
  const listeners = new Set<() => void>();
  let browserOffline = win !== undefined && !win.navigator.onLine;
  let status: ConnectionStatus = browserOffline
    ? { kind: 'offline', reason: 'browser-offline' }
    : socket.connected
      ? { kind: 'connected', rttMs: null }
      : { kind: 'connecting' };
  let probeTimer: ReturnType<typeof setInterval> | null = null;
  /** Whether this page has been connected yet: "Connecting…" is only ever shown before that. */
  let everConnected = socket.connected;
  /** Handshakes refused as `rate_limited` in a row: the retry waits longer each time. */
  let rateLimitedAttempts = 0;

  function set(next: ConnectionStatus): void {
    status = next;
    for (const listener of listeners) listener();
  }

  function probe(): void {
    if (!measureLatency) return;
    const sentAt = performance.now();
    socket
      .timeout(PROBE_TIMEOUT_MS)
      .emitWithAck('latency:probe', { t: sentAt })
      .then((answer) => {
        if (!answer.ok || status.kind !== 'connected') return;
        set({ kind: 'connected', rttMs: Math.max(0, Math.round(performance.now() - answer.t)) });
      })
      .catch(() => {
        // No answer in time: the next probe (or a disconnect) tells the rest.
      });
  }

  function stopProbing(): void {
    if (probeTimer !== null) clearInterval(probeTimer);
    probeTimer = null;
  }

  socket.on('connect', () => {
    everConnected = true;
    rateLimitedAttempts = 0;
    set({ kind: 'connected', rttMs: null });
    stopProbing();
    probe();
    if (measureLatency) probeTimer = setInterval(probe, PROBE_INTERVAL_MS);
  });

  socket.on('disconnect', (reason) => {
    stopProbing();
    if (browserOffline) {
      set({ kind: 'offline', reason: 'browser-offline' });
    } else if (reason === 'io server disconnect') {
      // The server closed this socket itself, typically because it is shutting down for a
      // restart. socket.io does not retry after that on its own; we do, and the manager's
      // backoff takes over if the server is not back yet.
      set({ kind: 'reconnecting', attempt: 1 });
      setTimeout(() => {
        if (!socket.connected && !browserOffline) socket.connect();
      }, SERVER_CLOSE_RETRY_MS);
    } else if (socket.active) {
      set({ kind: 'reconnecting', attempt: 1 });
    } else {
      // This tab closed the socket itself. A rename reconnects in the same breath
      // (`disconnect().connect()`), so look once that has run; anything else stays closed.
      queueMicrotask(() => {
        if (socket.connected || browserOffline) return;
        set(socket.active ? { kind: 'reconnecting', attempt: 1 } : { kind: 'offline', reason: 'closed' });
      });
    }
  });

  socket.on('connect_error', (error) => {
    if (browserOffline) return;
    if (!socket.active && error.message === 'rate_limited') {
      rateLimitedAttempts++;
      set({ kind: 'reconnecting', attempt: rateLimitedAttempts });
      setTimeout(() => {
        if (!socket.connected && !socket.active && !browserOffline) socket.connect();
      }, rateLimitedRetryDelay(rateLimitedAttempts));
    }
    // Not active any more: the server refused the handshake (bad auth); socket.io will not retry.
    else if (!socket.active) set({ kind: 'offline', reason: 'refused', detail: error.message });
    else if (status.kind !== 'reconnecting') set({ kind: 'reconnecting', attempt: 1 });
  });

  socket.io.on('reconnect_attempt', (attempt) => {
    if (!browserOffline) set({ kind: 'reconnecting', attempt });
  });
  socket.io.on('reconnect_failed', () => set({ kind: 'offline', reason: 'gave-up' }));

  win?.addEventListener('offline', () => {
    browserOffline = true;
    // Closing the socket ourselves: the link may look open for a while after the network is gone.
    socket.disconnect();
    set({ kind: 'offline', reason: 'browser-offline' });
  });

  win?.addEventListener('online', () => {
    browserOffline = false;
    // An `online` without a preceding `offline` (a network change) may find the link still up.
    if (socket.connected) {
      set({ kind: 'connected', rttMs: null });
      probe();
      return;
    }
    // A page that loaded offline has not been connected yet: its first attempt starts now.
    set(everConnected ? { kind: 'reconnecting', attempt: 1 } : { kind: 'connecting' });
    socket.connect();
  });

  return {
    get: () => status,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** The badge text: the e2e tests and screen readers rely on these beginnings. */
export function describeStatus(status: ConnectionStatus): string {
  switch (status.kind) {
    case 'connected':
      return status.rttMs === null ? 'Connected' : `Connected · ${status.rttMs} ms`;
    case 'reconnecting':
      return `Reconnecting (attempt ${status.attempt})`;
    case 'connecting':
      // Before the page's first connection only (not one of the three texts of a lost link).
      return 'Connecting…';
    case 'offline':
      return 'Offline';
  }
}
