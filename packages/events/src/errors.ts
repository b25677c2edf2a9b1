/** Every error code of protocol v1, with whether a client may retry the same operation. */
export const ERROR_CODES = {
  invalid_payload: { retryable: false, httpStatus: 400 },
  unknown_event: { retryable: false, httpStatus: 400 },
  // HTTP only: a route that needs a credential got none, or a wrong one (`/metrics` with METRICS_TOKEN).
  unauthorized: { retryable: false, httpStatus: 401 },
  not_found: { retryable: false, httpStatus: 404 },
  forbidden: { retryable: false, httpStatus: 403 },
  not_joined: { retryable: false, httpStatus: 403 },
  rate_limited: { retryable: true, httpStatus: 429 },
  out_of_range: { retryable: false, httpStatus: 409 },
  limit_reached: { retryable: false, httpStatus: 409 },
  unavailable: { retryable: true, httpStatus: 503 },
  internal: { retryable: false, httpStatus: 500 },
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export const errorCodes = Object.keys(ERROR_CODES) as ErrorCode[];

/** The error object carried by a failed ack and by every HTTP error body. */
export interface ProtocolError {
  code: ErrorCode;
  message: string;
}

export type AckOk<T extends object> = { ok: true } & T;
export interface AckError {
  ok: false;
  error: ProtocolError;
}
/** What every acknowledged client event is answered with, exactly once. */
export type Ack<T extends object = object> = AckOk<T> | AckError;

/** `rate_limited` and `unavailable` mean nothing was applied: send the same operation again later. */
export function isRetryable(code: ErrorCode): boolean {
  return ERROR_CODES[code].retryable;
}

export function ackError(code: ErrorCode, message: string): AckError {
  return { ok: false, error: { code, message } };
}

/** A typed error that server code throws and the event/route adapters turn into an ack or a 4xx/5xx. */
export class TallyError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'TallyError';
  }
}
