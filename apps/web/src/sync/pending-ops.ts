/**
 * A value-changing operation the user made that the server has not confirmed yet. Each carries
 * the opId it is sent with every time, so a retry or a replay after a reload is applied once.
 */
export type PendingOp =
  | { kind: 'increment'; opId: string; boardId: string; counterId: string; by: number; createdAt: number }
  | { kind: 'reset'; opId: string; boardId: string; counterId: string; createdAt: number };

/** What a counter shows: the server value with the user's pending ops applied on top, in order. */
export function optimisticValue(serverValue: number, ops: readonly PendingOp[]): number {
  let value = serverValue;
  for (const op of ops) value = op.kind === 'reset' ? 0 : value + op.by;
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
    typeof op.createdAt === 'number';
  if (!common) return false;
  if (op.kind === 'reset') return true;
  return op.kind === 'increment' && Number.isSafeInteger(op.by) && op.by !== 0;
}
