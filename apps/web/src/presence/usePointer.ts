import { useEffect, useMemo } from 'react';
import { useTallyClient } from '../app/TallyClientProvider';
import { createIdlePointer } from './idle-pointer';

/**
 * Tells the others of the board which counter this user points at (null: none), and stops
 * pointing after a few idle seconds (see createIdlePointer): call it again on each interaction.
 * The client throttles it, sends nothing when the target did not change, sends it volatile,
 * tells it again to newcomers, and sends nothing for a viewer.
 */
export function usePointer(boardId: string): (counterId: string | null) => void {
  const client = useTallyClient();
  const pointer = useMemo(
    () => createIdlePointer((counterId) => client.point(boardId, counterId)),
    [client, boardId],
  );
  useEffect(() => () => pointer.dispose(), [pointer]);
  return pointer.point;
}
