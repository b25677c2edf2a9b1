import type { Counter, CounterUpdate } from '@tally/events';

/**
 * Version rules: a counter's `version` rises by one per applied change, so the client keeps
 * the highest version it has seen. Whatever the source (an event, an ack, a snapshot or a
 * refetch), data with a lower or equal version never replaces what is already there.
 */
export function isNewer(candidate: { version: number }, current: { version: number } | undefined): boolean {
  return current === undefined || candidate.version > current.version;
}

/** Applies value updates to a list of counters; returns the same array when nothing moved forward. */
export function applyCounterUpdates(counters: Counter[], updates: readonly CounterUpdate[]): Counter[] {
  if (updates.length === 0) return counters;
  const byId = new Map<string, CounterUpdate>();
  for (const update of updates) {
    const seen = byId.get(update.counterId);
    if (seen === undefined || update.version > seen.version) byId.set(update.counterId, update);
  }
  let changed = false;
  const next = counters.map((counter) => {
    const update = byId.get(counter.id);
    if (update === undefined || !isNewer(update, counter)) return counter;
    changed = true;
    return { ...counter, value: update.value, version: update.version };
  });
  return changed ? next : counters;
}

/**
 * A counter's name and settings (limits, step, goal) from `source`, with the value of whichever
 * has the higher version. Names and settings do not move the version (v1.1 details): they are
 * taken from every snapshot and event as they come; the value follows the version rule.
 * The same object when nothing changes.
 */
export function withDescription(known: Counter, source: Counter): Counter {
  const base = isNewer(source, known) ? { ...known, value: source.value, version: source.version } : known;
  const same =
    base.name === source.name &&
    base.min === source.min &&
    base.max === source.max &&
    base.step === source.step &&
    base.goal === source.goal;
  if (same) return base;
  const { name, min, max, step, goal } = source;
  return { ...base, name, min, max, step, goal };
}

/**
 * Merges a freshly fetched list of counters into the one in the cache. The fresh list decides
 * which counters exist, their names, settings and order (deletions and renames show up); for
 * each counter, the value with the higher version wins, so a slow snapshot cannot undo a newer event.
 */
export function mergeCounterLists(current: readonly Counter[], fresh: readonly Counter[]): Counter[] {
  const currentById = new Map(current.map((counter) => [counter.id, counter]));
  return fresh.map((counter) => {
    const known = currentById.get(counter.id);
    return known === undefined ? counter : withDescription(known, counter);
  });
}
