import type { CreateBoardResponse } from '@tally/events';

/** Creates a public board through the HTTP API of `url` (a node or nginx). */
export async function createBoardAt(url: string, name: string): Promise<CreateBoardResponse> {
  const response = await fetch(`${url}/api/boards`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name }),
  });
  if (response.status !== 201)
    throw new Error(`POST /api/boards: ${response.status} ${await response.text()}`);
  return (await response.json()) as CreateBoardResponse;
}
