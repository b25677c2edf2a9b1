import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Store } from '../store.js';
import { RestartingWorker } from './restarting-worker.js';
import type { SqliteStore, SqliteStoreOptions } from './sqlite-store.js';
import type { AsyncMethodName, MethodArgs, MethodResult } from './worker-proxy.js';

/**
 * The worker's module beside this one: sqlite-store-worker.ts next to this source under tsx or
 * Vitest, dist/sqlite-store-worker.js next to dist/main.js in the bundle.
 */
const WORKER_ENTRY = new URL(
  `./sqlite-store-worker${path.extname(fileURLToPath(import.meta.url))}`,
  import.meta.url,
);

export interface SqliteWorkerStoreOptions extends Omit<SqliteStoreOptions, 'now'> {
  /**
   * A clock for tests: read here at every call and shared with the worker (a function cannot
   * cross threads). Without it, the worker reads its own wall clock.
   */
  now?: () => number;
  /** Told when the worker dies on its own: calls answer `unavailable` until a new one is ready. */
  onCrash(error: Error, restartInMs: number): void;
  /** Told when a new worker took over after a crash. */
  onRestarted?(): void;
}

/** What the worker gets to open its SqliteStore. */
export interface SqliteWorkerData extends Omit<SqliteStoreOptions, 'now'> {
  /** One float64: the test clock's reading at the latest call. */
  clock?: SharedArrayBuffer;
}

/**
 * The SQLite store in a worker thread. better-sqlite3 is synchronous: run on the main thread,
 * every commit's fsync (synchronous=FULL) and every query stood the event loop still, so reading
 * frames and writing broadcasts waited for the disk. Here the same SqliteStore runs in a worker
 * and this class forwards each Store call to it; the main thread only awaits.
 */
export class SqliteWorkerStore implements Store {
  private readonly worker: RestartingWorker<SqliteStore>;
  private readonly now: (() => number) | undefined;
  private readonly clock: Float64Array | undefined;
  private closing: Promise<void> | undefined;

  constructor(options: SqliteWorkerStoreOptions) {
    const { now, onCrash, onRestarted, ...storeOptions } = options;
    const workerData: SqliteWorkerData = { ...storeOptions };
    if (now) {
      workerData.clock = new SharedArrayBuffer(Float64Array.BYTES_PER_ELEMENT);
      this.clock = new Float64Array(workerData.clock);
      this.now = now;
    }
    this.worker = new RestartingWorker<SqliteStore>({
      entry: WORKER_ENTRY,
      workerData,
      reopen: (worker) => worker.call('init'),
      onCrash,
      onRestarted: onRestarted ?? (() => {}),
    });
  }

  init: Store['init'] = () => this.call('init');
  ping: Store['ping'] = () => this.call('ping');
  serverSecret: Store['serverSecret'] = () => this.call('serverSecret');
  createBoard: Store['createBoard'] = (board) => this.call('createBoard', board);
  getBoard: Store['getBoard'] = (boardId) => this.call('getBoard', boardId);
  listPublicBoards: Store['listPublicBoards'] = (page) => this.call('listPublicBoards', page);
  createBoardWithCounters: Store['createBoardWithCounters'] = (board, counters) =>
    this.call('createBoardWithCounters', board, counters);
  listCounters: Store['listCounters'] = (boardId) => this.call('listCounters', boardId);
  getCounter: Store['getCounter'] = (counterId) => this.call('getCounter', counterId);
  createCounter: Store['createCounter'] = (counter, actor) => this.call('createCounter', counter, actor);
  renameCounter: Store['renameCounter'] = (counterId, name, actor) =>
    this.call('renameCounter', counterId, name, actor);
  configureCounter: Store['configureCounter'] = (counterId, changes, actor) =>
    this.call('configureCounter', counterId, changes, actor);
  deleteCounter: Store['deleteCounter'] = (counterId, actor) => this.call('deleteCounter', counterId, actor);
  applyOps: Store['applyOps'] = (ops) => this.call('applyOps', ops);
  getOp: Store['getOp'] = (opId) => this.call('getOp', opId);
  listActivity: Store['listActivity'] = (boardId, page) => this.call('listActivity', boardId, page);
  counterHistory: Store['counterHistory'] = (counterId, sinceMs) =>
    this.call('counterHistory', counterId, sinceMs);
  totalIncrements: Store['totalIncrements'] = () => this.call('totalIncrements');
  addChatMessage: Store['addChatMessage'] = (boardId, message) =>
    this.call('addChatMessage', boardId, message);
  recentChatMessages: Store['recentChatMessages'] = (boardId, limit) =>
    this.call('recentChatMessages', boardId, limit);
  chatMessagesBefore: Store['chatMessagesBefore'] = (boardId, before, limit) =>
    this.call('chatMessagesBefore', boardId, before, limit);

  /**
   * Closes the database, then ends the worker. It never fails: a worker that crashed, or whose
   * store never opened, has nothing left to close, and ending a worker mid-way leaves the file
   * as a process exit would (WAL recovers on the next open).
   */
  close(): Promise<void> {
    this.closing ??= this.call('close')
      .catch(() => {})
      .then(() => this.worker.terminate());
    return this.closing;
  }

  private call<K extends AsyncMethodName<SqliteStore>>(
    method: K,
    ...args: MethodArgs<SqliteStore, K>
  ): Promise<MethodResult<SqliteStore, K>> {
    if (this.clock && this.now) this.clock[0] = this.now();
    return this.worker.call(method, ...args);
  }
}
