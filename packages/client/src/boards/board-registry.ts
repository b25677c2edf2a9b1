import type { ServerPayload } from '@tally/events';
import {
  type CounterEventKind,
  counterEvent,
  type KnownCounters,
  type LiveEvent,
  presenceEvents,
  updateEvents,
  withLiveEvents,
} from '../activity/live-activity.js';
import { presenceActivity } from '../activity/presence-activity.js';
import { ApiError } from '../http/fetch-json.js';
import { withoutDeparted } from '../presence/board-presence.js';
import { request } from '../protocol/request.js';
import type { ServerEventHub } from '../protocol/server-event-hub.js';
import { type BoardLoaderDeps, KeyRefusedError, loadBoard } from './board-loader.js';
import { type BoardState, LOADING_BOARD } from './board-state.js';
import {
  type BoardView,
  mergeBoardView,
  withCounterAdded,
  withCounterConfigured,
  withCounterRemoved,
  withCounterRenamed,
  withCounterUpdates,
  withMessage,
  withPresenceSummary,
} from './board-view.js';
import type { LastKnownBoard, LastKnownBoards } from './last-known-boards.js';

/** Errors after which loading again cannot help: the board says so instead of retrying. */
const FINAL_CODES = new Set(['forbidden', 'not_found', 'invalid_payload']);

export function isFinalLoadError(error: unknown): boolean {
  return error instanceof ApiError && FINAL_CODES.has(error.code);
}

/**
 * How far one update may move a counter's version past the one this client holds. Updates are
 * merged over a few milliseconds and a recovered session replays them one by one, so a real leap
 * stays far below this; a version beyond it can only be wrong, and keeping it (the highest
 * version wins) would freeze the counter for good.
 */
export const MAX_VERSION_LEAP = 1_000_000;

const retryDelayMs = (failures: number) => Math.min(500 * 2 ** failures, 5_000);

interface Entry {
  state: BoardState;
  /** What the live feed knows of each counter: moved on by events only, so each change is told once. */
  known: KnownCounters;
  /** Every counter id this board ever had here, deleted ones too (events about those are late, not wrong). */
  everKnown: Set<string>;
  loading: boolean;
  /** Moved on by a rejoin: a load started before it is superseded, and its result dropped. */
  generation: number;
  retryTimer: ReturnType<typeof setTimeout> | null;
  /** The board as this browser last saw it, once read from storage (if it was ever seen). */
  lastKnown: LastKnownBoard | undefined;
}

export interface BoardRegistry {
  get(boardId: string): BoardState;
  subscribe(boardId: string, listener: () => void): () => void;
  /** Shows the board: loads (joins) it and keeps it current until the returned release. */
  open(boardId: string): () => void;
  /** Resolves with the view once loaded; rejects on a final error. */
  ready(boardId: string): Promise<BoardView>;
  /** Loads the board again unless a load is already on its way (a join was lost). */
  reload(boardId: string): void;
  /**
   * Joins the shown board again with the key `boardKey` gives now (it changed: a link opened in
   * the same tab), after a final refusal too; a load still on its way is superseded.
   */
  rejoin(boardId: string): void;
  /** Changes the view (an optimistic change or an ack's result); nothing when the board is not loaded. */
  updateView(boardId: string, change: (view: BoardView) => BoardView): void;
  /** The socket (re)connected: leave what is no longer shown, join what is shown and not joined. */
  onConnect(recovered: boolean): void;
  onDisconnect(): void;
  dispose(): void;
}

export interface BoardRegistryDeps extends BoardLoaderDeps {
  hub: ServerEventHub;
  /** This user's clientId (their own arrival is no news to them). */
  selfId(): string;
  /** The board refused this key (`forbidden`): forget it. Another key `boardKey` gives then is tried at once. */
  onKeyRefused?(boardId: string, key: string): void;
  /** Where each board's latest view is kept, to show while the server cannot be reached. */
  lastKnown?: LastKnownBoards;
  /** The device says it has no network: the last known view shows at once, not after a failed load. */
  isOffline?(): boolean;
}

/**
 * The boards this client shows, each with its state, kept current by the (validated) server
 * events of its room. The one place where joins, rejoins after a reconnect, and leaves happen.
 */
export function createBoardRegistry(deps: BoardRegistryDeps): BoardRegistry {
  const { hub, membership, reporter, socket } = deps;
  const entries = new Map<string, Entry>();
  /** Subscribers per board, kept while the board is closed too (a page may subscribe before it opens). */
  const listeners = new Map<string, Set<() => void>>();

  function setState(boardId: string, entry: Entry, next: BoardState): void {
    if (next === entry.state) return;
    const before = entry.state.view;
    entry.state = next;
    if (next.view !== undefined && next.view !== before && next.lastKnownAt === undefined)
      deps.lastKnown?.remember(next.view);
    for (const listener of [...(listeners.get(boardId) ?? [])]) listener();
  }

  /** A new view for the board, with what its change means for the live feed and the pointers. */
  function setView(
    boardId: string,
    entry: Entry,
    view: BoardView,
    extraLive: readonly LiveEvent[] = [],
  ): void {
    const state = entry.state;
    const before = state.view;
    if (view === before && extraLive.length === 0) return;
    let live = state.live;
    let focus = state.focusByClient;
    if (before !== undefined && before.board.members !== view.board.members) {
      live = withLiveEvents(
        live,
        presenceEvents(presenceActivity(before.board, view.board, deps.selfId()), deps.now()),
      );
      // No event says who left (summaries carry a count and the first names): forget their pointers.
      focus = withoutDeparted(focus, before.board.members, view.board.members);
    }
    // Versions move on here only through events: an ack can put a newer version into the view
    // before the broadcast that names who made it arrives, and that change must still be told.
    if (before?.board.counters !== view.board.counters) {
      for (const counter of view.board.counters) {
        entry.everKnown.add(counter.id);
        const known = entry.known.get(counter.id);
        if (known === undefined) entry.known.set(counter.id, { ...counter });
        else known.name = counter.name;
      }
    }
    live = withLiveEvents(live, extraLive);
    setState(boardId, entry, { ...state, view, live, focusByClient: focus });
  }

  /**
   * Shows the board as this browser last saw it while nothing newer is there and the server
   * cannot be reached (a load failed, or the device is offline): the page opens with what was
   * known, its pending clicks on top, rather than a spinner.
   */
  function showLastKnown(boardId: string, entry: Entry): void {
    const { state, lastKnown } = entry;
    if (lastKnown === undefined || state.view !== undefined || state.status === 'error') return;
    if (state.failureCount === 0 && deps.isOffline?.() !== true) return;
    setState(boardId, entry, { ...state, view: lastKnown.view, lastKnownAt: lastKnown.savedAt });
  }

  function scheduleRetry(boardId: string, entry: Entry): void {
    if (entry.retryTimer !== null) clearTimeout(entry.retryTimer);
    entry.retryTimer = setTimeout(() => {
      entry.retryTimer = null;
      load(boardId);
    }, retryDelayMs(entry.state.failureCount));
  }

  function load(boardId: string): void {
    const entry = entries.get(boardId);
    if (entry === undefined || entry.loading) return;
    entry.loading = true;
    if (entry.retryTimer !== null) clearTimeout(entry.retryTimer);
    entry.retryTimer = null;
    const generation = entry.generation;
    const current = () => entries.get(boardId) === entry && entry.generation === generation;
    loadBoard(deps, boardId).then(
      (fresh) => {
        if (!current()) return;
        entry.loading = false;
        // Over the last known view, under the version rules (it may hold newer versions than a
        // snapshot that was on its way). That view was not heard live: the live feed and
        // presence start from the snapshot, with no arrivals or changes told against it.
        const merged = mergeBoardView(entry.state.view, fresh);
        const lastVisit = entry.state.lastKnownAt !== undefined;
        setState(boardId, entry, {
          ...entry.state,
          status: 'ready',
          error: undefined,
          failureCount: 0,
          lastKnownAt: undefined,
          ...(lastVisit ? { view: undefined } : {}),
        });
        setView(boardId, entry, merged);
      },
      (error: unknown) => {
        if (!current()) return;
        entry.loading = false;
        if (error instanceof KeyRefusedError) {
          deps.onKeyRefused?.(boardId, error.key);
          // Another key (or none, which opens a public board) may do: the refusal stands only for the last.
          if (deps.boardKey(boardId) !== error.key) {
            load(boardId);
            return;
          }
        }
        if (isFinalLoadError(error)) {
          // A board that is gone or closed to this browser is not shown from its last visit again.
          deps.lastKnown?.forget(boardId);
          const lastVisit = entry.state.lastKnownAt !== undefined;
          setState(boardId, entry, {
            ...entry.state,
            status: 'error',
            error: error as ApiError,
            ...(lastVisit ? { view: undefined, lastKnownAt: undefined } : {}),
          });
          return;
        }
        setState(boardId, entry, { ...entry.state, failureCount: entry.state.failureCount + 1 });
        showLastKnown(boardId, entry);
        scheduleRetry(boardId, entry);
      },
    );
  }

  /** The board's entry when its view is there to change; events for other boards pass by. */
  function loaded(boardId: string): (Entry & { state: BoardState & { view: BoardView } }) | undefined {
    const entry = entries.get(boardId);
    return entry?.state.view === undefined
      ? undefined
      : (entry as Entry & { state: BoardState & { view: BoardView } });
  }

  /** Events naming a counter this board never had cannot be applied: reported, not guessed at. */
  function unknownCounter(entry: Entry, event: string, counterId: string, payload: unknown): boolean {
    if (entry.everKnown.has(counterId)) return false;
    reporter.report({
      event,
      reason: 'unknown_counter',
      message: `counter ${counterId} is not on this board`,
      payload,
    });
    return true;
  }

  function counterChange(
    boardId: string,
    kind: CounterEventKind,
    change: (view: BoardView) => BoardView,
    payload: Parameters<typeof counterEvent>[1],
  ): void {
    const entry = loaded(boardId);
    if (entry === undefined) return;
    const event = counterEvent(kind, payload, entry.known, deps.now());
    setView(boardId, entry, change(entry.state.view), [event]);
  }

  function onUpdated(event: ServerPayload<'counter:updated'>): void {
    const entry = loaded(event.boardId);
    if (entry === undefined) return;
    for (const update of event.updates) {
      if (unknownCounter(entry, 'counter:updated', update.counterId, event)) return;
      const counter = entry.state.view.board.counters.find((known) => known.id === update.counterId);
      if (counter !== undefined && update.version - counter.version > MAX_VERSION_LEAP) {
        reporter.report({
          event: 'counter:updated',
          reason: 'version_leap',
          message: `version ${update.version} of counter ${update.counterId} is far beyond ${counter.version}`,
          payload: event,
        });
        return;
      }
    }
    const live = updateEvents(event, entry.known, deps.now());
    setView(event.boardId, entry, withCounterUpdates(entry.state.view, event.updates), live);
  }

  function subscribe(boardId: string, listener: () => void): () => void {
    const set = listeners.get(boardId) ?? new Set();
    listeners.set(boardId, set);
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) listeners.delete(boardId);
    };
  }

  const offs = [
    hub.on('counter:updated', onUpdated),
    hub.on('counter:created', ({ boardId, counter, actor }) => {
      const entry = loaded(boardId);
      if (entry === undefined) return;
      entry.everKnown.add(counter.id);
      if (!entry.known.has(counter.id)) entry.known.set(counter.id, { ...counter });
      counterChange(boardId, 'counter_created', (view) => withCounterAdded(view, counter), {
        counterId: counter.id,
        name: counter.name,
        value: counter.value,
        actor,
      });
    }),
    hub.on('counter:renamed', (event) => {
      const entry = loaded(event.boardId);
      if (entry === undefined || unknownCounter(entry, 'counter:renamed', event.counterId, event)) return;
      const { counterId, name, actor } = event;
      counterChange(event.boardId, 'counter_renamed', (view) => withCounterRenamed(view, counterId, name), {
        counterId,
        name,
        actor,
      });
    }),
    hub.on('counter:configured', (event) => {
      const entry = loaded(event.boardId);
      if (entry === undefined || unknownCounter(entry, 'counter:configured', event.counter.id, event)) return;
      const { counter, actor } = event;
      counterChange(event.boardId, 'counter_configured', (view) => withCounterConfigured(view, counter), {
        counterId: counter.id,
        name: counter.name,
        actor,
      });
    }),
    hub.on('counter:deleted', (event) => {
      const entry = loaded(event.boardId);
      if (entry === undefined || unknownCounter(entry, 'counter:deleted', event.counterId, event)) return;
      const { counterId, actor } = event;
      counterChange(event.boardId, 'counter_deleted', (view) => withCounterRemoved(view, counterId), {
        counterId,
        actor,
      });
    }),
    hub.on('presence:summary', (summary) => {
      const entry = loaded(summary.boardId);
      if (entry !== undefined)
        setView(summary.boardId, entry, withPresenceSummary(entry.state.view, summary));
    }),
    hub.on('presence:focus', (event) => {
      const entry = entries.get(event.boardId);
      if (entry === undefined) return;
      const current = entry.state.focusByClient;
      if (current.get(event.clientId) === (event.counterId ?? undefined)) return;
      const next = new Map(current);
      if (event.counterId === null) next.delete(event.clientId);
      else next.set(event.clientId, event.counterId);
      setState(event.boardId, entry, { ...entry.state, focusByClient: next });
    }),
    hub.on('chat:message', (event) => {
      const entry = loaded(event.boardId);
      if (entry !== undefined) setView(event.boardId, entry, withMessage(entry.state.view, event.message));
    }),
  ];

  return {
    get: (boardId) => entries.get(boardId)?.state ?? LOADING_BOARD,
    subscribe,
    open(boardId) {
      if (!entries.has(boardId)) {
        const entry: Entry = {
          state: LOADING_BOARD,
          known: new Map(),
          everKnown: new Set(),
          loading: false,
          generation: 0,
          retryTimer: null,
          lastKnown: undefined,
        };
        entries.set(boardId, entry);
        load(boardId);
        deps.lastKnown?.read(boardId).then(
          (lastKnown) => {
            if (entries.get(boardId) !== entry) return;
            entry.lastKnown = lastKnown;
            showLastKnown(boardId, entry);
          },
          // Unreadable: the board shows once loaded, as it would without it.
          () => {},
        );
      }
      return membership.retain(boardId, () => {
        const entry = entries.get(boardId);
        if (entry?.retryTimer != null) clearTimeout(entry.retryTimer);
        entries.delete(boardId);
        membership.markLeft(boardId);
        for (const listener of [...(listeners.get(boardId) ?? [])]) listener();
        void request(socket, 'board:leave', { boardId });
      });
    },
    ready(boardId) {
      return new Promise((resolve, reject) => {
        const settled = () => {
          const state = entries.get(boardId)?.state;
          // The last known view is not the board loaded: ready waits for the server's.
          if (state?.view !== undefined && state.lastKnownAt === undefined) resolve(state.view);
          else if (state?.status === 'error') reject(state.error);
          else return false;
          return true;
        };
        if (settled()) return;
        const unsubscribe = subscribe(boardId, () => {
          if (settled()) unsubscribe();
        });
      });
    },
    reload: load,
    rejoin(boardId) {
      const entry = entries.get(boardId);
      if (entry === undefined) return;
      entry.generation += 1;
      entry.loading = false;
      const { view } = entry.state;
      setState(boardId, entry, {
        ...entry.state,
        status: view === undefined || entry.state.lastKnownAt !== undefined ? 'loading' : 'ready',
        error: undefined,
        failureCount: 0,
      });
      load(boardId);
    },
    updateView(boardId, change) {
      const entry = loaded(boardId);
      if (entry !== undefined) setView(boardId, entry, change(entry.state.view));
    },
    onConnect(recovered) {
      // Boards left while the link was down are still rooms of a recovered session: leave them now.
      for (const boardId of membership.resumeJoins(recovered))
        void request(socket, 'board:leave', { boardId });
      // Without recovery the server forgot every room: join each shown board again, and its fresh
      // snapshot covers whatever happened meanwhile. Recovered, the server replayed what was missed;
      // only a board shown without a join (loaded over HTTP, or its join cut off) still needs one.
      for (const boardId of entries.keys()) if (!membership.isJoined(boardId)) load(boardId);
    },
    onDisconnect() {
      membership.suspendJoins();
    },
    dispose() {
      for (const off of offs) off();
      for (const entry of entries.values()) if (entry.retryTimer !== null) clearTimeout(entry.retryTimer);
      entries.clear();
    },
  };
}
