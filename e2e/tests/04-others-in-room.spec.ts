import { seedBoard } from '../fixtures/seed-board.js';
import { expect, test } from '../fixtures/test.js';

test('socket.to(room).emit: "Ana joined" appears in Ben\'s activity feed, never in Ana\'s', async ({
  api,
  ana,
  ben,
  cleo,
}) => {
  const board = await seedBoard(api, { label: 'Story 4', counters: [{ name: 'Count' }] });
  await ben.open(board.path);
  await ana.open(board.path);
  await expect(ben.activity.getByText('Ana joined')).toBeVisible();

  // Cleo's arrival is announced after Ana's own join, so it marks the point by which
  // "Ana joined" would have reached Ana's feed if the server had sent it to her.
  await cleo.open(board.path);
  await expect(ana.activity.getByText('Cleo joined')).toBeVisible();
  await expect(ben.activity.getByText('Cleo joined')).toBeVisible();
  await expect(ana.activity.getByText('Ana joined')).toHaveCount(0);
  await expect(ben.activity.getByText('Ben joined')).toHaveCount(0);
});
