import type { ServerEventName, ServerPayload } from '@tally/events';
import { serverPayloadSchemas } from '@tally/events/server-events';
import type { TallySocket } from '../socket.js';
import type { ViolationReporter } from './protocol-violation.js';

export type ServerEventListener<E extends ServerEventName> = (payload: ServerPayload<E>) => void;

export interface ServerEventHub {
  /** Listens to a server event; the listener only ever sees payloads that passed the contract's schema. */
  on<E extends ServerEventName>(event: E, listener: ServerEventListener<E>): () => void;
  dispose(): void;
}

/** A short account of what failed, from zod's issues. */
export function describeIssues(
  issues: ReadonlyArray<{ path: readonly PropertyKey[]; message: string }>,
): string {
  return issues
    .slice(0, 3)
    .map((issue) => `${issue.path.map(String).join('.') || '(payload)'}: ${issue.message}`)
    .join('; ');
}

/**
 * The one place server-to-client events enter the client. Each event the client listens to gets
 * one socket listener, which validates the payload with the `@tally/events` schema before any
 * module sees it: a malformed event is dropped and reported, never applied. Events nobody listens
 * to are not parsed at all; events the contract does not know (a newer server's additions) are
 * ignored, as the protocol extends only additively.
 */
export function createServerEventHub(socket: TallySocket, reporter: ViolationReporter): ServerEventHub {
  const listeners = new Map<ServerEventName, Set<(payload: never) => void>>();
  const detach: Array<() => void> = [];

  function attach(event: ServerEventName): Set<(payload: never) => void> {
    const set = new Set<(payload: never) => void>();
    listeners.set(event, set);
    const schema = serverPayloadSchemas[event];
    const onEvent = (payload: unknown) => {
      const parsed = schema.safeParse(payload);
      if (!parsed.success) {
        reporter.report({ event, reason: 'schema', message: describeIssues(parsed.error.issues), payload });
        return;
      }
      // Iterated in place, not copied: this runs for every event, and a Set's iteration already
      // tolerates listeners removed or added meanwhile.
      for (const listener of set) (listener as (payload: unknown) => void)(parsed.data);
    };
    // The typed event map cannot name "any server event" at one call site.
    const untyped = socket as unknown as {
      on(event: string, listener: (payload: unknown) => void): void;
      off(event: string, listener: (payload: unknown) => void): void;
    };
    untyped.on(event, onEvent);
    detach.push(() => untyped.off(event, onEvent));
    return set;
  }

  return {
    on(event, listener) {
      const set = listeners.get(event) ?? attach(event);
      const entry = listener as (payload: never) => void;
      set.add(entry);
      return () => {
        set.delete(entry);
      };
    },
    dispose() {
      for (const off of detach) off();
      listeners.clear();
    },
  };
}
