import type { ActivityActor, CounterActor, ServerPayload } from '@tally/events';

/** Someone came to the board or went: heard live only (the server records no such entry). */
export interface PresenceEvent {
  kind: 'joined' | 'left';
  name: string;
}

/** The kinds of activity entry a counter event (not a value change) makes. */
export type CounterEventKind =
  | 'counter_created'
  | 'counter_renamed'
  | 'counter_configured'
  | 'counter_deleted';

/**
 * What this tab heard on the socket since it opened the board, kept as the server said it (the
 * feed makes lines of it). `at` is this browser's clock when it arrived; `seq` orders arrivals.
 */
export type LiveEvent =
  | ({ type: 'presence'; seq: number; at: number } & PresenceEvent)
  | {
      type: 'update';
      seq: number;
      at: number;
      counterId: string;
      counterName: string;
      /** The counter's value after the update, and before it (as this tab knew it). */
      value: number;
      before: number;
      /** Who made the changes it carries; undefined when the server named no one. */
      actors: readonly CounterActor[] | undefined;
    }
  | {
      type: 'counter';
      seq: number;
      at: number;
      kind: CounterEventKind;
      counterId: string;
      counterName: string;
      /** A rename: the name before it, as this tab knew it. */
      previousName?: string;
      /** A new counter's initial value. */
      value?: number;
      actor: ActivityActor;
    };

/** What the feed knows of each counter: moved on by events only, so that each change is told once. */
export type KnownCounters = Map<string, { name: string; value: number; version: number }>;

/** Live events kept at most: the history route has the rest. */
export const MAX_LIVE_EVENTS = 300;

const SOMEONE: ActivityActor = { clientId: null, name: 'Someone' };

let nextSeq = 1;

/** Appends events to the live list, keeping the newest MAX_LIVE_EVENTS (a new array when something was added). */
export function withLiveEvents(
  live: readonly LiveEvent[],
  events: readonly LiveEvent[],
): readonly LiveEvent[] {
  return events.length === 0 ? live : [...live, ...events].slice(-MAX_LIVE_EVENTS);
}

export function presenceEvents(events: readonly PresenceEvent[], at: number): LiveEvent[] {
  return events.map((event) => ({ type: 'presence', seq: nextSeq++, at, ...event }));
}

/**
 * The value changes of a `counter:updated`, one event per counter that moved past the version
 * this tab knew (an older or repeated update tells nothing new), moving `known` on.
 */
export function updateEvents(
  payload: ServerPayload<'counter:updated'>,
  known: KnownCounters,
  at: number,
): LiveEvent[] {
  const events: LiveEvent[] = [];
  for (const update of payload.updates) {
    const counter = known.get(update.counterId);
    if (counter === undefined || update.version <= counter.version) continue;
    events.push({
      type: 'update',
      seq: nextSeq++,
      at,
      counterId: update.counterId,
      counterName: counter.name,
      value: update.value,
      before: counter.value,
      actors: update.actors,
    });
    known.set(update.counterId, { name: counter.name, value: update.value, version: update.version });
  }
  return events;
}

/** A counter created, renamed, configured or deleted, moving `known` on (names only: values follow updates). */
export function counterEvent(
  kind: CounterEventKind,
  payload: { counterId: string; name?: string; value?: number; actor?: ActivityActor | undefined },
  known: KnownCounters,
  at: number,
): LiveEvent {
  const counter = known.get(payload.counterId);
  const counterName = payload.name ?? counter?.name ?? 'a counter';
  const event: LiveEvent = {
    type: 'counter',
    seq: nextSeq++,
    at,
    kind,
    counterId: payload.counterId,
    counterName,
    actor: payload.actor ?? SOMEONE,
    ...(kind === 'counter_renamed' && counter !== undefined ? { previousName: counter.name } : {}),
    ...(payload.value === undefined ? {} : { value: payload.value }),
  };
  if (counter !== undefined) counter.name = counterName;
  if (kind === 'counter_deleted') known.delete(payload.counterId);
  return event;
}
