import type { PendingQueue } from './pending-queue.js';

/** The click to take back: an increment this user made. */
export interface UndoTarget {
  opId: string;
  boardId: string;
  counterId: string;
  by: number;
}

/**
 * Takes back one click. Still queued and never handed to the wire (`unsent`): it is simply
 * dropped from the queue, so the shown value goes back and nothing reaches the server. Anything
 * else may have been applied (on the wire, or queued by an earlier page that may have sent it):
 * an undo op is queued behind it, with an opId of its own, so that it survives going offline and
 * a retry is applied once; the flusher sends it only once the click itself was answered.
 */
export function undoClick(
  queue: PendingQueue,
  click: UndoTarget,
  options: { unsent: Set<string>; newOpId(): string; now: number; origin?: string },
): 'dropped' | 'queued' {
  if (options.unsent.has(click.opId) && queue.has(click.opId)) {
    options.unsent.delete(click.opId);
    queue.remove(click.opId);
    return 'dropped';
  }
  const { boardId, counterId } = click;
  queue.add({
    kind: 'undo',
    opId: options.newOpId(),
    undoes: click.opId,
    by: -click.by,
    boardId,
    counterId,
    createdAt: options.now,
    ...(options.origin === undefined ? {} : { origin: options.origin }),
  });
  return 'queued';
}
