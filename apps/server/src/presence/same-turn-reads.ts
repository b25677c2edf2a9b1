/**
 * Shares a read among the callers that ask for the same thing (the same key) during one turn of the event loop:
 * the read is sent once that turn's I/O callbacks have run (setImmediate), and every caller that
 * asked before it was sent gets its result. A caller that asks after it was sent waits for a new
 * one, so each caller's answer reflects every write it made before asking (on the same Redis
 * connection, commands are answered in the order they were sent). On a quiet loop this adds no
 * wait to speak of; in a storm of joins on one board it turns a read per join (each of the whole
 * member list, parsed and sorted again) into a read per turn. The result is shared: callers read
 * it and never change it.
 */
export function sameTurnReads<A extends unknown[], T>(
  keyOf: (...args: A) => string,
  read: (...args: A) => Promise<T>,
): (...args: A) => Promise<T> {
  const waiting = new Map<string, Promise<T>>();
  return (...args) => {
    const key = keyOf(...args);
    const shared = waiting.get(key);
    if (shared) return shared;
    const next = new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
      waiting.delete(key);
      return read(...args);
    });
    waiting.set(key, next);
    return next;
  };
}
