import { BOARD_KEY_HEADER } from '@tally/events/constants';
import { downloadBlob, safeFileName } from '../app/download';
import { joinKey } from '../boards/board-keys';

/**
 * Downloads the board's whole activity as CSV (`GET /api/boards/:id/activity.csv`, oldest first).
 * Fetched rather than linked: a private board's key travels in a header, never in a URL. Rejects
 * when the server cannot be reached or refuses.
 */
export async function downloadActivityCsv(boardId: string, boardName: string): Promise<void> {
  const key = joinKey(boardId);
  const response = await fetch(`/api/boards/${encodeURIComponent(boardId)}/activity.csv`, {
    headers: key === undefined ? {} : { [BOARD_KEY_HEADER]: key },
  });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  downloadBlob(await response.blob(), `${safeFileName(boardName, 'board')} activity.csv`);
}
