import type { LiveEvent } from '@tally/client';
import type { ActivityActor, CounterActor } from '@tally/events';

/**
 * Live events as a board's state holds them (the client makes them from socket events), for the
 * tests of the feed: each builder numbers its event in order of arrival, as the client does.
 */
let seq = 0;

/** A value change of counter c1 ("Count") from `before` to `value`, by `actors` (undefined: nobody named). */
export function liveUpdate(
  at: number,
  before: number,
  value: number,
  actors: CounterActor[] | undefined,
): LiveEvent {
  return { type: 'update', seq: ++seq, at, counterId: 'c1', counterName: 'Count', value, before, actors };
}

export function livePresence(at: number, kind: 'joined' | 'left', name: string): LiveEvent {
  return { type: 'presence', seq: ++seq, at, kind, name };
}

/** A counter event of c1, named `counterName` (a rename: the new name, after `previousName`). */
export function liveCounterEvent(
  at: number,
  kind: Extract<LiveEvent, { type: 'counter' }>['kind'],
  counterName: string,
  actor: ActivityActor,
  previousName?: string,
): LiveEvent {
  return {
    type: 'counter',
    seq: ++seq,
    at,
    kind,
    counterId: 'c1',
    counterName,
    actor,
    ...(previousName === undefined ? {} : { previousName }),
  };
}
