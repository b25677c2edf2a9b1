import { type BoardKeys, type Role, TallyError } from '@tally/events';
import type { BoardRecord, Store } from '../store/store.js';
import { deriveBoardKey, hashBoardKey, keyMatchesHash, keysEqual } from './board-keys.js';
import { BoundedCache } from './bounded-cache.js';

/** Board records remembered at most (a few hundred bytes each). */
export const BOARD_RECORDS_CAPACITY = 10_000;

/** Decides what a key gives on a board; shared by `board:join` and the HTTP routes (`x-board-key`). */
export interface BoardAccess {
  /** roleForKey with this server's ADMIN_KEY and the board's viewer key. */
  roleFor(board: BoardRecord, key: string | undefined): Role | null;
  /**
   * Loads a board and checks the key: `not_found` for an unknown board, `forbidden` without access.
   * A board's record never changes once made (no call changes or deletes one), so it is read from
   * the store once and remembered: joins and HTTP calls with a key then cost no store read.
   */
  authorize(boardId: string, key: string | undefined): Promise<{ board: BoardRecord; role: Role }>;
  /** The keys an owner may share (v1.1): the viewer key, and the access key when it can still be given. */
  keysFor(board: BoardRecord): BoardKeys;
  /** The derived keys of a new board: its viewer key, and the access key of a private one. */
  newBoardKeys(
    boardId: string,
    visibility: BoardRecord['visibility'],
  ): { viewerKey: string; accessKey?: string };
}

/**
 * The role `key` gives on `board`, or null for no access: the owner key and the admin key give
 * owner; the access key, or no key on a public board, gives member; the viewer key gives viewer;
 * any other key gives nothing.
 */
export function roleForKey(
  board: BoardRecord,
  key: string | undefined,
  adminKeyHash: string | null,
  viewerKey: string,
): Role | null {
  if (key === undefined) return board.visibility === 'public' ? 'member' : null;
  if (keyMatchesHash(key, board.ownerKeyHash) || keyMatchesHash(key, adminKeyHash)) return 'owner';
  if (keyMatchesHash(key, board.accessKeyHash)) return 'member';
  if (keysEqual(key, viewerKey)) return 'viewer';
  // A wrong key is refused even on a public board: the client should learn that its key is bad.
  return null;
}

/** `keySecret`: the store's own secret (not MEMBER_SECRET), so that derived keys never change. */
export function createBoardAccess(
  store: Store,
  adminKey: string | undefined,
  keySecret: string,
): BoardAccess {
  // Hashed once so that the admin key is compared like every other key: in constant time.
  const adminKeyHash = adminKey === undefined ? null : hashBoardKey(adminKey);
  const viewerKeyOf = (boardId: string) => deriveBoardKey(keySecret, 'viewer', boardId);
  const roleFor = (board: BoardRecord, key: string | undefined) =>
    roleForKey(board, key, adminKeyHash, viewerKeyOf(board.id));
  // Only boards that exist: an unknown id may be a board another node is creating right now.
  const boards = new BoundedCache<string, BoardRecord>(BOARD_RECORDS_CAPACITY);
  async function loadBoard(boardId: string): Promise<BoardRecord | null> {
    const known = boards.get(boardId);
    if (known) return known;
    const board = await store.getBoard(boardId);
    if (board) boards.set(boardId, board);
    return board;
  }
  return {
    roleFor,
    async authorize(boardId, key) {
      const board = await loadBoard(boardId);
      if (!board) throw new TallyError('not_found', 'no such board');
      const role = roleFor(board, key);
      if (!role) {
        throw new TallyError(
          'forbidden',
          key === undefined ? 'this board is private: a key is needed' : 'wrong key',
        );
      }
      return { board, role };
    },
    keysFor(board) {
      const accessKey = deriveBoardKey(keySecret, 'access', board.id);
      // A private board made before v1.1 has a random access key, of which only the hash is kept.
      const canGiveAccessKey = keyMatchesHash(accessKey, board.accessKeyHash);
      return { viewerKey: viewerKeyOf(board.id), ...(canGiveAccessKey && { accessKey }) };
    },
    newBoardKeys(boardId, visibility) {
      const viewerKey = viewerKeyOf(boardId);
      if (visibility === 'public') return { viewerKey };
      return { viewerKey, accessKey: deriveBoardKey(keySecret, 'access', boardId) };
    },
  };
}
