import { uniqueBoardName } from '../fixtures/seed-board.js';
import { expect, test } from '../fixtures/test.js';

const PHONE = { width: 375, height: 812 };
const CAPACITY = 40;

test('door stewards: two phones (one flaky) count a venue to capacity with an undo on the way, and the manager sees it all, chart included', async ({
  ana,
  ben,
  cleo,
}) => {
  // Cleo manages the venue from a laptop: she owns the board and sets the door's capacity.
  const boardId = await cleo.createBoard(uniqueBoardName('Story 24 venue'));
  await cleo.addCounter('Inside', { min: 0, max: CAPACITY });
  const path = `/b/${boardId}`;
  for (const steward of [ana, ben]) {
    await steward.page.setViewportSize(PHONE);
    await steward.open(path);
  }
  const anas = ana.counter('Inside');
  const bens = ben.counter('Inside');
  const cleos = cleo.counter('Inside');
  await expect(anas.value).toHaveText('0');

  await test.step('the stewards see no owner action on their phones', async () => {
    for (const steward of [ana, ben]) {
      await expect(steward.counter('Inside').options).toHaveCount(0);
    }
    await expect(cleos.options).toBeVisible();
  });

  await test.step("Ana taps 30 times fast while her phone's link drops in the middle; Ben counts 5 meanwhile", async () => {
    await anas.clickIncrement(10);
    await ana.goOffline();
    await expect(ana.connection).toHaveText(/^Offline/);
    await anas.clickIncrement(20);
    await expect(anas.pending).toHaveText(/^\d+ pending$/);
    await bens.clickIncrement(5);
    await expect(bens.pending).toHaveCount(0);
    await ana.goOnline();
    await expect(ana.connection).toHaveText(/^Connected/);
    await expect(anas.pending).toHaveCount(0);
    // Every tap counted once, on every screen.
    for (const card of [anas, bens, cleos]) await expect(card.value).toHaveText('35');
  });

  await test.step('one tap too many: Ana takes it back', async () => {
    await ana.undoOffer.getByRole('button', { name: 'Undo', exact: true }).click();
    for (const card of [anas, bens, cleos]) await expect(card.value).toHaveText('34');
  });

  await test.step('Ben fills the venue: at capacity, nobody can add one more, and every card says why', async () => {
    await bens.clickIncrement(CAPACITY - 34);
    for (const card of [anas, bens, cleos]) {
      await expect(card.value).toHaveText(String(CAPACITY));
      await expect(card.increment).toBeDisabled();
      await expect(card.decrement).toBeEnabled();
      await expect(card.root.getByRole('status').filter({ hasText: 'At the maximum (40)' })).toBeVisible();
    }
  });

  await test.step("the manager's chart shows the evening, capacity reached", async () => {
    await cleos.root.getByRole('button', { name: /^History of Inside/ }).click();
    const history = cleo.page.getByRole('dialog', { name: 'History of Inside', exact: true });
    await expect(history).toBeVisible();
    await expect(history.getByText(`From 0 to ${CAPACITY} in the last hour.`, { exact: true })).toBeVisible();
    await expect(history.locator('.history-chart canvas')).toBeVisible();
    await expect(history.locator('.history-readout')).toHaveText(`Now${CAPACITY}`);
  });

  await test.step('the activity tells who counted and who took one back', async () => {
    await expect(cleo.activity.getByText('Ana undid +1 on Inside', { exact: true })).toBeVisible();
    await expect(cleo.activity.getByText(/^Ben \+\d+ on Inside$/).first()).toBeVisible();
  });
});
