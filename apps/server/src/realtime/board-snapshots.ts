import { TallyError } from '@tally/events';
import { createBoardWithKeys } from '../boards/board-creation.js';
import { buildBoardSnapshot } from '../boards/board-snapshot.js';
import { decodeSnapshotFile, encodeSnapshotFile } from '../boards/snapshot-file.js';
import type { EventHandlers } from './event-router.js';

/**
 * `board:export` and `board:import` (protocol v1.1): a board's counters as a binary snapshot, sent
 * and received as Socket.IO binary attachments (a Buffer here, an ArrayBuffer in browsers).
 */
export const boardSnapshotHandlers = {
  async 'board:export'({ joined, store }, { boardId }) {
    joined.requireOwner(boardId);
    const [board, counters] = await Promise.all([store.getBoard(boardId), store.listCounters(boardId)]);
    if (!board) throw new TallyError('not_found', 'no such board');
    return { snapshot: encodeSnapshotFile(board.name, counters, Date.now()) };
  },

  // Anyone may import, as anyone may create a board: within BOARD_CREATES_PER_HOUR of their address.
  async 'board:import'(ctx, { name, snapshot, visibility = 'public' }) {
    const { store, access, addressLimits, socket } = ctx;
    const { counters } = decodeSnapshotFile(snapshot);
    // A file that makes no board takes none of the address's allowance.
    await addressLimits.takeBoardCreation(addressLimits.addressOf(socket));
    const created = await createBoardWithKeys(store, access, { name, visibility }, counters);
    const board = await buildBoardSnapshot(ctx, created.board);
    const { ownerKey, viewerKey, accessKey } = created;
    return { board, ownerKey, viewerKey, ...(accessKey !== undefined && { accessKey }) };
  },
} satisfies Pick<EventHandlers, 'board:export' | 'board:import'>;
