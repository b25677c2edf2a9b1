import {
  type Ack,
  type AckedClientEvent,
  ackError,
  type ClientEventName,
  type ClientEventResults,
  clientPayloadSchemas,
  isClientEventName,
  type ParsedPayload,
  TallyError,
  type UnackedClientEvent,
  unackedClientEvents,
} from '@tally/events';
import type { z } from 'zod';
import type { TallySocket } from '../sockets/socket-types.js';
import { type AckReply, findAck } from './ack.js';
import type { EventContext, RealtimeServices } from './handler-context.js';
import { JoinedBoards } from './joined-boards.js';
import type { SocketEventBudgets } from './socket-rate-limit.js';
import { unknownEventError } from './unknown-events.js';

/** An event with an ack: its result or error is answered (`{ ok: true, ...result }` / `{ ok: false, error }`). */
export type AckedHandler<E extends AckedClientEvent> = (
  ctx: EventContext,
  payload: ParsedPayload<E>,
) => Promise<ClientEventResults[E]>;
/** An event without an ack (`presence:focus`): invalid payloads and errors are dropped. */
export type UnackedHandler<E extends UnackedClientEvent> = (
  ctx: EventContext,
  payload: ParsedPayload<E>,
) => Promise<void>;

/** One handler per client event: a router cannot be built with one missing. */
export type EventHandlers = { [E in AckedClientEvent]: AckedHandler<E> } & {
  [E in UnackedClientEvent]: UnackedHandler<E>;
};

/** A socket's `onAny` listener: Socket.IO calls it with the socket as `this` and the event's arguments. */
export type EventRoute = (this: TallySocket, ...args: unknown[]) => void;

const MAX_MESSAGE_LENGTH = 300;
const INTERNAL_MESSAGE = 'Something went wrong on the server';
const RATE_LIMITED = ackError('rate_limited', 'too many events, slow down and retry later');
const UNACKED: ReadonlySet<string> = new Set(unackedClientEvents);
/** The event whose acks are timed (`tally_ack_duration_seconds`). */
const INCREMENT: ClientEventName = 'counter:increment';

/**
 * Builds, once per server, the one listener every socket routes its events through: the rate
 * limit (every event counts, unknown ones included), unknown names refused, the payload validated,
 * the handler run, and its result answered exactly once, when the client gave a callback. A socket
 * then holds a reference to this function instead of a closure per event (memory per connection).
 * It runs before the socket's middlewares, which end every event (see `stopAfterRouting`).
 */
export function createEventRouter(
  services: RealtimeServices,
  handlers: EventHandlers,
  budgets: SocketEventBudgets,
): EventRoute {
  const { metrics } = services;

  function logUnexpected(socket: TallySocket, event: ClientEventName, error: unknown): void {
    services.log.error({ err: error, event, socketId: socket.id }, 'socket event handler failed');
  }

  function toAckError(socket: TallySocket, event: ClientEventName, error: unknown): Ack {
    if (error instanceof TallyError) {
      // The store's own `internal` errors carry a generic message and keep the real one as cause.
      if (error.code === 'internal') logUnexpected(socket, event, error);
      return ackError(error.code, error.message);
    }
    // Internal text (SQL, stack, paths) never reaches a client; the log keeps it.
    logUnexpected(socket, event, error);
    return ackError('internal', INTERNAL_MESSAGE);
  }

  async function answer(ctx: EventContext, event: ClientEventName, payloadArgs: unknown[]): Promise<Ack> {
    try {
      // The handler is the one of `event`, and parse() checked the payload against `event`'s schema.
      const handler = handlers[event] as (ctx: EventContext, payload: unknown) => Promise<object>;
      return { ok: true, ...(await handler(ctx, parse(event, payloadArgs))) };
    } catch (error) {
      return toAckError(ctx.socket, event, error);
    }
  }

  async function runUnacked(
    ctx: EventContext,
    event: ClientEventName,
    payloadArgs: unknown[],
  ): Promise<void> {
    try {
      const handler = handlers[event] as (ctx: EventContext, payload: unknown) => Promise<void>;
      await handler(ctx, parse(event, payloadArgs));
      metrics.answered(event, 'ok');
    } catch (error) {
      if (!(error instanceof TallyError)) logUnexpected(ctx.socket, event, error);
      metrics.answered(event, error instanceof TallyError ? error.code : 'internal');
    }
  }

  /** Sends an acked event's result (when the client asked for it) and counts it. */
  function reply(event: ClientEventName, ack: AckReply | undefined, result: Ack, receivedAt: number): void {
    ack?.(result);
    metrics.answered(event, result.ok ? 'ok' : result.error.code);
    if (result.ok && event === INCREMENT) metrics.socketIncrementAcked(receivedAt);
  }

  return function route(this: TallySocket, ...args: unknown[]): void {
    // As Socket.IO itself does for its listeners: nothing is handled once the socket is gone.
    if (!this.connected) return;
    const event = args[0];
    // Read only for the event whose acks are timed: the clock costs a little on every call.
    const receivedAt = event === INCREMENT ? performance.now() : 0;
    const ack: AckReply | undefined = findAck(args);
    const refusedBy = budgets.take(this);
    if (refusedBy !== null) {
      // The address's refusals are counted by its limits, which keep their own figures too.
      if (refusedBy === 'socket') metrics.refused('socket_events');
      metrics.answered(isClientEventName(event) ? event : 'unknown', 'rate_limited');
      ack?.(RATE_LIMITED);
      return;
    }
    if (!isClientEventName(event)) {
      metrics.answered('unknown', 'unknown_event');
      ack?.(unknownEventError(event));
      return;
    }
    const payloadArgs = args.slice(1, ack ? -1 : undefined);
    const ctx: EventContext = { ...services, socket: this, joined: new JoinedBoards(this.data) };
    if (UNACKED.has(event)) void runUnacked(ctx, event, payloadArgs);
    else void answer(ctx, event, payloadArgs).then((result) => reply(event, ack, result, receivedAt));
  };
}

function parse(event: ClientEventName, args: readonly unknown[]): unknown {
  // Exactly one payload argument: extra arguments are as suspicious as extra keys.
  if (args.length !== 1) throw new TallyError('invalid_payload', 'expected exactly one payload object');
  const parsed = clientPayloadSchemas[event].safeParse(args[0]);
  if (!parsed.success) throw new TallyError('invalid_payload', describeIssues(parsed.error));
  return parsed.data;
}

function describeIssues(error: z.ZodError): string {
  const text = error.issues
    .map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
  return text.length > MAX_MESSAGE_LENGTH ? `${text.slice(0, MAX_MESSAGE_LENGTH)}…` : text;
}
