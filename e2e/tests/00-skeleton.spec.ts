import { LOBBY_BOARD_ID } from '@tally/events';
import { expect, test } from '../fixtures/test.js';

test('A and B stay in step on the lobby counter; C, who comes later, sees the current value at once', async ({
  api,
  ana: a,
  ben: b,
  cleo: c,
}) => {
  const before = await api.counter(LOBBY_BOARD_ID, 'Count');

  await a.open('/b/lobby');
  await b.open('/b/lobby');
  await expect(a.counter('Count').value).toHaveText(String(before.value));
  await expect(b.counter('Count').value).toHaveText(String(before.value));

  await a.counter('Count').clickIncrement(3);
  await expect(a.counter('Count').value).toHaveText(String(before.value + 3));
  await expect(b.counter('Count').value).toHaveText(String(before.value + 3));

  await c.open('/b/lobby');
  await expect(c.counter('Count').value).toHaveText(String(before.value + 3));

  await b.counter('Count').decrement.click();
  for (const person of [a, b, c]) {
    await expect(person.counter('Count').value).toHaveText(String(before.value + 2));
  }
  await expect
    .poll(() => api.counter(LOBBY_BOARD_ID, 'Count'))
    .toMatchObject({ value: before.value + 2, version: before.version + 4 });
});
