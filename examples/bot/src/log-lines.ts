import { type ConnectionStatus, describeStatus, type LiveEvent } from '@tally/client';

type Actors = Extract<LiveEvent, { type: 'update' }>['actors'];

const signed = (delta: number): string => (delta < 0 ? `${delta}` : `+${delta}`);

/** "Ana +3, Bot reset": who made the changes one update carries (an actor without `kind` incremented). */
function describeActors(actors: NonNullable<Actors>): string {
  return actors
    .map(({ name, kind, delta }) => {
      if (kind === 'reset') return `${name} reset`;
      if (kind === 'undo') return `${name} undid ${signed(-delta)}`;
      return `${name} ${signed(delta)}`;
    })
    .join(', ');
}

type CounterLiveEvent = Extract<LiveEvent, { type: 'counter' }>;

function describeCounterEvent(event: CounterLiveEvent): string {
  const who = event.actor.name;
  switch (event.kind) {
    case 'counter_created':
      return `${who} created "${event.counterName}"${event.value === undefined ? '' : ` at ${event.value}`}`;
    case 'counter_renamed':
      return event.previousName === undefined
        ? `${who} renamed a counter to "${event.counterName}"`
        : `${who} renamed "${event.previousName}" to "${event.counterName}"`;
    case 'counter_configured':
      return `${who} changed the settings of "${event.counterName}"`;
    case 'counter_deleted':
      return `${who} deleted "${event.counterName}"`;
  }
}

/** One line for something the bot heard on its board. */
export function describeLiveEvent(event: LiveEvent): string {
  switch (event.type) {
    case 'update': {
      const who =
        event.actors === undefined || event.actors.length === 0 ? '' : ` (${describeActors(event.actors)})`;
      return `"${event.counterName}" ${event.before} → ${event.value}${who}`;
    }
    case 'counter':
      return describeCounterEvent(event);
    case 'presence':
      return `${event.name} ${event.kind}`;
  }
}

/** The connection as a log line: the web app's badge text, and why when it is offline. */
export function describeConnection(status: ConnectionStatus): string {
  const text = `connection: ${describeStatus(status)}`;
  if (status.kind !== 'offline') return text;
  return `${text} (${status.reason}${status.detail === undefined ? '' : `: ${status.detail}`})`;
}
