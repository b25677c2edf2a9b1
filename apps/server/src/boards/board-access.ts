import { type Role, TallyError } from '@tally/events';
import type { BoardRecord, Store } from '../store/store.js';
import { hashBoardKey, keyMatchesHash } from './board-keys.js';

/** Decides what a key gives on a board; shared by `board:join` and the HTTP routes (`x-board-key`). */
export interface BoardAccess {
  /** roleForKey with this server's ADMIN_KEY. */
  roleFor(board: BoardRecord, key: string | undefined): Role | null;
  /** Loads a board and checks the key: `not_found` for an unknown board, `forbidden` without access. */
  authorize(boardId: string, key: string | undefined): Promise<{ board: BoardRecord; role: Role }>;
}

/**
 * The role `key` gives on `board`, or null for no access: the owner key and the admin key give
 * owner; the access key, or no key on a public board, gives member; any other key gives nothing.
 */
export function roleForKey(
  board: BoardRecord,
  key: string | undefined,
  adminKeyHash: string | null,
): Role | null {
  if (key === undefined) return board.visibility === 'public' ? 'member' : null;
  if (keyMatchesHash(key, board.ownerKeyHash) || keyMatchesHash(key, adminKeyHash)) return 'owner';
  if (keyMatchesHash(key, board.accessKeyHash)) return 'member';
  // A wrong key is refused even on a public board: the client should learn that its key is bad.
  return null;
}

export function createBoardAccess(store: Store, adminKey: string | undefined): BoardAccess {
  // Hashed once so that the admin key is compared like every other key: in constant time.
  const adminKeyHash = adminKey === undefined ? null : hashBoardKey(adminKey);
  const roleFor = (board: BoardRecord, key: string | undefined) => roleForKey(board, key, adminKeyHash);

  return {
    roleFor,
    async authorize(boardId, key) {
      const board = await store.getBoard(boardId);
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
  };
}
