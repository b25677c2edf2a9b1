import type {
  Ack,
  AckedClientEvent,
  ChatMessage,
  ClientPayload,
  Counter,
  ProtocolError,
  ServerEventName,
  ServerPayload,
} from '@tally/events';
import { chatMessageSchema, chatPageSchema, counterSchema } from '@tally/events/server-events';
import { io, type ManagerOptions, type SocketOptions } from 'socket.io-client';
import { createBoardMembership } from './boards/board-membership.js';
import { createBoardRegistry } from './boards/board-registry.js';
import type { BoardState } from './boards/board-state.js';
import {
  type BoardView,
  withCounterAdded,
  withCounterConfigured,
  withCounterRemoved,
  withCounterRenamed,
  withCounterRestored,
  withMessage,
} from './boards/board-view.js';
import { createLastKnownBoards } from './boards/last-known-boards.js';
import {
  type BrowserWindow,
  type ConnectionStatus,
  createConnectionStatus,
} from './connection/connection-status.js';
import { endSessionOnPagehide } from './connection/end-session-on-pagehide.js';
import { reconnectWithNewIdentity } from './connection/reconnect-with-new-identity.js';
import { fetchJson } from './http/fetch-json.js';
import { createIdentityKeeper, type Identity } from './identity/identity.js';
import { createOpSync, type OpRejectedListener, type OpSync } from './ops/op-sync.js';
import type { PendingOp } from './ops/pending-ops.js';
import { createPendingQueue } from './ops/pending-queue.js';
import type { UndoTarget } from './ops/undo-click.js';
import { createPointerSender, type PointerSender } from './presence/pointer-sender.js';
import type { ProtocolViolation } from './protocol/protocol-violation.js';
import { type AckOf, type RequestOptions, request } from './protocol/request.js';
import { createServerEventHub, type ServerEventListener } from './protocol/server-event-hub.js';
import { createStore, type ReadableStore } from './readable-store.js';
import type { TallySocket } from './socket.js';
import type { ClientStorage } from './storage/client-storage.js';
import { indexedDbStorage } from './storage/indexeddb-storage.js';
import { migrateLocalStorage } from './storage/local-storage-migration.js';
import { memoryStorage } from './storage/memory-storage.js';
import { resilientStorage } from './storage/resilient-storage.js';
import { createTabChannel } from './tabs/tab-channel.js';
import { electTabLeader } from './tabs/tab-leader.js';

export interface TallyClientOptions {
  /** The server's origin, e.g. `http://localhost:3000`. In a browser, the page's origin when omitted. */
  url?: string;
  /** The name to appear under (a bot's); a browser profile keeps the one its user chose. */
  name?: string;
  /** Start as this member (a stored `clientId` + `memberToken` pair); else the stored one, else a new one. */
  identity?: { clientId: string; memberToken: string };
  /** Where identity, names and pending ops live: IndexedDB in browsers, memory elsewhere by default. */
  storage?: ClientStorage;
  /** Passed to socket.io-client's `io()` (transports, reconnection, timeouts…). */
  socketOptions?: Partial<ManagerOptions & SocketOptions>;
  /** The key to join a board with (private boards, owner and viewer keys); none by default. */
  boardKey?(boardId: string): string | undefined;
  /**
   * A board refused the key `boardKey` gave (`forbidden`): forget it. When `boardKey` then gives
   * another key (or none, which opens a public board), the board is joined again with it at once.
   */
  onKeyRefused?(boardId: string, key: string): void;
  /** The role to assume while a board is shown from HTTP, its socket down (default `member`). */
  guessRole?(boardId: string): BoardView['role'];
  /** A server message failed the contract: it was dropped, never applied. */
  onProtocolError?(violation: ProtocolViolation): void;
  /** Something the user should know that is not an error of theirs (storage unavailable: memory only). */
  onWarning?(warning: string): void;
  /**
   * Measure the round trip every few seconds with `latency:probe` (default true). A load generator
   * running thousands of clients turns it off: the probes would be most of its traffic.
   */
  measureLatency?: boolean;
  /** Coordinate with the other tabs of this browser profile (default: when Web Locks exist). */
  tabs?: boolean;
  fetch?: typeof fetch;
}

type Stats = ServerPayload<'stats'>;

/** Every failure of a command, with the protocol's code. */
export type CommandResult<T extends object> = Ack<T>;

export interface TallyClient {
  readonly socket: TallySocket;
  /** Connected (with its round trip), reconnecting n, or offline and why. */
  readonly connection: ReadableStore<ConnectionStatus>;
  /** Who this client is (clientId, memberToken) and its names. */
  readonly identity: ReadableStore<Identity>;
  /** Server-wide figures from `stats` (undefined until the first arrives). */
  readonly stats: ReadableStore<Stats | undefined>;
  /** Every op of the profile the server has not confirmed yet (all tabs'), oldest first. */
  readonly pendingOps: ReadableStore<readonly PendingOp[]>;
  /** How many server messages were dropped for failing the contract. */
  readonly protocolErrors: ReadableStore<number>;
  /** Resolves once stored identity and pending ops are loaded (commands work before it too). */
  readonly ready: Promise<void>;

  /** Shows a board: joins it (and again after a reconnect) and keeps its state until released. */
  openBoard(boardId: string): () => void;
  /** The board's state; the same object until it changes. */
  getBoard(boardId: string): BoardState;
  subscribeBoard(boardId: string, listener: () => void): () => void;
  /** Resolves with the board's view once loaded (open it first); rejects on a final error. */
  boardReady(boardId: string): Promise<BoardView>;
  /**
   * The key `boardKey` gives for a shown board changed (a link opened in the same tab): joins it
   * again with that key, after a refusal too. A load still on its way is superseded.
   */
  rejoinBoard(boardId: string): void;

  /** Queued, optimistic, exactly once: returns the opId. */
  increment(boardId: string, counterId: string, by?: number): string;
  reset(boardId: string, counterId: string): string;
  /** Takes back one click (an increment this client made). */
  undo(click: UndoTarget): 'dropped' | 'queued';
  /** Called for each op this tab made that the server refused for good (rolled back). */
  onOpRejected(listener: OpRejectedListener): () => void;

  createCounter(
    boardId: string,
    input: Omit<ClientPayload<'counter:create'>, 'boardId'>,
  ): Promise<AckOf<'counter:create'>>;
  /** Shown at once; rolled back if refused (unless someone renamed it since). */
  renameCounter(boardId: string, counterId: string, name: string): Promise<AckOf<'counter:rename'>>;
  /** Removed at once; put back where it was if refused. */
  deleteCounter(boardId: string, counterId: string): Promise<AckOf<'counter:delete'>>;
  configureCounter(
    boardId: string,
    counterId: string,
    changes: Omit<ClientPayload<'counter:configure'>, 'counterId'>,
  ): Promise<AckOf<'counter:configure'>>;
  sendChat(boardId: string, text: string): Promise<AckOf<'chat:send'>>;
  /**
   * A page of the board's chat before the message `before` (the latest without it), oldest first,
   * checked against the contract; the board must be open. The page is not added to the board.
   */
  chatHistory(
    boardId: string,
    page?: Omit<ClientPayload<'chat:history'>, 'boardId'>,
  ): Promise<AckOf<'chat:history'>>;
  /** Points at a counter of the board for the others (null: at none); volatile, never queued. */
  point(boardId: string, counterId: string | null): void;
  /** Any acknowledged event of the protocol, typed, with a timeout (`unavailable` when offline or late). */
  request<E extends AckedClientEvent>(
    event: E,
    payload: ClientPayload<E>,
    options?: RequestOptions,
  ): Promise<AckOf<E>>;

  /** Listens to a server event; only payloads that passed the contract arrive. */
  on<E extends ServerEventName>(event: E, listener: ServerEventListener<E>): () => void;
  /** Every connection, with whether the server recovered the session (nothing missed). */
  onConnect(listener: (recovered: boolean) => void): () => void;
  /** Every event sent and received, as on the wire (a developer's inspector). */
  onAnyEvent(listener: (direction: 'in' | 'out', event: string, args: unknown[]) => void): () => void;
  /** Stores the name the user chose; the socket reconnects so that everyone sees it. */
  setName(name: string): void;
  /** A Tally HTTP API path (`/api/…`) as a URL of this client's server. */
  apiUrl(path: string): string;
  close(): void;
}

function browserWindow(): (BrowserWindow & Window) | undefined {
  return typeof window === 'undefined' ? undefined : window;
}

function defaultStorage(): ClientStorage {
  return typeof indexedDB === 'undefined' ? memoryStorage() : indexedDbStorage();
}

function localStorageOrNull(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

/** A user-facing failure of a command that never reached the server. */
const unreadable = (event: string): { ok: false; error: ProtocolError } => ({
  ok: false,
  error: { code: 'unavailable', message: `The server's answer to ${event} could not be read.` },
});

/**
 * Creates the client: one socket (connected once the stored identity is read), the state of the
 * boards it opens, the profile's pending ops, and every command of the protocol.
 */
export function createTallyClient(options: TallyClientOptions = {}): TallyClient {
  const win = browserWindow();
  const fetcher = options.fetch ?? globalThis.fetch.bind(globalThis);
  const base = options.url ?? win?.location.origin ?? 'http://localhost';
  const apiUrl = (path: string) => new URL(path, base).toString();
  const warn = (warning: string) => options.onWarning?.(warning);

  const storage = resilientStorage(options.storage ?? defaultStorage(), warn);
  const migrated =
    options.storage === undefined ? migrateLocalStorage(storage, localStorageOrNull()) : Promise.resolve();
  const coordinate = options.tabs ?? (typeof navigator !== 'undefined' && navigator.locks !== undefined);
  const channel = createTabChannel(coordinate ? 'tally' : null);
  const leadership = electTabLeader(coordinate ? {} : { locks: undefined });

  const protocolErrors = createStore(0);
  const reporter = {
    report(violation: ProtocolViolation) {
      protocolErrors.set(protocolErrors.get() + 1);
      options.onProtocolError?.(violation);
    },
  };

  const identityKeeper = createIdentityKeeper({
    storage,
    channel,
    initial: {
      ...(options.identity === undefined ? {} : { identity: options.identity }),
      ...(options.name === undefined ? {} : { name: options.name }),
    },
    notBefore: migrated,
    onChangedElsewhere: () => reconnectWithNewIdentity(socket),
  });
  const identityReady = identityKeeper.ready;

  const wantsAutoConnect = options.socketOptions?.autoConnect ?? true;
  const socketOptions: Partial<ManagerOptions & SocketOptions> = {
    ...options.socketOptions,
    autoConnect: false,
    // Read at every (re)connection, so a new name or identity travels with the next handshake.
    auth: (send) => {
      void identityReady.then(() => send(identityKeeper.handshakeAuth()));
    },
  };
  // Without a URL, socket.io-client connects to the page's own origin.
  const socket: TallySocket = options.url === undefined ? io(socketOptions) : io(options.url, socketOptions);
  const hub = createServerEventHub(socket, reporter);
  const connection = createConnectionStatus(socket, win, { measureLatency: options.measureLatency ?? true });
  const membership = createBoardMembership();
  const getJson = <T>(path: string, headers: Record<string, string>) =>
    fetchJson<T>(apiUrl(path), { headers }, fetcher);
  const postJson = <T>(path: string, body: unknown, headers: Record<string, string>) =>
    fetchJson<T>(apiUrl(path), { method: 'POST', body: JSON.stringify(body), headers }, fetcher);
  const boardKey = options.boardKey ?? (() => undefined);
  const lastKnown = createLastKnownBoards({ storage, now: () => Date.now() });

  const boards = createBoardRegistry({
    socket,
    hub,
    membership,
    reporter,
    getJson,
    boardKey,
    guessRole: options.guessRole ?? (() => 'member'),
    handshakeReady: identityReady,
    now: () => Date.now(),
    selfId: () => identityKeeper.identity.get().clientId,
    onKeyRefused: options.onKeyRefused,
    lastKnown,
    isOffline: () => win !== undefined && !win.navigator.onLine,
  });
  const queue = createPendingQueue(storage, channel);
  // Clicks an older version of the app left in localStorage join the queue once they are moved.
  void migrated.then(() => queue.reload());
  let closed = false;
  let opSync: OpSync | undefined;
  /** The op sync, made when first needed (see below). */
  function ops(): OpSync {
    if (opSync === undefined) {
      opSync = createOpSync({ socket, queue, channel, leadership, membership, boards, boardKey, postJson });
      if (closed) opSync.dispose();
    }
    return opSync;
  }
  // Tabs that share the queue hand it over and tell each other about it: a tab follows them from
  // the start. A lone client's op sync has nothing to do until an op is queued (a stored one once
  // read, or a new one), so it is made then: a load generator's thousands of clients, which send
  // their increments as plain requests, never make one.
  if (coordinate) ops();
  // Made on the first point, for the same reason: until then it holds nothing and does nothing.
  let pointers: PointerSender | undefined;

  const stats = createStore<Stats | undefined>(undefined);
  const connectListeners = new Set<(recovered: boolean) => void>();
  const offs = [
    queue.subscribe(() => {
      if (queue.getOps().length > 0) ops();
    }),
    hub.on('hello', (hello) => identityKeeper.adoptHello(hello)),
    hub.on('stats', (next) => stats.set(next)),
  ];
  socket.on('connect', () => {
    const recovered = socket.recovered;
    boards.onConnect(recovered);
    opSync?.onConnect();
    for (const listener of [...connectListeners]) listener(recovered);
  });
  socket.on('disconnect', () => {
    boards.onDisconnect();
    opSync?.onDisconnect();
  });
  if (win !== undefined) {
    endSessionOnPagehide(socket, win);
    // The boards' latest views are written now rather than within the second: the page is going.
    win.addEventListener('pagehide', () => void lastKnown.flush());
  }

  const ready = Promise.all([identityReady, queue.ready]).then(() => undefined);
  // At once: Engine.IO's handshake runs while the stored identity is read; only the Socket.IO
  // CONNECT packet waits for it (the auth callback above).
  if (wantsAutoConnect && (win === undefined || win.navigator.onLine)) socket.connect();

  const pendingOps: ReadableStore<readonly PendingOp[]> = { get: queue.getOps, subscribe: queue.subscribe };

  /** An ack whose result will change state, checked against the contract first. */
  function checked<T extends object>(event: string, ack: Ack<T>, valid: (result: T) => boolean): Ack<T> {
    if (!ack.ok || valid(ack)) return ack;
    reporter.report({
      event: `ack:${event}`,
      reason: 'schema',
      message: 'the result does not match the contract',
      payload: ack,
    });
    return unreadable(event);
  }
  const isCounter = (result: { counter: Counter }) => counterSchema.safeParse(result.counter).success;
  const isMessage = (result: { message: ChatMessage }) => chatMessageSchema.safeParse(result.message).success;
  const isChatPage = (result: object) => chatPageSchema.safeParse(result).success;

  return {
    socket,
    connection,
    identity: identityKeeper.identity,
    stats,
    pendingOps,
    protocolErrors,
    ready,
    openBoard: (boardId) => boards.open(boardId),
    getBoard: (boardId) => boards.get(boardId),
    subscribeBoard: (boardId, listener) => boards.subscribe(boardId, listener),
    boardReady: (boardId) => boards.ready(boardId),
    rejoinBoard: (boardId) => boards.rejoin(boardId),
    increment: (boardId, counterId, by = 1) => ops().increment(boardId, counterId, by),
    reset: (boardId, counterId) => ops().reset(boardId, counterId),
    undo: (click) => ops().undo(click),
    onOpRejected: (listener) => ops().onRejected(listener),

    async createCounter(boardId, input) {
      const ack = checked(
        'counter:create',
        await request(socket, 'counter:create', { boardId, ...input }),
        isCounter,
      );
      if (ack.ok) boards.updateView(boardId, (view) => withCounterAdded(view, ack.counter));
      return ack;
    },
    async renameCounter(boardId, counterId, name) {
      const previous = boards.get(boardId).view?.board.counters.find((counter) => counter.id === counterId);
      boards.updateView(boardId, (view) => withCounterRenamed(view, counterId, name));
      const ack = checked(
        'counter:rename',
        await request(socket, 'counter:rename', { counterId, name }),
        isCounter,
      );
      // Roll back only our own optimistic name: someone else's later rename stays.
      if (!ack.ok && previous !== undefined)
        boards.updateView(boardId, (view) =>
          view.board.counters.find((counter) => counter.id === counterId)?.name === name
            ? withCounterRenamed(view, counterId, previous.name)
            : view,
        );
      return ack;
    },
    async deleteCounter(boardId, counterId) {
      const counters = boards.get(boardId).view?.board.counters ?? [];
      const index = counters.findIndex((counter) => counter.id === counterId);
      const counter = counters[index];
      boards.updateView(boardId, (view) => withCounterRemoved(view, counterId));
      const ack = await request(socket, 'counter:delete', { counterId });
      if (!ack.ok && counter !== undefined)
        boards.updateView(boardId, (view) => withCounterRestored(view, counter, index));
      return ack;
    },
    async configureCounter(boardId, counterId, changes) {
      const ack = checked(
        'counter:configure',
        await request(socket, 'counter:configure', { counterId, ...changes }),
        isCounter,
      );
      if (ack.ok) boards.updateView(boardId, (view) => withCounterConfigured(view, ack.counter));
      return ack;
    },
    async sendChat(boardId, text) {
      const ack = checked('chat:send', await request(socket, 'chat:send', { boardId, text }), isMessage);
      // The broadcast copy of the message is then ignored (each message id once).
      if (ack.ok) boards.updateView(boardId, (view) => withMessage(view, ack.message));
      return ack;
    },
    async chatHistory(boardId, page = {}) {
      return checked('chat:history', await request(socket, 'chat:history', { boardId, ...page }), isChatPage);
    },
    point(boardId, counterId) {
      if (closed) return;
      pointers ??= createPointerSender({
        socket,
        hub,
        membership,
        mayPoint: (pointedBoard) => boards.get(pointedBoard).view?.role !== 'viewer',
      });
      pointers.point(boardId, counterId);
    },
    request: (event, payload, requestOptions) => request(socket, event, payload, requestOptions),
    on: (event, listener) => hub.on(event, listener),
    onConnect(listener) {
      connectListeners.add(listener);
      return () => {
        connectListeners.delete(listener);
      };
    },
    onAnyEvent(listener) {
      const incoming = (event: string, ...args: unknown[]) => listener('in', event, args);
      const outgoing = (event: string, ...args: unknown[]) => listener('out', event, args);
      socket.onAny(incoming);
      socket.onAnyOutgoing(outgoing);
      return () => {
        socket.offAny(incoming);
        socket.offAnyOutgoing(outgoing);
      };
    },
    setName(name) {
      if (identityKeeper.setName(name)) reconnectWithNewIdentity(socket);
    },
    apiUrl,
    close() {
      closed = true;
      for (const off of offs) off();
      opSync?.dispose();
      pointers?.dispose();
      boards.dispose();
      // What waits is written still: a bot or a test closing its client keeps its boards too.
      void lastKnown.flush();
      hub.dispose();
      queue.dispose();
      identityKeeper.dispose();
      leadership.close();
      channel.close();
      socket.disconnect();
    },
  };
}
