import { LOBBY_BOARD_ID } from '@tally/events/constants';

/** Keys this browser holds for a board: the owner key of boards it created, the access key of private ones. */
export interface BoardKeys {
  ownerKey?: string;
  accessKey?: string;
  /** Remembered for boards this browser created, to list them (private ones are in no public list). */
  name?: string;
}

const STORAGE_KEY = 'tally.boardKeys';

function readAll(): Record<string, BoardKeys> {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '{}');
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, BoardKeys>) : {};
  } catch {
    return {};
  }
}

export function getBoardKeys(boardId: string): BoardKeys {
  return readAll()[boardId] ?? {};
}

export function rememberBoardKeys(boardId: string, keys: BoardKeys): void {
  const all = readAll();
  all[boardId] = { ...all[boardId], ...keys };
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(all));
  } catch {
    // Storage refused: the keys work for this page only.
  }
}

/** The key to join with: the owner key gives owner rights (and access); otherwise the access key. */
export function joinKey(boardId: string): string | undefined {
  const keys = getBoardKeys(boardId);
  return keys.ownerKey ?? keys.accessKey;
}

/** Reads `#key=…` from a share link; the key stays in the fragment so it never reaches a server log. */
export function keyFromFragment(hash: string): string | null {
  const key = new URLSearchParams(hash.replace(/^#/, '')).get('key');
  return key === null || key === '' ? null : key;
}

/** The link to share: private boards carry their access key in the fragment, never in the query string. */
export function shareLink(origin: string, boardId: string, visibility: 'public' | 'private'): string {
  const path = boardId === LOBBY_BOARD_ID ? '/' : `/b/${encodeURIComponent(boardId)}`;
  const accessKey = getBoardKeys(boardId).accessKey;
  if (visibility === 'private' && accessKey !== undefined) {
    return `${origin}${path}#key=${encodeURIComponent(accessKey)}`;
  }
  return `${origin}${path}`;
}

/** Boards this browser owns, newest first as created. */
export function ownedBoards(): Array<{ id: string; name: string }> {
  return Object.entries(readAll())
    .filter(([, keys]) => keys.ownerKey !== undefined)
    .map(([id, keys]) => ({ id, name: keys.name ?? id }))
    .reverse();
}
