// The messages between a WorkerProxy (main thread) and serveInWorker (worker thread).
import { type ErrorCode, errorCodes, TallyError } from '@tally/events';

/** Calls `method` of the object the worker serves; answered by the response with the same id. */
export interface WorkerRequest {
  id: number;
  method: string;
  args: unknown[];
}

/** What a TallyError keeps across the thread boundary: its code and message, and its cause's text for logs. */
export interface SerializedError {
  code: ErrorCode;
  message: string;
  cause?: { name: string; message: string; code?: string };
}

export type WorkerResponse =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; error: SerializedError };

/**
 * Turns what a served method threw into plain data. A TallyError keeps its code; anything else
 * is `internal`, with the generic text clients may see (details stay in the cause, for logs).
 */
export function serializeError(error: unknown): SerializedError {
  const tallyError = error instanceof TallyError ? error : new TallyError('internal', 'the store failed');
  const cause = error instanceof TallyError ? error.cause : error;
  const serialized: SerializedError = { code: tallyError.code, message: tallyError.message };
  if (cause instanceof Error) {
    const code = (cause as { code?: unknown }).code;
    serialized.cause = {
      name: cause.name,
      message: cause.message,
      ...(typeof code === 'string' ? { code } : {}),
    };
  }
  return serialized;
}

/** The TallyError a caller on the main thread gets, with the worker-side cause attached (not enumerable). */
export function deserializeError(serialized: SerializedError): TallyError {
  const code = errorCodes.includes(serialized.code) ? serialized.code : 'internal';
  const error = new TallyError(code, serialized.message);
  if (serialized.cause) {
    const cause = Object.assign(new Error(serialized.cause.message), serialized.cause);
    Object.defineProperty(error, 'cause', { value: cause, enumerable: false });
  }
  return error;
}
