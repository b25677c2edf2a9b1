import type { LiveEvent } from '@tally/client';
import type { ActivityEntry } from '@tally/events';

/** How far down the history a live event is looked for: what overlaps is the newest few entries. */
const MATCH_DEPTH = 50;

const VALUE_KINDS = new Set<ActivityEntry['kind']>(['increment', 'undo', 'reset']);

/** Whether a history entry records (the last of) the changes a live update carries. */
function holdsUpdate(entry: ActivityEntry, update: Extract<LiveEvent, { type: 'update' }>): boolean {
  if (entry.counterId !== update.counterId || entry.value !== update.value || !VALUE_KINDS.has(entry.kind))
    return false;
  return (
    update.actors === undefined ||
    update.actors.some(
      (actor) => actor.clientId === entry.actor.clientId && (actor.kind ?? 'increment') === entry.kind,
    )
  );
}

/**
 * The live events the history page does not already hold. The page was requested at
 * `requestedAt` (this browser's clock), after the board was joined: a change heard before that
 * was written before it, so the page has it. A change heard after may be in the page too (its
 * broadcast can trail the write) or not; neither side carries an id of the other, so they are
 * matched by content:
 * - a value update is in the page when an entry of its counter has its value, by one of its
 *   actors, of that actor's kind (a merged entry carries the value after its last increment);
 *   then so is every earlier update of that counter;
 * - a counter event (created, renamed, configured, deleted) is in the page when an entry of its
 *   kind, counter, name and actor is, each entry answering for one event.
 * Arrivals and departures are never in the page. Before the page arrives, everything is shown.
 */
export function uncoveredLive(
  history: readonly ActivityEntry[],
  live: readonly LiveEvent[],
  requestedAt: number | undefined,
): LiveEvent[] {
  if (requestedAt === undefined) return [...live];
  const recent = history.slice(0, MATCH_DEPTH);
  const coveredUpTo = new Map<string, number>();
  for (let i = live.length - 1; i >= 0; i -= 1) {
    const event = live[i];
    if (event?.type !== 'update' || event.at < requestedAt || coveredUpTo.has(event.counterId)) continue;
    if (recent.some((entry) => holdsUpdate(entry, event))) coveredUpTo.set(event.counterId, event.seq);
  }
  const answered = new Set<ActivityEntry>();
  return live.filter((event) => {
    if (event.type === 'presence') return true;
    if (event.at < requestedAt) return false;
    if (event.type === 'update') return event.seq > (coveredUpTo.get(event.counterId) ?? 0);
    const match = recent.find(
      (entry) =>
        !answered.has(entry) &&
        entry.kind === event.kind &&
        entry.counterId === event.counterId &&
        entry.counterName === event.counterName &&
        entry.actor.clientId === event.actor.clientId,
    );
    if (match === undefined) return true;
    answered.add(match);
    return false;
  });
}
