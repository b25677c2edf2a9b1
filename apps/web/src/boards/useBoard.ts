import type { BoardState } from '@tally/client';
import { useCallback, useEffect, useSyncExternalStore } from 'react';
import { useTallyClient } from '../app/TallyClientProvider';
import { rememberRole } from './board-keys';

/**
 * Shows a board: the client joins it while the component is mounted (and again after every
 * reconnect it did not recover), keeps its state current, and leaves it after. What each load
 * said about the keys (a link's key accepted, an owner's keys) is kept in this browser.
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
  const name = state.view?.board.name;
  // Once per load (each join answers anew), not on every change of the board.
  const loadedAt = state.view?.loadedAt;
  useEffect(() => {
    if (role !== undefined && loadedAt !== undefined) rememberRole(boardId, { role, keys, name });
  }, [boardId, role, keys, name, loadedAt]);

  return state;
}
