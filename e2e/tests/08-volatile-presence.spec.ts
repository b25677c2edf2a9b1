import { seedBoard } from '../fixtures/seed-board.js';
import { expect, test } from '../fixtures/test.js';

test('volatile presence: Ana points at a counter and Ben sees her marker on it', async ({
  api,
  ana,
  ben,
}) => {
  const board = await seedBoard(api, { label: 'Story 8', counters: [{ name: 'Apples' }, { name: 'Pears' }] });
  await ben.open(board.path);
  await ana.open(board.path);
  // presence:focus is volatile (dropped while the link is not ready): start once both are in.
  await expect(ben.members.getByText('Ana')).toBeVisible();
  await expect(ana.connection).toHaveText(/^Connected/);

  await ana.counter('Apples').root.hover();
  await expect(ben.counter('Apples').pointer('Ana')).toBeVisible();
  await expect(ben.counter('Pears').pointer('Ana')).toHaveCount(0);

  // With the keyboard: the focus moves into the Pears card.
  await ana.page.mouse.move(0, 0);
  await ana.counter('Pears').increment.focus();
  await expect(ben.counter('Pears').pointer('Ana')).toBeVisible();
  await expect(ben.counter('Apples').pointer('Ana')).toHaveCount(0);
  await expect(ana.counter('Pears').pointer('Ana')).toHaveCount(0);
});
