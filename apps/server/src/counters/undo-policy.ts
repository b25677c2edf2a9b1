import { type Role, TallyError, UNDO_WINDOW_MS } from '@tally/events';
import { viewOnlyRefusal } from '../boards/board-roles.js';
import type { OpRecord } from '../store/store.js';

/**
 * Whether a member may undo an applied op (protocol v1.1), as a refusal or null. Only increments
 * are undone; by their author (the same clientId: an HTTP increment has none) or the board's
 * owner, never a viewer; within UNDO_WINDOW_MS, except that an increment already undone answers
 * with its first undo's result for as long as it is remembered ("once" wins over the window).
 */
export function undoRefusal(
  op: OpRecord,
  undoer: { role: Role; clientId: string },
  now: number,
): TallyError | null {
  if (op.kind !== 'increment') return new TallyError('invalid_payload', 'only increments can be undone');
  if (undoer.role === 'viewer') return viewOnlyRefusal();
  if (undoer.role !== 'owner' && op.actorClientId !== undoer.clientId) {
    return new TallyError('forbidden', 'only its author or the board owner can undo this');
  }
  if (op.undoneBy === null && now - op.appliedAt > UNDO_WINDOW_MS) {
    return new TallyError('forbidden', 'too late: an increment can be undone within 10 minutes');
  }
  return null;
}
