import { UNDO_WINDOW_MS } from '@tally/events/constants';

/** One of this user's clicks, as Undo needs it. */
export interface Click {
  opId: string;
  boardId: string;
  counterId: string;
  by: number;
  at: number;
}

/** This user's latest clicks on one counter, offered for undo while the bar shows. */
export interface UndoOffer {
  boardId: string;
  counterId: string;
  counterName: string;
  clicks: readonly Click[];
}

/** How long Undo stays offered after the latest click. */
export const UNDO_OFFER_MS = 8_000;
/** Recent clicks kept on offer (Undo takes back the latest; pressing it again, the one before). */
export const MAX_UNDO_CLICKS = 50;

export interface UndoTracker {
  /** A click was made: it joins the offer for its counter, or starts a new one. */
  record(click: Click, counterName: string): void;
  /**
   * Takes the latest click still within the server's undo window out of the offer, which goes on
   * with the clicks before it: one Undo takes back one click, as the user made them one by one.
   */
  takeLatest(): Click | null;
  /** A click the server refused for good: there is nothing to undo. */
  forget(opId: string): void;
  dismiss(): void;
  get(): UndoOffer | null;
  subscribe(listener: () => void): () => void;
}

/**
 * The latest clicks the user may take back, one at a time: a burst on one counter (clicking
 * another counter starts a new offer), offered for a few seconds after the last click or Undo and,
 * as the server allows, never for clicks older than UNDO_WINDOW_MS.
 */
export function createUndoTracker(
  timers: { set(callback: () => void, ms: number): unknown; clear(handle: unknown): void } = {
    set: (callback, ms) => setTimeout(callback, ms),
    clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  },
): UndoTracker {
  let offer: UndoOffer | null = null;
  let timer: unknown = null;
  const listeners = new Set<() => void>();

  function commit(next: UndoOffer | null): void {
    offer = next;
    if (timer !== null) timers.clear(timer);
    timer = next === null ? null : timers.set(() => commit(null), UNDO_OFFER_MS);
    for (const listener of listeners) listener();
  }

  return {
    record(click, counterName) {
      const same = offer !== null && offer.boardId === click.boardId && offer.counterId === click.counterId;
      const earlier = same && offer !== null ? offer.clicks : [];
      const clicks = [...earlier, click]
        .filter((known) => click.at - known.at < UNDO_WINDOW_MS)
        .slice(-MAX_UNDO_CLICKS);
      commit({ boardId: click.boardId, counterId: click.counterId, counterName, clicks });
    },
    takeLatest() {
      if (offer === null) return null;
      const now = Date.now();
      const clicks = offer.clicks.filter((click) => now - click.at < UNDO_WINDOW_MS);
      const latest = clicks.at(-1) ?? null;
      const rest = clicks.slice(0, -1);
      commit(rest.length === 0 ? null : { ...offer, clicks: rest });
      return latest;
    },
    forget(opId) {
      if (offer === null || !offer.clicks.some((click) => click.opId === opId)) return;
      const clicks = offer.clicks.filter((click) => click.opId !== opId);
      commit(clicks.length === 0 ? null : { ...offer, clicks });
    },
    dismiss() {
      if (offer !== null) commit(null);
    },
    get: () => offer,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** The tab's one tracker, fed by the counter cards and read by the undo bar. */
export const undoTracker = createUndoTracker();
