import type { BoardListItem, BoardSnapshot, ServerPayload } from '@tally/events';
import { BOARD_KEY_HEADER } from '@tally/events/constants';
import { queryOptions } from '@tanstack/react-query';
import { ApiError, fetchJson } from '../app/http';
import { request } from '../socket/request';
import type { TallySocket } from '../socket/socket';
import { assumedRole, fileAsViewerKey, joinKey, rememberBoardKeys } from './board-keys';
import { isRetained, markJoined } from './board-membership';
import { type BoardView, mergeBoardView, withPresenceSummary } from './board-view';

export const boardQueryKeys = {
  all: ['board'] as const,
  detail: (boardId: string) => ['board', boardId] as const,
  list: ['boards'] as const,
};

/** Errors after which asking again cannot help: the page says so instead of retrying. */
const FINAL_CODES = new Set(['forbidden', 'not_found', 'invalid_payload']);

export function isFinalLoadError(error: unknown): boolean {
  return error instanceof ApiError && FINAL_CODES.has(error.code);
}

/** How long a board load waits for a connection in progress before it falls back to HTTP. */
const CONNECT_GRACE_MS = 2_000;

/** Resolves when the socket is connected, or after `ms` without a connection. */
function untilConnected(socket: TallySocket, ms: number): Promise<void> {
  if (socket.connected) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      socket.off('connect', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    socket.on('connect', done);
  });
}

/**
 * Joins the board over the socket and returns its snapshot. A socket still connecting gets a
 * moment; one that stays down gives way to HTTP, so a board opened without a live link still
 * shows (with its pending clicks), and the join follows once the socket connects (a connect
 * invalidates every board not joined: see useResyncOnReconnect).
 */
async function loadBoard(socket: TallySocket, boardId: string): Promise<BoardView> {
  await untilConnected(socket, CONNECT_GRACE_MS);
  const key = joinKey(boardId);
  if (!socket.connected) {
    const board = await fetchJson<BoardSnapshot>(`/api/boards/${encodeURIComponent(boardId)}`, {
      headers: key === undefined ? {} : { [BOARD_KEY_HEADER]: key },
    });
    // Still down: show this. Connected meanwhile: join now, or nobody would (this load is the
    // one the connect's invalidation let run).
    if (!socket.connected) return { board, role: assumedRole(boardId), loadedAt: Date.now() };
  }
  const { answer, summary } = await joinHearingSummaries(socket, boardId, key);
  if (!answer.ok) throw new ApiError(answer.error.code, answer.error.message);
  if (!isRetained(boardId)) {
    // The page moved on while the join was on its way: leave again rather than linger in the room.
    void request(socket, 'board:leave', { boardId });
  } else {
    markJoined(boardId);
  }
  rememberRole(boardId, key, answer);
  const view: BoardView = {
    board: answer.board,
    role: answer.role,
    ...(answer.keys === undefined ? {} : { keys: answer.keys }),
    loadedAt: Date.now(),
  };
  return summary === undefined ? view : withPresenceSummary(view, summary);
}

/**
 * What a join taught about the keys: an owner's answer carries the board's other keys (kept, so
 * that Share works on every device of the owner), and a key that made this tab a viewer is the
 * viewer key.
 */
function rememberRole(
  boardId: string,
  key: string | undefined,
  answer: { role: BoardView['role']; keys?: BoardView['keys'] },
): void {
  if (answer.role === 'owner' && answer.keys !== undefined) {
    const { viewerKey, accessKey } = answer.keys;
    rememberBoardKeys(boardId, { viewerKey, ...(accessKey === undefined ? {} : { accessKey }) });
  } else if (answer.role === 'viewer' && key !== undefined) {
    fileAsViewerKey(boardId, key);
  }
}

/**
 * `board:join` in presence summary mode: a count and the first names at most once a second
 * instead of an event per arrival, which scales to boards of thousands. The protocol orders
 * summaries by the ack: one received before it is older than the snapshot (dropped), one after
 * it newer. The last one heard after the ack while the join is on its way comes back with the
 * answer, to lay over the snapshot: over long-polling it can arrive in the same transport
 * payload as the ack, and is then handled before the snapshot reaches the cache, which would
 * lose it.
 */
async function joinHearingSummaries(socket: TallySocket, boardId: string, key: string | undefined) {
  let acked = false;
  let summary: ServerPayload<'presence:summary'> | undefined;
  const onSummary = (event: ServerPayload<'presence:summary'>) => {
    if (acked && event.boardId === boardId)
      summary = { ...event, members: event.members ?? summary?.members };
  };
  socket.on('presence:summary', onSummary);
  try {
    const payload = { boardId, ...(key === undefined ? {} : { key }), presence: 'summary' } as const;
    const answer = await request(socket, 'board:join', payload, {
      onAck: () => {
        acked = true;
      },
    });
    return { answer, summary };
  } finally {
    socket.off('presence:summary', onSummary);
  }
}

/** The board's snapshot, kept current by socket events; refetches obey the version rules. */
export function boardQueryOptions(socket: TallySocket, boardId: string) {
  return queryOptions({
    queryKey: boardQueryKeys.detail(boardId),
    queryFn: () => loadBoard(socket, boardId),
    structuralSharing: (current: unknown, fresh: unknown) =>
      mergeBoardView(current as BoardView | undefined, fresh as BoardView),
    retry: (failures, error) => !isFinalLoadError(error) && failures < 1_000,
    retryDelay: (failures) => Math.min(500 * 2 ** failures, 5_000),
  });
}

/** Public boards with their online counts, refreshed while the list is on screen. */
export function boardsListQueryOptions() {
  return queryOptions({
    queryKey: boardQueryKeys.list,
    queryFn: () => fetchJson<BoardListItem[]>('/api/boards'),
    staleTime: 2_000,
    refetchInterval: 5_000,
    refetchOnWindowFocus: true,
  });
}
