import { useCallback } from 'react';
import { useTallyClient } from '../app/TallyClientProvider';

/**
 * Tells the others of the board which counter this user points at (null: none). The client
 * throttles it, sends it volatile, tells it again to newcomers, and sends nothing for a viewer.
 */
export function usePointer(boardId: string): (counterId: string | null) => void {
  const client = useTallyClient();
  return useCallback((counterId: string | null) => client.point(boardId, counterId), [client, boardId]);
}
