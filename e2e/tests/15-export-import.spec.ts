import { readFile } from 'node:fs/promises';
import { uniqueBoardName } from '../fixtures/seed-board.js';
import { expect, test } from '../fixtures/test.js';

test('export and import: Ana copies her board into a new one with the same counters; a damaged file makes none', async ({
  api,
  ana,
}, testInfo) => {
  const boardName = uniqueBoardName('Story 15');
  const copyName = uniqueBoardName('Story 15 copy');
  const boardId = await ana.createBoard(boardName);
  await ana.addCounter('Cups');
  await ana.addCounter('Laps', { min: 0, max: 10, step: 2, goal: 8 });
  await expect(ana.counter('Laps').root.getByText('0 to 10 · step 2', { exact: true })).toBeVisible();
  await ana.counter('Cups').clickIncrement(2);
  await ana.counter('Laps').clickIncrement(3);
  await expect(ana.counter('Laps').goal).toHaveAttribute('aria-valuetext', '6 of 8');
  for (const name of ['Cups', 'Laps']) await expect(ana.counter(name).pending).toHaveCount(0);

  const snapshotFile = await test.step('Ana exports the board: a .tally file named after it', async () => {
    const downloading = ana.page.waitForEvent('download');
    await ana.chooseFromBoardMenu('Export board');
    const download = await downloading;
    expect(download.suggestedFilename()).toBe(`${boardName}.tally`);
    const path = testInfo.outputPath(download.suggestedFilename());
    await download.saveAs(path);
    return path;
  });

  await test.step('a damaged copy of the file is refused, and no board is made of it', async () => {
    // One byte flipped inside the body: the file's checksum no longer matches it.
    const damaged = await readFile(snapshotFile);
    const middle = Math.floor(damaged.length / 2);
    damaged[middle] = (damaged[middle] ?? 0) ^ 0xff;

    await ana.chooseFromBoardMenu('Import board');
    const dialog = ana.importDialog;
    await dialog.getByLabel('Snapshot file', { exact: true }).setInputFiles({
      name: `${boardName}.tally`,
      mimeType: 'application/vnd.tally.board',
      buffer: damaged,
    });
    // The new board is named after the file unless Ana names it.
    const nameField = dialog.getByRole('textbox', { name: 'New board name', exact: true });
    await expect(nameField).toHaveValue(boardName);
    await nameField.fill(copyName);
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    await expect(dialog.getByRole('alert')).toContainText('This file is not a Tally board snapshot');
    expect(ana.boardIdInAddress()).toBe(boardId);
    // The alert is the server's answer: had a board been made, it would be listed by now.
    expect((await api.publicBoards()).filter((board) => board.name === copyName)).toEqual([]);
  });

  await test.step('the file itself makes a new board, owned by Ana, with the same counters', async () => {
    const dialog = ana.importDialog;
    await dialog.getByLabel('Snapshot file', { exact: true }).setInputFiles(snapshotFile);
    await expect(dialog.getByRole('alert')).toHaveCount(0);
    await expect(dialog.getByRole('textbox', { name: 'New board name', exact: true })).toHaveValue(copyName);
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();

    await expect(ana.page.getByRole('heading', { level: 1, name: copyName, exact: true })).toBeVisible();
    await expect(dialog).toHaveCount(0);
    const copyId = ana.boardIdInAddress();
    expect(copyId).not.toBe(boardId);
    await expect(ana.page.getByText('Owner', { exact: true })).toBeVisible();
    await expect(ana.counter('Cups').value).toHaveText('2');
    await expect(ana.counter('Laps').value).toHaveText('6');
    await expect(ana.counter('Laps').goal).toHaveAttribute('aria-valuetext', '6 of 8');
    await expect(ana.counter('Laps').root.getByText('0 to 10 · step 2', { exact: true })).toBeVisible();
    await expect(ana.counter('Cups').goal).toHaveCount(0);

    const copy = await api.board(copyId);
    expect(
      copy.counters.map(({ name, value, min, max, step, goal }) => ({ name, value, min, max, step, goal })),
    ).toEqual(
      expect.arrayContaining([
        { name: 'Cups', value: 2, min: null, max: null, step: 1, goal: null },
        { name: 'Laps', value: 6, min: 0, max: 10, step: 2, goal: 8 },
      ]),
    );
    expect(copy.counters).toHaveLength(2);
    expect((await api.publicBoards()).filter((board) => board.name === copyName)).toHaveLength(1);
  });
});
