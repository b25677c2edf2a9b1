import type { LiveEvent } from '../activity/live-activity.js';
import type { ApiError } from '../http/fetch-json.js';
import type { BoardView } from './board-view.js';

/**
 * Everything the client knows of one open board: its view (snapshot kept current by events
 * under the version rules), how loading went, what was heard live (for activity feeds) and who
 * points at which counter. A new object whenever something in it changes, the same one otherwise.
 */
export interface BoardState {
  /** `loading` until the first snapshot arrived; `error` after a final refusal (forbidden, not found). */
  status: 'loading' | 'ready' | 'error';
  view: BoardView | undefined;
  /**
   * Set while the view is the board as this browser last saw it (see last-known-boards.ts), shown
   * because the server cannot be reached: when it was saved. Undefined once the server's snapshot
   * replaced it; `status` stays `loading` until then.
   */
  lastKnownAt: number | undefined;
  /** The final error that stopped loading (the view, if any, is kept). */
  error: ApiError | undefined;
  /** Failed load attempts since the last success (loading goes on with backoff). */
  failureCount: number;
  /** What was heard on the socket since the board was opened, oldest first (bounded). */
  live: readonly LiveEvent[];
  /** Which counter each other member points at (members pointing nowhere are absent). */
  focusByClient: ReadonlyMap<string, string>;
}

const NO_FOCUS: ReadonlyMap<string, string> = new Map();

export const LOADING_BOARD: BoardState = {
  status: 'loading',
  view: undefined,
  lastKnownAt: undefined,
  error: undefined,
  failureCount: 0,
  live: [],
  focusByClient: NO_FOCUS,
};
