import { boardSnapshotSchema, roleSchema } from '@tally/events/server-events';
import { type ClientStorage, STORAGE_KEYS } from '../storage/client-storage.js';
import type { BoardView } from './board-view.js';

/** Boards remembered at most, the most recently seen kept. */
export const MAX_LAST_KNOWN_BOARDS = 5;
/** Chat messages kept per board: as many as a snapshot brings. */
const MAX_KEPT_MESSAGES = 50;
/** The shortest time between two writes: a busy board changes many times a second. */
const WRITE_INTERVAL_MS = 1_000;

/** A board as this browser last saw it, and when that was. */
export interface LastKnownBoard {
  view: BoardView;
  savedAt: number;
}

/**
 * The boards this browser saw last, in its storage, so that a board opened while the server
 * cannot be reached (a reload offline) shows what was known instead of nothing. Only what the
 * board showed is kept: counters (values with their versions), name, visibility, the latest
 * chat and the role; never keys, and not who was there (presence is live only).
 */
export interface LastKnownBoards {
  read(boardId: string): Promise<LastKnownBoard | undefined>;
  /** Keeps the board's view, written within a second (the latest view of each board then). */
  remember(view: BoardView): void;
  /** The server refused the board for good (gone, no access): it is not shown again. */
  forget(boardId: string): void;
  /** Writes what waits now (the page is going away, the client closes). */
  flush(): Promise<void>;
}

interface StoredBoard {
  savedAt: number;
  role: BoardView['role'];
  board: BoardView['board'];
}

interface StoredBoards {
  version: 1;
  /** Most recently saved first; checked when read back (see checkedEntry), not before. */
  boards: unknown[];
}

/** The stored entries as they are, unchecked: a write keeps the other boards without parsing them. */
function storedEntries(value: unknown): unknown[] {
  const stored = value as Partial<StoredBoards> | undefined;
  return stored?.version === 1 && Array.isArray(stored.boards) ? stored.boards : [];
}

function entryBoardId(entry: unknown): unknown {
  return (entry as { board?: { id?: unknown } } | null)?.board?.id;
}

/**
 * A stored board checked against the contract: another version of the app may have written it,
 * and what fails is not shown.
 */
function checkedEntry(entry: unknown): StoredBoard | undefined {
  const { savedAt, role, board } = (entry ?? {}) as Partial<Record<keyof StoredBoard, unknown>>;
  const checkedBoard = boardSnapshotSchema.safeParse(board);
  const checkedRole = roleSchema.safeParse(role);
  return checkedBoard.success && checkedRole.success && typeof savedAt === 'number'
    ? { savedAt, role: checkedRole.data, board: checkedBoard.data }
    : undefined;
}

function toStored(view: BoardView, savedAt: number): StoredBoard {
  const { id, name, visibility, counters, messages } = view.board;
  return {
    savedAt,
    role: view.role,
    board: { id, name, visibility, counters, members: [], messages: messages.slice(-MAX_KEPT_MESSAGES) },
  };
}

export function createLastKnownBoards(deps: { storage: ClientStorage; now(): number }): LastKnownBoards {
  const { storage } = deps;
  /** Views to write at the next flush, and boards to drop (null), by board id. */
  const waiting = new Map<string, BoardView | null>();
  let timer: ReturnType<typeof setTimeout> | null = null;

  async function flush(): Promise<void> {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    if (waiting.size === 0) return;
    const changes = [...waiting];
    waiting.clear();
    const savedAt = deps.now();
    await storage.update<StoredBoards>(STORAGE_KEYS.lastKnownBoards, (current) => {
      let boards = storedEntries(current);
      for (const [boardId, view] of changes) {
        boards = boards.filter((entry) => entryBoardId(entry) !== boardId);
        if (view !== null) boards.unshift(toStored(view, savedAt));
      }
      return { version: 1, boards: boards.slice(0, MAX_LAST_KNOWN_BOARDS) };
    });
  }

  function schedule(): void {
    timer ??= setTimeout(() => void flush(), WRITE_INTERVAL_MS);
  }

  return {
    async read(boardId) {
      const entries = storedEntries(await storage.get(STORAGE_KEYS.lastKnownBoards));
      const found = checkedEntry(entries.find((entry) => entryBoardId(entry) === boardId));
      if (found === undefined) return undefined;
      return {
        view: { board: found.board, role: found.role, loadedAt: found.savedAt },
        savedAt: found.savedAt,
      };
    },
    remember(view) {
      waiting.set(view.board.id, view);
      schedule();
    },
    forget(boardId) {
      waiting.set(boardId, null);
      schedule();
    },
    flush,
  };
}
