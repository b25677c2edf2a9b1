import { seedBoard } from '../fixtures/seed-board.js';
import { expect, test } from '../fixtures/test.js';

test('io.emit: the online count changes in tabs that sit on different boards', async ({
  api,
  ana,
  ben,
  cleo,
}) => {
  // Each worker has its own server, so the people of this story are everyone online on it.
  const apples = await seedBoard(api, { label: 'Story 2 apples', counters: [{ name: 'Apples' }] });
  const pears = await seedBoard(api, { label: 'Story 2 pears', counters: [{ name: 'Pears' }] });
  await ana.open(apples.path);
  await ben.open(pears.path);
  await expect(ana.online).toHaveText('2 online');
  await expect(ben.online).toHaveText('2 online');

  await cleo.open('/boards');
  await expect(ana.online).toHaveText('3 online');
  await expect(ben.online).toHaveText('3 online');

  await cleo.page.close();
  await expect(ana.online).toHaveText('2 online');
  await expect(ben.online).toHaveText('2 online');
});
