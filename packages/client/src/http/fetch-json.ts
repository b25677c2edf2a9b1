import type { ErrorCode, ProtocolError } from '@tally/events';

/** A failed request, over HTTP or as a socket ack: the protocol's error code, or `network` when nothing answered. */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode | 'network',
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/**
 * Fetches JSON from the Tally API and turns `{ error: { code, message } }` bodies into an ApiError.
 * HTTP bodies are typed by the contract, not validated here: the client validates what changes
 * its state (socket events and acks, see event-validation.ts).
 */
export async function fetchJson<T>(
  url: string,
  init: RequestInit = {},
  fetcher: typeof fetch = fetch,
): Promise<T> {
  const headers = new Headers(init.headers);
  headers.set('accept', 'application/json');
  if (init.body !== undefined) headers.set('content-type', 'application/json');
  let response: Response;
  try {
    response = await fetcher(url, { ...init, headers });
  } catch {
    throw new ApiError('network', 'The server is not reachable.');
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const error = (body as { error?: { code?: ErrorCode; message?: string } } | null)?.error;
    throw new ApiError(error?.code ?? 'internal', error?.message ?? `HTTP ${response.status}`);
  }
  return body as T;
}

/** The protocol error behind any failure, for wording a message (no answer at all reads as `unavailable`). */
export function toProtocolError(error: unknown): ProtocolError {
  return error instanceof ApiError && error.code !== 'network'
    ? { code: error.code, message: error.message }
    : { code: 'unavailable', message: 'The server is not reachable.' };
}
