import type { BoardState } from '@tally/client';
import { useCallback, useEffect, useSyncExternalStore } from 'react';
import { useTallyClient } from '../app/TallyClientProvider';
import { rememberRole } from './board-keys';

/**
 * Shows a board: the client joins it while the component is mounted (and again after every
 * reconnect it did not recover), keeps its state current, and leaves it after. What the join
 * said about the keys (an owner's keys, a viewer's link) is kept in this browser.
 */
export function useBoard(boardId: string): BoardState {
  const client = useTallyClient();
  useEffect(() => client.openBoard(boardId), [client, boardId]);
  const subscribe = useCallback(
    (listener: () => void) => client.subscribeBoard(boardId, listener),
    [client, boardId],
  );
  const state = useSyncExternalStore(subscribe, () => client.getBoard(boardId));

  const role = state.view?.role;
  const keys = state.view?.keys;
  useEffect(() => {
    if (role !== undefined) rememberRole(boardId, { role, keys });
  }, [boardId, role, keys]);

  return state;
}
