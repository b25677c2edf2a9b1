import type { Ack } from '@tally/events';

/** The acknowledgement callback of one client event, answered at most once. */
export type AckReply = (result: Ack) => void;

/**
 * The ack callback Socket.IO appended to an event's arguments, if the client asked for one.
 * It is the last argument; a client cannot send a function any other way (frames are JSON),
 * so a function there is always Socket.IO's own.
 */
export function findAck(args: readonly unknown[]): AckReply | undefined {
  const last = args.at(-1);
  if (typeof last !== 'function') return undefined;
  let answered = false;
  return (result) => {
    if (answered) return;
    answered = true;
    last(result);
  };
}
