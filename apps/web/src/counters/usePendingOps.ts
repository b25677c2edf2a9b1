import { useMemo, useSyncExternalStore } from 'react';
import { groupOpsByCounter, type PendingOp } from '../sync/pending-ops';
import { opQueue } from './op-queue';

/** The pending ops of one board, grouped by counter, re-rendering when the queue changes. */
export function usePendingOps(boardId: string): Map<string, PendingOp[]> {
  const ops = useSyncExternalStore(opQueue.subscribe, opQueue.getOps);
  return useMemo(() => groupOpsByCounter(ops.filter((op) => op.boardId === boardId)), [ops, boardId]);
}
