import { seedBoard } from '../fixtures/seed-board.js';
import { expect, test } from '../fixtures/test.js';

test('undo: Ana takes back a click too many, Ben sees the counter go back, and both activity logs say so', async ({
  api,
  ana,
  ben,
}) => {
  const board = await seedBoard(api, { label: 'Story 12', counters: [{ name: 'Count', value: 10 }] });
  await ana.open(board.path);
  await ben.open(board.path);
  const anas = ana.counter('Count');
  const bens = ben.counter('Count');

  await test.step('Ben clicks once; Ana means to add two and clicks three times', async () => {
    await bens.increment.click();
    await expect(anas.value).toHaveText('11');
    await anas.clickIncrement(3);
    await expect(ana.undoOffer).toContainText('You added 1 to Count (and 2 clicks before)');
    // The clicks have reached the server (Ben has them): Undo is a counter:undo, not a dropped click.
    await expect(bens.value).toHaveText('14');
    await expect(anas.pending).toHaveCount(0);
  });

  await test.step('one Undo takes back the one click too many, and Ben sees it reverted', async () => {
    await ana.undoOffer.getByRole('button', { name: 'Undo', exact: true }).click();
    await expect(anas.value).toHaveText('13');
    await expect(bens.value).toHaveText('13');
    await expect(anas.pending).toHaveCount(0);
    // The clicks before it are still on offer, one Undo each; Ana keeps them.
    await expect(ana.undoOffer).toContainText('You added 1 to Count (and 1 click before)');
    await ana.undoOffer.getByRole('button', { name: 'Dismiss', exact: true }).click();
    await expect(ana.undoOffer).toHaveCount(0);
    // An undo is a new change, not a return to an old state: Ben's click in between stays.
    await expect.poll(() => api.counter(board.id, 'Count')).toMatchObject({ value: 13, version: 5 });
  });

  await test.step("both activity logs tell who undid what, and Ben's click is still there", async () => {
    for (const person of [ana, ben]) {
      await expect(person.activity.getByText('Ana undid +1 on Count', { exact: true })).toBeVisible();
      await expect(person.activity.getByText('Ben +1 on Count', { exact: true })).toBeVisible();
    }
  });
});
