import {
  type Ack,
  type AckedClientEvent,
  ackError,
  type ClientEventName,
  type ClientEventResults,
  clientPayloadSchemas,
  type ParsedPayload,
  TallyError,
  type UnackedClientEvent,
} from '@tally/events';
import type { FastifyBaseLogger } from 'fastify';
import type { z } from 'zod';
import { findAck } from './ack.js';
import type { TallySocket } from './socket-types.js';

export type AckedHandler<E extends AckedClientEvent> = (
  payload: ParsedPayload<E>,
) => Promise<ClientEventResults[E]>;
export type UnackedHandler<E extends UnackedClientEvent> = (payload: ParsedPayload<E>) => Promise<void>;

/** Registers a socket's event handlers behind one validation and answering path. */
export interface EventDispatcher {
  /**
   * `handler` gets the validated payload; its result or error is answered exactly once
   * (`{ ok: true, ...result }` / `{ ok: false, error }`), and only when the client gave a callback.
   */
  handle<E extends AckedClientEvent>(event: E, handler: AckedHandler<E>): void;
  /** For events without an ack (`presence:focus`): invalid payloads and errors are dropped. */
  handleUnacked<E extends UnackedClientEvent>(event: E, handler: UnackedHandler<E>): void;
}

const MAX_MESSAGE_LENGTH = 300;
const INTERNAL_MESSAGE = 'Something went wrong on the server';

export function createEventDispatcher(socket: TallySocket, log: FastifyBaseLogger): EventDispatcher {
  /** Listeners take raw `unknown` arguments: the typed event map describes valid clients, not real ones. */
  function listen(event: ClientEventName, listener: (...args: unknown[]) => void): void {
    socket.on(event, listener);
  }

  function parse<E extends ClientEventName>(event: E, args: readonly unknown[]): ParsedPayload<E> {
    // Exactly one payload argument: extra arguments are as suspicious as extra keys.
    if (args.length !== 1) throw new TallyError('invalid_payload', 'expected exactly one payload object');
    const schema = clientPayloadSchemas[event] as unknown as z.ZodType<ParsedPayload<E>>;
    const parsed = schema.safeParse(args[0]);
    if (!parsed.success) throw new TallyError('invalid_payload', describeIssues(parsed.error));
    return parsed.data;
  }

  function logUnexpected(event: ClientEventName, error: unknown): void {
    log.error({ err: error, event, socketId: socket.id }, 'socket event handler failed');
  }

  function toAckError(event: ClientEventName, error: unknown): Ack {
    if (error instanceof TallyError) {
      // The store's own `internal` errors carry a generic message and keep the real one as cause.
      if (error.code === 'internal') logUnexpected(event, error);
      return ackError(error.code, error.message);
    }
    // Internal text (SQL, stack, paths) never reaches a client; the log keeps it.
    logUnexpected(event, error);
    return ackError('internal', INTERNAL_MESSAGE);
  }

  return {
    handle(event, handler) {
      listen(event, (...args: unknown[]) => {
        const ack = findAck(args);
        const payloadArgs = ack ? args.slice(0, -1) : args;
        const answer = async (): Promise<Ack> => {
          try {
            return { ok: true, ...(await handler(parse(event, payloadArgs))) };
          } catch (error) {
            return toAckError(event, error);
          }
        };
        void answer().then((result) => ack?.(result));
      });
    },

    handleUnacked(event, handler) {
      listen(event, (...args: unknown[]) => {
        const payloadArgs = findAck(args) ? args.slice(0, -1) : args;
        const run = async () => {
          try {
            await handler(parse(event, payloadArgs));
          } catch (error) {
            if (!(error instanceof TallyError)) logUnexpected(event, error);
          }
        };
        void run();
      });
    },
  };
}

function describeIssues(error: z.ZodError): string {
  const text = error.issues
    .map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
  return text.length > MAX_MESSAGE_LENGTH ? `${text.slice(0, MAX_MESSAGE_LENGTH)}…` : text;
}
