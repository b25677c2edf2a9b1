import { seedBoard } from '../fixtures/seed-board.js';
import { expect, test } from '../fixtures/test.js';

/** Socket.IO retries with a backoff that reaches 5 s; a restart takes about a second more. */
const RECONNECT_TIMEOUT_MS = 15_000;

test('restart: the server restarts under the test; values are kept and every tab reconnects by itself', async ({
  server,
  api,
  ana,
  ben,
}) => {
  const board = await seedBoard(api, { label: 'Story 10', counters: [{ name: 'Count' }] });
  const onServer = () => api.counter(board.id, 'Count');
  const everyone = [ana, ben];
  for (const person of everyone) await person.open(board.path);
  await ana.counter('Count').clickIncrement(2);
  for (const person of everyone) await expect(person.counter('Count').value).toHaveText('2');
  await expect(ana.counter('Count').pending).toHaveCount(0);

  // While the server is down, the browsers report the refused reconnects: expected here, nothing else.
  for (const person of everyone) person.guard.expectConnectionLoss();
  await server.restart({
    whileDown: async () => {
      for (const person of everyone) {
        await expect(person.connection).toHaveText(/^Reconnecting/);
        await expect(person.counter('Count').value).toHaveText('2');
      }
    },
  });
  await expect.poll(onServer).toMatchObject({ value: 2, version: 2 });

  for (const person of everyone) {
    await expect(person.connection).toHaveText(/^Connected/, { timeout: RECONNECT_TIMEOUT_MS });
  }
  await ben.counter('Count').increment.click();
  for (const person of everyone) await expect(person.counter('Count').value).toHaveText('3');
  await expect.poll(onServer).toMatchObject({ value: 3, version: 3 });
});
