import type { BoardView } from '@tally/client';

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

/** Where a key is kept, by the role it gives. */
const KEY_FIELD = { owner: 'ownerKey', member: 'accessKey', viewer: 'viewerKey' } as const;
type KeyField = (typeof KEY_FIELD)[BoardView['role']];

/** The stored keys of a board without `key`, wherever it was kept. */
function without(keys: StoredBoardKeys, key: string): StoredBoardKeys {
  return Object.fromEntries(
    Object.entries(keys).filter(([field, value]) => field === 'name' || value !== key),
  ) as StoredBoardKeys;
}

/**
 * Keeps `key` as the key of the role it gave. Only a key kept as an access key moves: the role
 * read over HTTP (socket down) is a guess, `member`, and an older version of the app kept every
 * link's key as one; owner and viewer keys are only ever filed from a join's answer.
 */
function fileKey(boardId: string, key: string, field: KeyField): void {
  const all = readAll();
  const known = all[boardId] ?? {};
  if (known[field] === key || known.ownerKey === key || known.viewerKey === key) return;
  all[boardId] = { ...without(known, key), [field]: key };
  writeAll(all);
}

/**
 * The key of the link this tab opened, per board: tried before the stored ones, and stored only
 * once a join (or read) accepted it, so a wrong key is never kept (see forgetBoardKey). It stays
 * this tab's choice afterwards: an owner who opens the view-only link stays a viewer there.
 */
const linkKeys = new Map<string, string>();

/** A link brought a key for the board; true when it is a new one (the board is then joined again with it). */
export function offerLinkKey(boardId: string, key: string): boolean {
  if (linkKeys.get(boardId) === key) return false;
  linkKeys.set(boardId, key);
  return true;
}

/** The board refused the key (`forbidden`): this tab's link key or a stored one, it is not tried again. */
export function forgetBoardKey(boardId: string, key: string): void {
  if (linkKeys.get(boardId) === key) linkKeys.delete(boardId);
  const all = readAll();
  const known = all[boardId];
  if (known === undefined) return;
  const kept = without(known, key);
  if (Object.keys(kept).length === Object.keys(known).length) return;
  all[boardId] = kept;
  writeAll(all);
}

/**
 * The key to join with: the link's, then the owner key (owner rights, and access), then the
 * access key, then the viewer key.
 */
export function joinKey(boardId: string): string | undefined {
  const keys = getBoardKeys(boardId);
  return linkKeys.get(boardId) ?? keys.ownerKey ?? keys.accessKey ?? keys.viewerKey;
}

/** The role to assume while the board could only be loaded over HTTP: view-only when that is all the keys allow. */
export function assumedRole(boardId: string): 'member' | 'viewer' {
  const keys = getBoardKeys(boardId);
  const linkKey = linkKeys.get(boardId);
  if (linkKey !== undefined) return linkKey === keys.viewerKey ? 'viewer' : 'member';
  return keys.ownerKey === undefined && keys.accessKey === undefined && keys.viewerKey !== undefined
    ? 'viewer'
    : 'member';
}

/**
 * What a board's view teaches about its keys: a link's key is stored only now, accepted, as the
 * key of the role it gave (an owner link opened on another device makes that browser an owner
 * like the creating one); a stored key that made this tab a viewer is the viewer key; an owner's
 * join answer carries the board's other keys (kept, so that Share works on every device of the
 * owner), and the owner's boards are listed by name.
 */
export function rememberRole(
  boardId: string,
  answer: { role: BoardView['role']; keys?: BoardView['keys'] | undefined; name?: string | undefined },
): void {
  const key = linkKeys.get(boardId) ?? (answer.role === 'viewer' ? joinKey(boardId) : undefined);
  if (key !== undefined) fileKey(boardId, key, KEY_FIELD[answer.role]);
  if (answer.role === 'owner') {
    const { viewerKey, accessKey } = answer.keys ?? {};
    rememberBoardKeys(boardId, {
      ...(viewerKey === undefined ? {} : { viewerKey }),
      ...(accessKey === undefined ? {} : { accessKey }),
      ...(answer.name === undefined ? {} : { name: answer.name }),
    });
  }
}

/** Reads `#key=…` from a share link; the key stays in the fragment so it never reaches a server log. */
export function keyFromFragment(hash: string): string | null {
  const key = new URLSearchParams(hash.replace(/^#/, '')).get('key');
  return key === null || key === '' ? null : key;
}

/** A board's page (the links of share-links.ts lead there). */
export function boardPath(boardId: string): string {
  return `/b/${encodeURIComponent(boardId)}`;
}

/** Boards this browser owns, newest first as created. */
export function ownedBoards(): Array<{ id: string; name: string }> {
  return Object.entries(readAll())
    .filter(([, keys]) => keys.ownerKey !== undefined)
    .map(([id, keys]) => ({ id, name: keys.name ?? id }))
    .reverse();
}
