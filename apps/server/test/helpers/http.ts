import {
  ACTOR_NAME_HEADER,
  type ActivityResponse,
  activityResponseSchema,
  BOARD_KEY_HEADER,
  type ErrorCode,
  IDEMPOTENCY_KEY_HEADER,
  type IncrementResponse,
} from '@tally/events';
import { expect } from 'vitest';

/** An HTTP error as the protocol has it: the status, a JSON body `{ error: { code, message } }`. */
export async function expectHttpError(response: Response, status: number, code: ErrorCode): Promise<void> {
  const text = await response.text();
  expect({ status: response.status, text }).toMatchObject({ status });
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  expect(JSON.parse(text)).toEqual({ error: { code, message: expect.any(String) } });
}

/** `x-board-key` when a key is given, nothing otherwise. */
export function keyHeader(key: string | undefined): Record<string, string> {
  return key === undefined ? {} : { [BOARD_KEY_HEADER]: key };
}

export interface HttpIncrement {
  by?: number;
  key?: string;
  /** Sent as is: percent-encode it first where the test means to. */
  actorName?: string;
  idempotencyKey?: string;
}

/** `POST /api/counters/:id/increment`, answered as it comes. */
export function postIncrement(
  baseUrl: string,
  counterId: string,
  options: HttpIncrement = {},
): Promise<Response> {
  return fetch(`${baseUrl}/api/counters/${counterId}/increment`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...keyHeader(options.key),
      ...(options.actorName !== undefined && { [ACTOR_NAME_HEADER]: options.actorName }),
      ...(options.idempotencyKey !== undefined && { [IDEMPOTENCY_KEY_HEADER]: options.idempotencyKey }),
    },
    body: JSON.stringify(options.by === undefined ? {} : { by: options.by }),
  });
}

/** Like postIncrement, but it must succeed: its `{ value, version }`. */
export async function incrementOverHttp(
  baseUrl: string,
  counterId: string,
  options: HttpIncrement = {},
): Promise<IncrementResponse> {
  const response = await postIncrement(baseUrl, counterId, options);
  const text = await response.text();
  if (response.status !== 200) throw new Error(`POST increment: ${response.status} ${text}`);
  return JSON.parse(text) as IncrementResponse;
}

/** `GET /api/boards/:id/activity` with a raw query string, answered as it comes. */
export function fetchActivity(baseUrl: string, boardId: string, query = '', key?: string): Promise<Response> {
  return fetch(`${baseUrl}/api/boards/${boardId}/activity${query}`, { headers: keyHeader(key) });
}

/** One page of activity, which must be 200 and match the contract's schema. */
export async function readActivity(
  baseUrl: string,
  boardId: string,
  query = '',
  key?: string,
): Promise<ActivityResponse> {
  const response = await fetchActivity(baseUrl, boardId, query, key);
  const text = await response.text();
  if (response.status !== 200) throw new Error(`GET activity${query}: ${response.status} ${text}`);
  return activityResponseSchema.parse(JSON.parse(text));
}
