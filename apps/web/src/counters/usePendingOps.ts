import { groupOpsByCounter, type PendingOp } from '@tally/client';
import { useMemo } from 'react';
import { useTallyClient } from '../app/TallyClientProvider';
import { useReadableStore } from '../app/useReadableStore';

/** The pending ops of one board (every tab's of this profile), grouped by counter, re-rendering when they change. */
export function usePendingOps(boardId: string): Map<string, PendingOp[]> {
  const ops = useReadableStore(useTallyClient().pendingOps);
  return useMemo(() => groupOpsByCounter(ops.filter((op) => op.boardId === boardId)), [ops, boardId]);
}
