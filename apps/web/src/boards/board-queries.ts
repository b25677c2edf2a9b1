import type { BoardListItem, BoardSnapshot } from '@tally/events';
import { BOARD_KEY_HEADER } from '@tally/events/constants';
import { queryOptions } from '@tanstack/react-query';
import { ApiError, fetchJson } from '../app/http';
import { request } from '../socket/request';
import type { TallySocket } from '../socket/socket';
import { joinKey } from './board-keys';
import { isRetained, markJoined } from './board-membership';
import { type BoardView, mergeBoardView } from './board-view';

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

/**
 * Joins the board over the socket and returns its snapshot. While the socket is down the
 * snapshot comes over HTTP instead, so a reload without a connection still shows the board
 * with its pending clicks; the join follows when the socket is back (reconnects invalidate).
 */
async function loadBoard(socket: TallySocket, boardId: string): Promise<BoardView> {
  const key = joinKey(boardId);
  if (socket.connected) {
    const answer = await request(socket, 'board:join', key === undefined ? { boardId } : { boardId, key });
    if (!answer.ok) throw new ApiError(answer.error.code, answer.error.message);
    if (!isRetained(boardId)) {
      // The page moved on while the join was on its way: leave again rather than linger in the room.
      void request(socket, 'board:leave', { boardId });
    } else {
      markJoined(boardId);
    }
    return { board: answer.board, role: answer.role };
  }
  const board = await fetchJson<BoardSnapshot>(`/api/boards/${encodeURIComponent(boardId)}`, {
    headers: key === undefined ? {} : { [BOARD_KEY_HEADER]: key },
  });
  return { board, role: 'member' };
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
