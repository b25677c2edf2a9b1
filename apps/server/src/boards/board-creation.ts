import type { SnapshotCounter, Visibility } from '@tally/events';
import type { BoardRecord, NewCounter, Store } from '../store/store.js';
import type { BoardAccess } from './board-access.js';
import { generateBoardKey, hashBoardKey } from './board-keys.js';
import { newBoardId, newId } from './ids.js';

export interface CreatedBoard {
  board: BoardRecord;
  ownerKey: string;
  viewerKey: string;
  /** Private boards only. */
  accessKey?: string;
}

/**
 * Makes a new board with its keys, for `POST /api/boards`, `board:import` and `POST
 * /api/boards/import`: a random owner key (only its hash is kept), and the derived viewer key and,
 * for a private board, access key (stored as a hash too, and given again to the owner later).
 * An import's counters are created with it, all or nothing.
 */
export async function createBoardWithKeys(
  store: Store,
  access: BoardAccess,
  { name, visibility }: { name: string; visibility: Visibility },
  counters: readonly SnapshotCounter[] = [],
): Promise<CreatedBoard> {
  const id = newBoardId(name);
  const ownerKey = generateBoardKey();
  const { viewerKey, accessKey } = access.newBoardKeys(id, visibility);
  const board: BoardRecord = {
    id,
    name,
    visibility,
    ownerKeyHash: hashBoardKey(ownerKey),
    accessKeyHash: accessKey === undefined ? null : hashBoardKey(accessKey),
    createdAt: Date.now(),
  };
  if (counters.length === 0) await store.createBoard(board);
  else {
    const newCounters: NewCounter[] = counters.map((counter) => ({ ...counter, id: newId(), boardId: id }));
    await store.createBoardWithCounters(board, newCounters);
  }
  return { board, ownerKey, viewerKey, ...(accessKey !== undefined && { accessKey }) };
}
