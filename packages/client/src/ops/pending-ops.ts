/**
 * A value-changing operation the user made that the server has not confirmed yet. Each carries
 * the opId it is sent with every time, so a retry or a replay after a reload is applied once.
 * An `undo` (v1.1) is sent as `counter:undo { opId: undoes, undoOpId: opId }`; its `by` is the
 * change it makes (the increment's `by`, negated), for the optimistic value. `origin` is the tab
 * that made the op (its tab channel's `tabId`): the queue is shared by the tabs of a profile, and
 * only that tab tells the user when the server refuses the op.
 */
export type PendingOp =
  | {
      kind: 'increment';
      opId: string;
      boardId: string;
      counterId: string;
      by: number;
      createdAt: number;
      origin?: string;
    }
  | { kind: 'reset'; opId: string; boardId: string; counterId: string; createdAt: number; origin?: string }
  | {
      kind: 'undo';
      opId: string;
      boardId: string;
      counterId: string;
      undoes: string;
      by: number;
      createdAt: number;
      origin?: string;
    };

/**
 * What a counter shows: the server value with the user's pending ops applied on top, in order.
 * A reset goes to `resetTo`, the counter's reset value (0, or its nearer bound).
 */
export function optimisticValue(serverValue: number, ops: readonly PendingOp[], resetTo = 0): number {
  let value = serverValue;
  for (const op of ops) value = op.kind === 'reset' ? resetTo : value + op.by;
  return value;
}

/** The pending ops of each counter, in the order they were made. */
export function groupOpsByCounter(ops: readonly PendingOp[]): Map<string, PendingOp[]> {
  const byCounter = new Map<string, PendingOp[]>();
  for (const op of ops) {
    const list = byCounter.get(op.counterId);
    if (list === undefined) byCounter.set(op.counterId, [op]);
    else list.push(op);
  }
  return byCounter;
}

/** Guards data read back from storage, which another version of the app may have written. */
export function isPendingOp(value: unknown): value is PendingOp {
  if (typeof value !== 'object' || value === null) return false;
  const op = value as Record<string, unknown>;
  const common =
    typeof op.opId === 'string' &&
    typeof op.boardId === 'string' &&
    typeof op.counterId === 'string' &&
    typeof op.createdAt === 'number' &&
    (op.origin === undefined || typeof op.origin === 'string');
  if (!common) return false;
  if (op.kind === 'reset') return true;
  const moves = Number.isSafeInteger(op.by) && op.by !== 0;
  if (op.kind === 'undo') return moves && typeof op.undoes === 'string';
  return op.kind === 'increment' && moves;
}
