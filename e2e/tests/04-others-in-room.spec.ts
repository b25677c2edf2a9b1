import { seedBoard } from '../fixtures/seed-board.js';
import { SetupClient } from '../fixtures/setup-client.js';
import { expect, test } from '../fixtures/test.js';

test('presence summaries: Ben on board X sees Ana come and go, Ana is never told of herself, Cleo on board Y hears nothing of X', async ({
  api,
  ana,
  ben,
  cleo,
}) => {
  const x = await seedBoard(api, { label: 'Story 4 X', counters: [{ name: 'Count' }] });
  const y = await seedBoard(api, { label: 'Story 4 Y', counters: [{ name: 'Count' }] });
  await ben.open(x.path);
  await cleo.open(y.path);
  await expect(cleo.hereNow).toHaveText('1 online');
  const cleosEvents = await cleo.openInspector();

  // A summary goes out at most once a second per board: the web-first waits cover that.
  await ana.open(x.path);
  await expect(ben.activity.getByText('Ana joined')).toBeVisible();
  await expect(ben.members.getByText('Ana')).toBeVisible();
  await expect(ben.hereNow).toHaveText('2 online');
  await expect(ana.members.getByText('Ben')).toBeVisible();
  await expect(ana.hereNow).toHaveText('2 online');

  // Someone arrives on Y after all that: once Cleo has heard it, anything about X sent to her
  // would be in too, and every event about a board names it.
  const visitor = await SetupClient.connect(api.baseURL);
  try {
    await visitor.join(y.id);
    await expect(cleo.activity.getByText('Setup joined')).toBeVisible();
    await expect(cleo.hereNow).toHaveText('2 online');
    await expect(cleosEvents.getByText(x.id)).toHaveCount(0);
  } finally {
    visitor.close();
  }

  // Ben leaves X; once Ana has heard that, a summary of her own arrival would be in as well.
  await ben.open('/boards');
  await expect(ana.activity.getByText('Ben left')).toBeVisible();
  await expect(ana.hereNow).toHaveText('1 online');
  await expect(ana.members.getByText('Ben')).toHaveCount(0);
  await expect(ana.activity.getByText('Ana joined')).toHaveCount(0);
});
