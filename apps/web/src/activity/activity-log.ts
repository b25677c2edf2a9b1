import type { LiveEvent } from '@tally/client';
import type { ActivityActor, ActivityEntry, ActivityKind } from '@tally/events';

/** One line of a board's activity feed, as shown. */
export interface FeedLine {
  key: string;
  /** ms since epoch (the server's clock for history, this browser's for what arrived live). */
  at: number;
  kind: ActivityKind | 'joined' | 'left';
  /** Whose colour the line's dot takes (null: an HTTP call, or nobody in particular). */
  actorId: string | null;
  /** Who the line is about, by name: the sentence begins with it. */
  who: string;
  text: string;
}

/** Consecutive clicks by one member on one counter closer together than this read as one line. */
export const BURST_WINDOW_MS = 5_000;

type ChangeRow = Omit<ActivityEntry, 'id'> & { key: string; previousName?: string };
type Row = ChangeRow | { key: string; at: number; kind: 'joined' | 'left'; name: string };

const SOMEONE: ActivityActor = { clientId: null, name: 'Someone' };

/** The rows of a live event: one per member (and kind) of a value update. */
function liveRows(event: LiveEvent): Row[] {
  const key = `live-${event.seq}`;
  switch (event.type) {
    case 'presence':
      return [{ key, at: event.at, kind: event.kind, name: event.name }];
    case 'counter': {
      const { at, kind, counterId, counterName, actor, previousName, value } = event;
      return [{ key, at, kind, counterId, counterName, actor, previousName, value }];
    }
    case 'update': {
      const { at, counterId, counterName } = event;
      if (event.actors === undefined)
        return [
          {
            key,
            at,
            kind: 'increment',
            counterId,
            counterName,
            by: event.value - event.before,
            actor: SOMEONE,
          },
        ];
      // The update's value is the one after its last change: an entry's own value only when it has one actor.
      const value = event.actors.length === 1 ? event.value : undefined;
      return event.actors
        .filter((actor) => actor.delta !== 0 || actor.kind === 'reset')
        .map((actor, index) => ({
          key: `${key}-${index}`,
          at,
          kind: actor.kind ?? 'increment',
          counterId,
          counterName,
          by: actor.delta,
          ...(value === undefined ? {} : { value }),
          actor: { clientId: actor.clientId, name: actor.name },
        }));
    }
  }
}

/** Renames in the history do not say the old name: it is the name of the counter's entry before. */
function withPreviousNames(rows: Row[]): void {
  const names = new Map<string, string>();
  for (let i = rows.length - 1; i >= 0; i -= 1) {
    const row = rows[i];
    if (row === undefined || !('counterId' in row)) continue;
    const before = names.get(row.counterId);
    if (row.kind === 'counter_renamed' && row.previousName === undefined && before !== undefined)
      rows[i] = { ...row, previousName: before };
    names.set(row.counterId, row.counterName);
  }
}

/**
 * A burst of clicks reads as one line: one member's increments of one counter, each close to the
 * next; so does a burst of undos.
 */
function mergeBursts(rows: readonly Row[]): Row[] {
  const merged: Row[] = [];
  let burst: { row: ChangeRow; oldestAt: number } | null = null;
  for (const row of rows) {
    const click: ChangeRow | null =
      (row.kind === 'increment' || row.kind === 'undo') && 'actor' in row ? row : null;
    if (
      burst !== null &&
      click !== null &&
      click.kind === burst.row.kind &&
      click.actor.clientId !== null &&
      click.actor.clientId === burst.row.actor.clientId &&
      click.counterId === burst.row.counterId &&
      Math.abs(burst.oldestAt - click.at) <= BURST_WINDOW_MS
    ) {
      // Keyed by its oldest click, which stays as new ones arrive on top.
      const head: ChangeRow = burst.row;
      const next: ChangeRow = { ...head, by: (head.by ?? 0) + (click.by ?? 0), key: click.key };
      burst = { row: next, oldestAt: click.at };
      merged[merged.length - 1] = next;
      continue;
    }
    merged.push(row);
    burst = click === null ? null : { row: click, oldestAt: click.at };
  }
  return merged;
}

function signed(n: number): string {
  return n < 0 ? `-${Math.abs(n)}` : `+${n}`;
}

/** The line's sentence ("Ana +5 on Count", ASCII minus: the e2e tests and the UI contract rely on it). */
function describe(row: Row): string {
  if (!('actor' in row)) return row.kind === 'joined' ? `${row.name} joined` : `${row.name} left`;
  const who = row.actor.name;
  const counter = row.counterName;
  switch (row.kind) {
    case 'increment':
      return `${who} ${signed(row.by ?? 0)} on ${counter}`;
    case 'undo':
      // An undo's `by` is the inverse of the click it undid.
      return row.by === undefined
        ? `${who} undid a click on ${counter}`
        : `${who} undid ${signed(-row.by)} on ${counter}`;
    case 'reset':
      return row.by !== undefined && row.value !== undefined && row.by !== 0
        ? `${who} reset ${counter} from ${row.value - row.by}`
        : `${who} reset ${counter}`;
    case 'counter_created':
      return `${who} added ${counter}`;
    case 'counter_renamed':
      return row.previousName !== undefined && row.previousName !== counter
        ? `${who} renamed ${row.previousName} to ${counter}`
        : `${who} renamed a counter to ${counter}`;
    case 'counter_configured':
      return `${who} changed the settings of ${counter}`;
    case 'counter_deleted':
      return `${who} deleted ${counter}`;
  }
}

/**
 * The feed, newest first: what arrived live (already stripped of what the history holds) above
 * the history pages.
 */
export function feedLines(history: readonly ActivityEntry[], live: readonly LiveEvent[]): FeedLine[] {
  const rows: Row[] = [];
  for (let i = live.length - 1; i >= 0; i -= 1) {
    const event = live[i];
    if (event !== undefined) rows.push(...liveRows(event));
  }
  for (const { id, ...entry } of history) rows.push({ ...entry, key: `history-${id}` });
  withPreviousNames(rows);
  return mergeBursts(rows).map((row) => ({
    key: row.key,
    at: row.at,
    kind: row.kind,
    actorId: 'actor' in row ? row.actor.clientId : null,
    who: 'actor' in row ? row.actor.name : row.name,
    text: describe(row),
  }));
}
