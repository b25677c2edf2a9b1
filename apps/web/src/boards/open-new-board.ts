import type { CreateBoardResponse } from '@tally/events';
import type { QueryClient } from '@tanstack/react-query';
import { navigate } from '../app/router';
import { boardPath, rememberBoardKeys } from './board-keys';
import { boardsListQueryKey } from './boards-list-query';

/**
 * What follows a board made in this browser (created, or imported from a snapshot): its keys are
 * kept here, so that this browser is its owner, the list of boards is refreshed and the board opens.
 */
export function openNewBoard(
  queryClient: QueryClient,
  { board, ownerKey, accessKey, viewerKey }: CreateBoardResponse,
): void {
  rememberBoardKeys(board.id, {
    ownerKey,
    viewerKey,
    name: board.name,
    ...(accessKey === undefined ? {} : { accessKey }),
  });
  void queryClient.invalidateQueries({ queryKey: boardsListQueryKey });
  navigate(boardPath(board.id));
}
