/**
 * The links the Share dialog gives (loaded with it, not with the first screen). A key travels in
 * the fragment (`#key=…`), never in the query string: browsers never send it to a server.
 */
import { boardPath, getBoardKeys } from './board-keys';

/** The board's display mode: full screen, read-only, for a screen on a wall. */
export function displayPath(boardId: string): string {
  return `/b/${encodeURIComponent(boardId)}/display`;
}

function withKey(url: string, key: string): string {
  return `${url}#key=${encodeURIComponent(key)}`;
}

/**
 * The link to share: private boards carry their access key. A viewer holds no access key: what
 * they share is the view-only link they were given. Null for a private board whose access key
 * this browser does not have (an owner of a board made before v1.1, whose access key the server
 * kept only hashed).
 */
export function shareLink(origin: string, boardId: string, visibility: 'public' | 'private'): string | null {
  if (visibility === 'public') return `${origin}${boardPath(boardId)}`;
  const keys = getBoardKeys(boardId);
  if (keys.accessKey !== undefined) return withKey(`${origin}${boardPath(boardId)}`, keys.accessKey);
  if (keys.ownerKey === undefined && keys.viewerKey !== undefined)
    return viewerLink(origin, boardId, keys.viewerKey);
  return null;
}

/** The view-only link (v1.1): the board's display mode, with its viewer key. */
export function viewerLink(origin: string, boardId: string, viewerKey: string): string {
  return withKey(`${origin}${displayPath(boardId)}`, viewerKey);
}

/**
 * "Owner access": the board with its owner key, to make another device of the owner an owner
 * too. A secret: anyone with it may rename, reset and delete. Null when this browser holds no
 * owner key (an owner through the operator's key).
 */
export function ownerLink(origin: string, boardId: string): string | null {
  const { ownerKey } = getBoardKeys(boardId);
  return ownerKey === undefined ? null : withKey(`${origin}${boardPath(boardId)}`, ownerKey);
}
