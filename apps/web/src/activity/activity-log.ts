/** One line of a board's activity feed. */
export type ActivityEntry =
  | { id: number; kind: 'joined' | 'left'; name: string; at: number }
  | {
      id: number;
      kind: 'changed';
      clientId: string;
      name: string;
      counterId: string;
      counterName: string;
      delta: number;
      at: number;
    };

export type ActivityEvent =
  | { kind: 'joined' | 'left'; name: string }
  | {
      kind: 'changed';
      clientId: string;
      name: string;
      counterId: string;
      counterName: string;
      delta: number;
    };

/** Consecutive changes by one member on one counter closer together than this make one entry. */
export const BURST_WINDOW_MS = 5_000;
export const MAX_ENTRIES = 100;

let nextId = 1;

/**
 * Adds an event to the feed (oldest first). A burst of clicks reads as one line: a change by
 * the same member on the same counter as the latest entry, within the burst window of it,
 * adds its delta to that entry instead of adding a line.
 */
export function appendActivity(
  entries: readonly ActivityEntry[],
  event: ActivityEvent,
  now: number,
): ActivityEntry[] {
  const last = entries.at(-1);
  if (
    event.kind === 'changed' &&
    last?.kind === 'changed' &&
    last.clientId === event.clientId &&
    last.counterId === event.counterId &&
    now - last.at <= BURST_WINDOW_MS
  ) {
    const merged: ActivityEntry = {
      ...last,
      delta: last.delta + event.delta,
      counterName: event.counterName,
      at: now,
    };
    return [...entries.slice(0, -1), merged];
  }
  const entry: ActivityEntry = { ...event, id: nextId++, at: now };
  return [...entries, entry].slice(-MAX_ENTRIES);
}

/** The entry's text, exactly as the UI contract spells it ("Ana +5 on Count", ASCII minus). */
export function describeActivity(entry: ActivityEntry): string {
  switch (entry.kind) {
    case 'joined':
      return `${entry.name} joined`;
    case 'left':
      return `${entry.name} left`;
    case 'changed':
      return `${entry.name} ${entry.delta < 0 ? '-' : '+'}${Math.abs(entry.delta)} on ${entry.counterName}`;
  }
}
