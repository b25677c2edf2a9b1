import { randomUUID } from 'node:crypto';
import type { CreateBoardResponse } from '@tally/events';
import type { TestServer } from './test-server.js';

/** A name no other test uses. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

/** A fresh opId, as the web app makes them. */
export function newOpId(): string {
  return randomUUID();
}

/** Creates a board over HTTP and returns its keys. */
export async function createBoard(
  server: TestServer,
  visibility: 'public' | 'private' = 'public',
  name: string = uniqueName('board'),
): Promise<CreateBoardResponse> {
  const response = await fetch(`${server.url}/api/boards`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, visibility }),
  });
  if (response.status !== 201)
    throw new Error(`POST /api/boards: ${response.status} ${await response.text()}`);
  return (await response.json()) as CreateBoardResponse;
}
