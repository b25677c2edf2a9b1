import { seedBoard } from '../fixtures/seed-board.js';
import { expect, ownServer, test } from '../fixtures/test.js';

// The online count is everyone on the server, so this story has a server of its own.
test.use({ server: ownServer });

test('io.emit: the online count changes in tabs that sit on different boards', async ({
  api,
  ana,
  ben,
  cleo,
}) => {
  const apples = await seedBoard(api, { label: 'Story 2 apples', counters: [{ name: 'Apples' }] });
  const pears = await seedBoard(api, { label: 'Story 2 pears', counters: [{ name: 'Pears' }] });
  await ana.open(apples.path);
  await ben.open(pears.path);
  await expect(ana.online).toHaveText('2 online');
  await expect(ben.online).toHaveText('2 online');

  await cleo.open('/boards');
  await expect(ana.online).toHaveText('3 online');
  await expect(ben.online).toHaveText('3 online');

  // Cleo closes her tab (once her link has settled: see NetworkSwitch.linkInUse).
  await cleo.network.linkInUse();
  await cleo.page.close();
  await expect(ana.online).toHaveText('2 online');
  await expect(ben.online).toHaveText('2 online');
});
