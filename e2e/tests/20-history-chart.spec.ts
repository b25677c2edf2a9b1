import { axeViolations } from '../fixtures/axe.js';
import { uniqueBoardName } from '../fixtures/seed-board.js';
import { expect, test } from '../fixtures/test.js';

// Axe passes take a second or two each on this machine.
test.describe.configure({ timeout: 90_000 });

test("history: Ana opens the door counter's chart, switches 1 h / 24 h / 7 d, watches it follow Ben's clicks, and filters the activity by member", async ({
  ana,
  ben,
}) => {
  const boardId = await ana.createBoard(uniqueBoardName('Story 20'));
  await ana.addCounter('Door');
  await ben.open(`/b/${boardId}`);
  const door = ana.counter('Door');
  await door.clickIncrement(5);
  await expect(ben.counter('Door').value).toHaveText('5');
  await ben.counter('Door').clickIncrement(2);
  await expect(door.value).toHaveText('7');
  await expect(door.pending).toHaveCount(0);

  const history = ana.page.getByRole('dialog', { name: 'History of Door', exact: true });
  const sparkline = door.root.getByRole('button', { name: /^History of Door/ });

  await test.step('the sparkline says its scale, and opens the chart', async () => {
    await expect(sparkline).toContainText('0 → 7');
    await sparkline.click();
    await expect(history).toBeVisible();
    await expect(history.getByRole('radio', { name: '1 h', exact: true })).toBeChecked();
    await expect(history.getByText('From 0 to 7 in the last hour.', { exact: true })).toBeVisible();
    // The chart: a canvas with both axes drawn by uPlot, a cursor readout above it.
    const chart = history.locator('.history-chart');
    await expect(chart.locator('canvas')).toBeVisible();
    await expect(chart.locator('.u-axis')).toHaveCount(2);
    await expect(history.locator('.history-readout')).toHaveText('Now7');
    const box = await chart.locator('.u-over').boundingBox();
    if (box === null) throw new Error('the chart has no plot area');
    // Near the left edge the window starts, before any click: the readout says 0 and when.
    await ana.page.mouse.move(box.x + 4, box.y + box.height / 2);
    await expect(history.locator('.history-readout')).toHaveText(/^\d{1,2}:\d{2}:\d{2}.*0$/);
    await ana.page.mouse.move(box.x + box.width - 1, box.y + box.height / 2);
    await expect(history.locator('.history-readout strong')).toHaveText('7');
  });

  await test.step('24 h and 7 d answer from the server too, with the same values', async () => {
    await history.getByRole('radio', { name: '24 h', exact: true }).check();
    await expect(history.getByRole('radio', { name: '24 h', exact: true })).toBeChecked();
    await expect(history.getByText('From 0 to 7 in the last 24 hours.', { exact: true })).toBeVisible();
    await history.getByRole('radio', { name: '7 d', exact: true }).check();
    await expect(history.getByRole('radio', { name: '7 d', exact: true })).toBeChecked();
    await expect(history.getByText('From 0 to 7 in the last 7 days.', { exact: true })).toBeVisible();
    await history.getByText('Show values as a table', { exact: true }).click();
    const rows = history.getByRole('table').getByRole('row');
    await expect(rows.first()).toHaveText('TimeValue');
    await expect(rows.nth(1)).toHaveText('Now7');
    await expect(rows.last()).toHaveText(/0$/);
  });

  await test.step('the open chart follows a new click, live', async () => {
    await ben.counter('Door').clickIncrement(1);
    await expect(history.getByText('From 0 to 8 in the last 7 days.', { exact: true })).toBeVisible();
    await expect(history.locator('.history-readout')).toHaveText('Now8');
  });

  await test.step('the open chart passes axe, light and dark', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      await ana.page.emulateMedia({ colorScheme });
      await expect(history.locator('.history-chart canvas')).toBeVisible();
      expect(await axeViolations(ana.page), `history chart, ${colorScheme}`).toEqual([]);
    }
    await ana.page.emulateMedia({ colorScheme: 'light' });
  });

  await test.step('Escape closes it and gives focus back to the sparkline', async () => {
    await ana.page.keyboard.press('Escape');
    await expect(history).toBeHidden();
    await expect(sparkline).toBeFocused();
  });

  await test.step("the activity shows one member's lines when asked", async () => {
    const show = ana.page.getByRole('combobox', { name: 'Show', exact: true });
    const lines = ana.activity.getByRole('listitem');
    // Bursts of clicks merge into lines, so the lines are told by who they begin with.
    const anaLines = lines.filter({ hasText: /^Ana / });
    const benLines = lines.filter({ hasText: /^Ben / });
    await expect(anaLines.filter({ hasText: /^Ana \+\d on Door$/ }).first()).toBeVisible();
    await expect(benLines.filter({ hasText: /^Ben \+\d on Door$/ }).first()).toBeVisible();

    await show.selectOption({ label: 'Ben' });
    await expect(anaLines).toHaveCount(0);
    await expect(benLines.filter({ hasText: /^Ben \+\d on Door$/ }).first()).toBeVisible();
    await expect(lines.filter({ hasText: 'Ben joined' })).toBeVisible();
    await expect(ana.page.getByText("The CSV holds everyone's activity, not only Ben's.")).toBeVisible();

    await show.selectOption({ label: 'Ana' });
    await expect(benLines).toHaveCount(0);
    await expect(lines.filter({ hasText: 'Ana added Door' })).toBeVisible();

    await show.selectOption({ label: 'Everyone' });
    await expect(benLines.first()).toBeVisible();
    await expect(anaLines.first()).toBeVisible();
    await expect(ana.page.getByRole('button', { name: 'Download CSV', exact: true })).toBeVisible();
  });
});
