import { afterAll, beforeAll, expect, it } from 'vitest';
import { createBoard, newOpId, uniqueName } from './helpers/fixtures.js';
import { startTestServer, type TestServer } from './helpers/test-server.js';

let server: TestServer;
beforeAll(async () => {
  // A window long enough that an update is surely still held when the deletion comes.
  server = await startTestServer({ BATCH_WINDOW_MS: '1000' });
});
afterAll(() => server.close());

it('sends an update the broadcast window still holds before the counter:deleted, never after it', async () => {
  const { board, ownerKey } = await createBoard(server);
  const owner = await server.connect();
  const member = await server.connect();
  await owner.ok('board:join', { boardId: board.id, key: ownerKey });
  await member.ok('board:join', { boardId: board.id });
  const { counter } = await owner.ok('counter:create', { boardId: board.id, name: uniqueName('counter') });

  // The first change after a quiet spell goes out at once; the second is held by the window.
  await owner.ok('counter:increment', { counterId: counter.id, opId: newOpId() });
  await member.waitFor('counter:updated', (event) => event.updates[0]?.version === 1);
  await owner.ok('counter:increment', { counterId: counter.id, opId: newOpId() });
  await owner.ok('counter:delete', { counterId: counter.id });

  await member.waitFor('counter:deleted');
  const order = member.received
    .filter(({ event }) => event === 'counter:updated' || event === 'counter:deleted')
    .map(({ event, payload }) =>
      event === 'counter:deleted'
        ? 'deleted'
        : `v${(payload as { updates: Array<{ version: number }> }).updates[0]?.version}`,
    );
  expect(order).toEqual(['v1', 'v2', 'deleted']);
});
