export interface RecordedEvent {
  id: number;
  direction: 'in' | 'out';
  name: string;
  /** The arguments as JSON (acknowledgement callbacks left out), shortened for display. */
  payload: string;
  at: number;
}

export const MAX_EVENTS = 200;
const MAX_PAYLOAD_CHARS = 600;

let nextId = 1;

/** Turns one socket event into a log line; never throws, whatever the payload holds. */
export function recordEvent(
  direction: RecordedEvent['direction'],
  name: string,
  args: unknown[],
  at: number,
): RecordedEvent {
  const data = args.filter((arg) => typeof arg !== 'function');
  let payload: string;
  try {
    payload = data.length === 0 ? '' : JSON.stringify(data.length === 1 ? data[0] : data);
  } catch {
    payload = '[unserialisable]';
  }
  if (payload.length > MAX_PAYLOAD_CHARS) payload = `${payload.slice(0, MAX_PAYLOAD_CHARS)}…`;
  return { id: nextId++, direction, name, payload, at };
}

/** Appends events, keeping the newest MAX_EVENTS. */
export function appendEvents(
  log: readonly RecordedEvent[],
  events: readonly RecordedEvent[],
): RecordedEvent[] {
  return [...log, ...events].slice(-MAX_EVENTS);
}
