import { expect, test } from '../fixtures/cluster-fixture.js';
import { seedBoard } from '../fixtures/seed-board.js';
import { SessionNode } from '../fixtures/session-node.js';

test('two nodes behind nginx: Ana and Ben land on different nodes and stay in step', async ({
  cluster,
  api,
  ana,
  ben,
}) => {
  const board = await seedBoard(api, { label: 'Story 11', counters: [{ name: 'Count' }] });
  const anasNode = SessionNode.watch(ana.page);
  const bensNode = SessionNode.watch(ben.page);

  await ana.open(board.path);
  await expect(ana.connection).toHaveText(/^Connected/);
  await expect.poll(() => anasNode.current).toMatch(/^node[12]$/);
  const anaLandedOn = anasNode.current ?? '';

  // Ana's open session does not count for nginx's least-connected choice (see holdConnectionsOn),
  // so her node is kept busy while Ben arrives: his handshake goes to the other node.
  const hold = await cluster.holdConnectionsOn(anaLandedOn);
  try {
    await ben.open(board.path);
    await expect(ben.connection).toHaveText(/^Connected/);
    await expect.poll(() => bensNode.current).toMatch(/^node[12]$/);
  } finally {
    hold.release();
  }
  const benLandedOn = bensNode.current ?? '';
  test
    .info()
    .annotations.push({ type: 'nodes', description: `Ana on ${anaLandedOn}, Ben on ${benLandedOn}` });
  expect(benLandedOn, `Ben landed on ${benLandedOn}, Ana on ${anaLandedOn}`).not.toBe(anaLandedOn);

  await expect(ana.members.getByRole('listitem').filter({ hasText: 'Ben' })).toBeVisible();

  const anasCount = ana.counter('Count');
  const bensCount = ben.counter('Count');
  await anasCount.clickIncrement(3);
  await expect(bensCount.value).toHaveText('3');
  await expect(anasCount.value).toHaveText('3');
  await expect(anasCount.pending).toHaveCount(0);

  await bensCount.decrement.click();
  await expect(anasCount.value).toHaveText('2');
  await expect(bensCount.value).toHaveText('2');
  await expect(bensCount.pending).toHaveCount(0);

  await expect(ben.activity.getByText('Ana +3 on Count', { exact: true })).toBeVisible();
  await expect(ana.activity.getByText('Ben -1 on Count', { exact: true })).toBeVisible();
  await expect.poll(() => api.counter(board.id, 'Count')).toMatchObject({ value: 2, version: 4 });

  // Every later request of a session reached the node that made it (nginx's sid routing).
  expect(anasNode.misrouted).toEqual([]);
  expect(bensNode.misrouted).toEqual([]);
  expect(anasNode.current, 'Ana kept her session').toBe(anaLandedOn);
  expect(bensNode.current, 'Ben kept his session').toBe(benLandedOn);
});
