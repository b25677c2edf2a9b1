import { seedBoard } from '../fixtures/seed-board.js';
import { expect, test } from '../fixtures/test.js';

// The story of a browser without the app's service worker (a first visit cut off before it
// installed, a browser that has none): a reload offline fails, and only what the app stored
// survives. With the worker, the reload opens the app: story 22.
test.use({ serviceWorkers: 'block' });

test('offline: clicks made offline are queued, flushed once back and counted once, even across a reload', async ({
  api,
  ana,
  ben,
}) => {
  const board = await seedBoard(api, { label: 'Story 6', counters: [{ name: 'Count', value: 10 }] });
  const onServer = () => api.counter(board.id, 'Count');
  await ana.open(board.path);
  await ben.open(board.path);
  const anas = ana.counter('Count');
  const bens = ben.counter('Count');
  await expect(ben.connection).toHaveText(/^Connected/);
  await expect(bens.value).toHaveText('10');

  await test.step('Ben clicks three times offline while Ana clicks twice', async () => {
    await ben.goOffline();
    await expect(ben.connection).toHaveText(/^Offline/);
    await bens.clickIncrement(3);
    await expect(bens.pending).toHaveText('3 pending');
    await expect(bens.value).toHaveText('13');

    await anas.clickIncrement(2);
    await expect(anas.value).toHaveText('12');
    await expect.poll(onServer).toMatchObject({ value: 12, version: 2 });
  });

  await test.step('Ben comes back: both tabs five higher, each click counted once', async () => {
    await ben.goOnline();
    await expect(ben.connection).toHaveText(/^Connected/);
    await expect(bens.pending).toHaveCount(0);
    await expect(bens.value).toHaveText('15');
    await expect(anas.value).toHaveText('15');
    await expect.poll(onServer).toMatchObject({ value: 15, version: 5 });
  });

  await test.step('again, with a page reload while offline', async () => {
    await ben.goOffline();
    await bens.clickIncrement(3);
    await expect(bens.pending).toHaveText('3 pending');
    // Offline, the reload itself fails (no service worker here): the page and its memory are
    // gone, only what the app stored survives.
    await expect(ben.page.reload()).rejects.toThrow(/ERR_INTERNET_DISCONNECTED/);

    await anas.clickIncrement(2);
    await expect(anas.value).toHaveText('17');
    await expect.poll(onServer).toMatchObject({ value: 17, version: 7 });

    // The network is back, but Ben reloads before his realtime link is up again: the page shows
    // his queued clicks on top of the value it loaded.
    await ben.context.setOffline(false);
    await ben.page.reload();
    await expect(bens.pending).toHaveText('3 pending');
    await expect(bens.value).toHaveText('20');

    await ben.network.restore();
    // The browser never went offline this time, so no `online` event hurries the app: it comes
    // back on Socket.IO's retry schedule, whose gaps grow to 5 s.
    await expect(ben.connection).toHaveText(/^Connected/, { timeout: 10_000 });
    await expect(bens.pending).toHaveCount(0);
    await expect(bens.value).toHaveText('20');
    await expect(anas.value).toHaveText('20');
    await expect.poll(onServer).toMatchObject({ value: 20, version: 10 });
  });
});
