import { TallyError } from '@tally/events';
import type { Store } from '../store/store.js';
import { BoundedCache } from './bounded-cache.js';

/**
 * Counters whose board is remembered at most. A board holds at most a few hundred counters, so this
 * covers thousands of boards in use at once for ~10 MB; past it, the longest known are read again.
 */
export const COUNTER_BOARDS_CAPACITY = 100_000;

/**
 * The board each counter is on, kept in this process: a counter never moves, so once known it is
 * known for good, and authorising a click needs no store read (one store call per increment: the
 * write). Filled by board snapshots and creations, emptied by deletions; a miss reads the store once.
 *
 * Correct across nodes: a counter deleted on another node still sits here, and the write itself
 * refuses it (the store's applyOps answers `not_found`, changing nothing).
 */
export interface CounterBoards {
  /** The board `counterId` is on; `not_found` when the store has no such counter. */
  boardOf(counterId: string): Promise<string>;
  /** Remembers the board of counters just listed or created. */
  remember(boardId: string, counters: Iterable<{ id: string }>): void;
  /** Forgets a deleted counter. */
  forget(counterId: string): void;
}

export function createCounterBoards(
  store: Pick<Store, 'getCounter'>,
  capacity = COUNTER_BOARDS_CAPACITY,
): CounterBoards {
  const boards = new BoundedCache<string, string>(capacity);
  return {
    async boardOf(counterId) {
      const known = boards.get(counterId);
      if (known !== undefined) return known;
      const counter = await store.getCounter(counterId);
      if (!counter) throw new TallyError('not_found', 'no such counter');
      boards.set(counterId, counter.boardId);
      return counter.boardId;
    },
    remember(boardId, counters) {
      for (const { id } of counters) boards.set(id, boardId);
    },
    forget(counterId) {
      boards.delete(counterId);
    },
  };
}
