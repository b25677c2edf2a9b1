import type { BoardView } from '@tally/client';
import { LOBBY_BOARD_ID } from '@tally/events/constants';

/**
 * Keys this browser holds for a board: the owner key of boards it created (or imported), the
 * access key of private ones, the viewer key of a view-only link (or, for an owner, to share).
 */
export interface StoredBoardKeys {
  ownerKey?: string;
  accessKey?: string;
  viewerKey?: string;
  /** Remembered for boards this browser created, to list them (private ones are in no public list). */
  name?: string;
}

const STORAGE_KEY = 'tally.boardKeys';

function readAll(): Record<string, StoredBoardKeys> {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '{}');
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, StoredBoardKeys>) : {};
  } catch {
    return {};
  }
}

export function getBoardKeys(boardId: string): StoredBoardKeys {
  return readAll()[boardId] ?? {};
}

function writeAll(all: Record<string, StoredBoardKeys>): void {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(all));
  } catch {
    // Storage refused: the keys work for this page only.
  }
}

export function rememberBoardKeys(boardId: string, keys: StoredBoardKeys): void {
  const all = readAll();
  const known = all[boardId] ?? {};
  const next = { ...known, ...keys };
  if (Object.entries(next).every(([field, value]) => known[field as keyof StoredBoardKeys] === value)) return;
  all[boardId] = next;
  writeAll(all);
}

/**
 * The key of a link turned out to be the board's viewer key (the join said `viewer`): keep it as
 * such, so that a later visit without the socket (loaded over HTTP) is view-only from the start,
 * and a member link opened afterwards takes precedence over it.
 */
export function fileAsViewerKey(boardId: string, key: string): void {
  const all = readAll();
  const { accessKey, ...rest } = all[boardId] ?? {};
  if (accessKey !== key) return;
  all[boardId] = { ...rest, viewerKey: key };
  writeAll(all);
}

/** The key to join with: the owner key gives owner rights (and access); then the access key; then the viewer key. */
export function joinKey(boardId: string): string | undefined {
  const keys = getBoardKeys(boardId);
  return keys.ownerKey ?? keys.accessKey ?? keys.viewerKey;
}

/** The role to assume while the board could only be loaded over HTTP: view-only when that is all the keys allow. */
export function assumedRole(boardId: string): 'member' | 'viewer' {
  const keys = getBoardKeys(boardId);
  return keys.ownerKey === undefined && keys.accessKey === undefined && keys.viewerKey !== undefined
    ? 'viewer'
    : 'member';
}

/**
 * What a board's view teaches about its keys: an owner's join answer carries the board's other
 * keys (kept, so that Share works on every device of the owner), and the key that made this tab
 * a viewer is the viewer key. (A view loaded over HTTP guessed its role from these very keys, and
 * teaches nothing new.)
 */
export function rememberRole(
  boardId: string,
  answer: { role: BoardView['role']; keys?: BoardView['keys'] | undefined },
): void {
  if (answer.role === 'owner' && answer.keys !== undefined) {
    const { viewerKey, accessKey } = answer.keys;
    rememberBoardKeys(boardId, { viewerKey, ...(accessKey === undefined ? {} : { accessKey }) });
  } else if (answer.role === 'viewer') {
    const key = joinKey(boardId);
    if (key !== undefined) fileAsViewerKey(boardId, key);
  }
}

/** Reads `#key=…` from a share link; the key stays in the fragment so it never reaches a server log. */
export function keyFromFragment(hash: string): string | null {
  const key = new URLSearchParams(hash.replace(/^#/, '')).get('key');
  return key === null || key === '' ? null : key;
}

function boardPath(boardId: string): string {
  return boardId === LOBBY_BOARD_ID ? '/' : `/b/${encodeURIComponent(boardId)}`;
}

/**
 * The link to share: private boards carry their access key in the fragment, never in the query
 * string. A viewer holds no access key: what they share is the view-only link they were given.
 * Null for a private board whose access key this browser does not have (an owner of a board made
 * before v1.1, whose access key the server kept only hashed).
 */
export function shareLink(origin: string, boardId: string, visibility: 'public' | 'private'): string | null {
  if (visibility === 'public') return `${origin}${boardPath(boardId)}`;
  const keys = getBoardKeys(boardId);
  const key = keys.accessKey ?? (keys.ownerKey === undefined ? keys.viewerKey : undefined);
  return key === undefined ? null : `${origin}${boardPath(boardId)}#key=${encodeURIComponent(key)}`;
}

/** The view-only link (v1.1): the same link format, with the board's viewer key. */
export function viewerLink(origin: string, boardId: string, viewerKey: string): string {
  return `${origin}${boardPath(boardId)}#key=${encodeURIComponent(viewerKey)}`;
}

/** Boards this browser owns, newest first as created. */
export function ownedBoards(): Array<{ id: string; name: string }> {
  return Object.entries(readAll())
    .filter(([, keys]) => keys.ownerKey !== undefined)
    .map(([id, keys]) => ({ id, name: keys.name ?? id }))
    .reverse();
}
