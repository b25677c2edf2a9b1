/**
 * A server message the client refused to apply: it failed its schema, or it cannot be true of
 * the state it would change (a counter the board never had, a version far beyond any the
 * counter could have reached). It is dropped, counted and reported; the state stays as it was.
 */
export interface ProtocolViolation {
  /** The event (or `ack:<event>` for an acknowledgement). */
  event: string;
  reason: 'schema' | 'unknown_counter' | 'version_leap';
  /** What was wrong, for logs. */
  message: string;
  payload: unknown;
}

export interface ViolationReporter {
  report(violation: ProtocolViolation): void;
}
