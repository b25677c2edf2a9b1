import { UNDO_WINDOW_MS } from '@tally/events';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createBoard, newOpId, uniqueName } from '../helpers/fixtures.js';
import { incrementOverHttp } from '../helpers/http.js';
import { authOf, connectPerson } from '../helpers/people.js';
import { failedAck, settle, type TestClient } from '../helpers/test-client.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

/**
 * v1.1 `counter:undo` `{ opId, undoOpId }`: the inverse of an increment, once, by its author or the
 * board's owner, within 10 minutes, as a new operation that follows every rule of an increment.
 */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ RATE_LIMIT_BURST: '1000' });
});
afterAll(() => server.close());

const connect = (options?: Parameters<TestServer['connect']>[0]) => server.connect(options);

/** A board with its owner Olga, members Ana and Ben, a socket on no board, and a counter. */
async function cast(limits: { min?: number; max?: number } = {}) {
  const { board, ownerKey } = await createBoard(server);
  const boardId = board.id;
  const olga = await connectPerson(connect, 'Olga');
  const ana = await connectPerson(connect, 'Ana');
  const ben = await connectPerson(connect, 'Ben');
  const outsider = await connectPerson(connect, 'Outsider');
  await olga.client.ok('board:join', { boardId, key: ownerKey });
  await ana.client.ok('board:join', { boardId });
  await ben.client.ok('board:join', { boardId });
  const { counter } = await olga.client.ok('counter:create', {
    boardId,
    name: uniqueName('laps'),
    ...limits,
  });
  return { boardId, olga, ana, ben, outsider, counter };
}

/** The versions of a counter in the updates a client received, in arrival order. */
function versionsSeen(client: TestClient, counterId: string): number[] {
  return client
    .all('counter:updated')
    .flatMap((event) => event.updates)
    .filter((update) => update.counterId === counterId)
    .map((update) => update.version);
}

describe('undoing an increment', () => {
  it('lets its author undo it: the value goes back, the version rises, the board gets counter:updated', async () => {
    const { boardId, olga, ana, ben, outsider, counter } = await cast();
    const opId = newOpId();
    expect(await ana.client.request('counter:increment', { counterId: counter.id, by: 5, opId })).toEqual({
      ok: true,
      value: 5,
      version: 1,
    });
    expect(await ana.client.request('counter:undo', { opId, undoOpId: newOpId() })).toEqual({
      ok: true,
      value: 0,
      version: 2,
    });
    for (const client of [olga.client, ana.client, ben.client]) {
      const event = await client.waitFor('counter:updated', (e) => e.updates.some((u) => u.version === 2));
      expect(event).toMatchObject({ boardId, updates: [{ counterId: counter.id, value: 0, version: 2 }] });
    }
    await settle(outsider.client);
    expect(outsider.client.all('counter:updated')).toEqual([]);
    expect(await server.app.store.getCounter(counter.id)).toMatchObject({ value: 0, version: 2 });
  });

  it('applies once: the same undo again, or another undo of it, answers the first undo’s result and changes nothing', async () => {
    const { olga, ana, ben, counter } = await cast();
    const opId = newOpId();
    const undoOpId = newOpId();
    await ana.client.ok('counter:increment', { counterId: counter.id, by: 5, opId });
    const first = await ana.client.request('counter:undo', { opId, undoOpId });
    expect(first).toEqual({ ok: true, value: 0, version: 2 });
    expect(await ana.client.request('counter:undo', { opId, undoOpId })).toEqual(first);
    await ana.client.ok('counter:increment', { counterId: counter.id, by: 1, opId: newOpId() });
    expect(await ana.client.request('counter:undo', { opId, undoOpId: newOpId() })).toEqual(first);
    expect(await olga.client.request('counter:undo', { opId, undoOpId: newOpId() })).toEqual(first);
    expect(await server.app.store.getCounter(counter.id)).toMatchObject({ value: 1, version: 3 });

    // A marker change: every update before it has arrived, and none of them went backwards.
    await ana.client.ok('counter:increment', { counterId: counter.id, by: 1, opId: newOpId() });
    await ben.client.waitFor('counter:updated', (e) => e.updates.some((u) => u.version === 4));
    const versions = versionsSeen(ben.client, counter.id);
    expect(versions).toEqual([...new Set(versions)].sort((a, b) => a - b));
    expect(versions.at(-1)).toBe(4);
  });

  it('refuses any other member with forbidden, and lets the board’s owner undo', async () => {
    const { olga, ana, ben, counter } = await cast();
    const opId = newOpId();
    await ana.client.ok('counter:increment', { counterId: counter.id, by: 3, opId });
    expect(await ben.client.request('counter:undo', { opId, undoOpId: newOpId() })).toEqual(
      failedAck('forbidden'),
    );
    expect(await server.app.store.getCounter(counter.id)).toMatchObject({ value: 3, version: 1 });
    expect(await olga.client.request('counter:undo', { opId, undoOpId: newOpId() })).toEqual({
      ok: true,
      value: 0,
      version: 2,
    });
  });

  it('lets the same member undo from another tab (same clientId, proven by its token)', async () => {
    const { boardId, ana, counter } = await cast();
    const opId = newOpId();
    await ana.client.ok('counter:increment', { counterId: counter.id, by: 3, opId });
    const tab = await connectPerson(connect, 'Ana', authOf(ana));
    await tab.client.ok('board:join', { boardId });
    expect(await tab.client.request('counter:undo', { opId, undoOpId: newOpId() })).toMatchObject({
      ok: true,
      value: 0,
    });
  });

  it('needs the board joined: not_joined, even for the author', async () => {
    const { boardId, ana, counter } = await cast();
    const opId = newOpId();
    await ana.client.ok('counter:increment', { counterId: counter.id, by: 3, opId });
    const tab = await connectPerson(connect, 'Ana', authOf(ana));
    expect(await tab.client.request('counter:undo', { opId, undoOpId: newOpId() })).toEqual(
      failedAck('not_joined'),
    );
    await ana.client.ok('board:leave', { boardId });
    expect(await ana.client.request('counter:undo', { opId, undoOpId: newOpId() })).toEqual(
      failedAck('not_joined'),
    );
    expect(await server.app.store.getCounter(counter.id)).toMatchObject({ value: 3, version: 1 });
  });
});

describe('the 10-minute window', () => {
  /**
   * Sends an undo that the server handles as if at `time`. The window is checked by the server's
   * handler against Date.now(), and the server runs in this process: faking Date (timers stay
   * real) moves its clock without waiting. Date is faked only after the emit, because
   * socket.io-client reads Date when it emits (to spot a link whose heartbeat has gone stale)
   * and would drop a link that seems to have been silent for minutes.
   */
  async function undoAt(client: TestClient, payload: { opId: string; undoOpId: string }, time: number) {
    const answer = client.request('counter:undo', payload);
    vi.useFakeTimers({ toFake: ['Date'], now: time });
    try {
      return await answer;
    } finally {
      vi.useRealTimers();
    }
  }

  it('allows an undo 9 minutes later, refuses one 11 minutes later even to the owner, and "once" wins over it', async () => {
    const { olga, ana, counter } = await cast();
    const [early, late, undone] = [newOpId(), newOpId(), newOpId()];
    for (const opId of [early, late, undone]) {
      await ana.client.ok('counter:increment', { counterId: counter.id, by: 1, opId });
    }
    const firstUndo = await ana.client.ok('counter:undo', { opId: undone, undoOpId: newOpId() });
    expect(firstUndo).toEqual({ ok: true, value: 2, version: 4 });
    const madeAt = Date.now();
    const nineMinutesLater = madeAt + UNDO_WINDOW_MS - 60_000;
    const elevenMinutesLater = madeAt + UNDO_WINDOW_MS + 60_000;

    expect(await undoAt(ana.client, { opId: early, undoOpId: newOpId() }, nineMinutesLater)).toEqual({
      ok: true,
      value: 1,
      version: 5,
    });
    expect(await undoAt(ana.client, { opId: late, undoOpId: newOpId() }, elevenMinutesLater)).toEqual(
      failedAck('forbidden'),
    );
    expect(await undoAt(olga.client, { opId: late, undoOpId: newOpId() }, elevenMinutesLater)).toEqual(
      failedAck('forbidden'),
    );
    expect(await undoAt(ana.client, { opId: undone, undoOpId: newOpId() }, elevenMinutesLater)).toEqual(
      firstUndo,
    );
    expect(await server.app.store.getCounter(counter.id)).toMatchObject({ value: 1, version: 5 });
  });
});

describe('what cannot be undone', () => {
  it('answers not_found for an unknown opId', async () => {
    const { ana } = await cast();
    expect(await ana.client.request('counter:undo', { opId: newOpId(), undoOpId: newOpId() })).toEqual(
      failedAck('not_found'),
    );
  });

  it('answers not_found when the increment’s counter is gone', async () => {
    const { olga, ana, counter } = await cast();
    const opId = newOpId();
    await ana.client.ok('counter:increment', { counterId: counter.id, by: 2, opId });
    await olga.client.ok('counter:delete', { counterId: counter.id });
    expect(await ana.client.request('counter:undo', { opId, undoOpId: newOpId() })).toEqual(
      failedAck('not_found'),
    );
  });

  it('answers invalid_payload for the opId of a reset or of an undo', async () => {
    const { olga, ana, counter } = await cast();
    const resetOp = newOpId();
    await ana.client.ok('counter:increment', { counterId: counter.id, by: 2, opId: newOpId() });
    await olga.client.ok('counter:reset', { counterId: counter.id, opId: resetOp });
    expect(await olga.client.request('counter:undo', { opId: resetOp, undoOpId: newOpId() })).toEqual(
      failedAck('invalid_payload'),
    );

    const opId = newOpId();
    const undoOpId = newOpId();
    await ana.client.ok('counter:increment', { counterId: counter.id, by: 4, opId });
    await ana.client.ok('counter:undo', { opId, undoOpId });
    expect(await ana.client.request('counter:undo', { opId: undoOpId, undoOpId: newOpId() })).toEqual(
      failedAck('invalid_payload'),
    );
    expect(await olga.client.request('counter:undo', { opId: undoOpId, undoOpId: newOpId() })).toEqual(
      failedAck('invalid_payload'),
    );
    expect(await server.app.store.getCounter(counter.id)).toMatchObject({ value: 0, version: 4 });
  });

  it('treats undoOpId as an opId like any other: one taken by an increment is refused, and the reverse', async () => {
    const { ana, counter } = await cast();
    const [first, second, undoOpId] = [newOpId(), newOpId(), newOpId()];
    await ana.client.ok('counter:increment', { counterId: counter.id, by: 1, opId: first });
    await ana.client.ok('counter:increment', { counterId: counter.id, by: 1, opId: second });
    expect(await ana.client.request('counter:undo', { opId: second, undoOpId: first })).toEqual(
      failedAck('invalid_payload'),
    );
    await ana.client.ok('counter:undo', { opId: second, undoOpId });
    expect(
      await ana.client.request('counter:increment', { counterId: counter.id, by: 1, opId: undoOpId }),
    ).toEqual(failedAck('invalid_payload'));
    expect(await server.app.store.getCounter(counter.id)).toMatchObject({ value: 1, version: 3 });
  });
});

describe('HTTP increments', () => {
  it('can be undone by the board’s owner only', async () => {
    const { olga, ana, counter } = await cast();
    const opId = newOpId();
    await incrementOverHttp(server.url, counter.id, { by: 4, idempotencyKey: opId });
    expect(await ana.client.request('counter:undo', { opId, undoOpId: newOpId() })).toEqual(
      failedAck('forbidden'),
    );
    expect(await olga.client.request('counter:undo', { opId, undoOpId: newOpId() })).toEqual({
      ok: true,
      value: 0,
      version: 2,
    });
  });
});

describe('limits and totals', () => {
  it('refuses an undo that would leave [min, max] with out_of_range, changing nothing and keeping its undoOpId free', async () => {
    const { olga, ana, ben, counter } = await cast({ min: 0 });
    const opId = newOpId();
    const undoOpId = newOpId();
    await ana.client.ok('counter:increment', { counterId: counter.id, by: 3, opId });
    await olga.client.ok('counter:reset', { counterId: counter.id, opId: newOpId() });
    expect(await ana.client.request('counter:undo', { opId, undoOpId })).toEqual(failedAck('out_of_range'));
    expect(await server.app.store.getCounter(counter.id)).toMatchObject({ value: 0, version: 2 });

    // A marker change: Ben saw the reset and then it, and nothing of the refused undo between.
    await ana.client.ok('counter:increment', { counterId: counter.id, by: 5, opId: newOpId() });
    await ben.client.waitFor('counter:updated', (e) => e.updates.some((u) => u.version === 3));
    const seen = ben.client
      .all('counter:updated')
      .flatMap((event) => event.updates)
      .map(({ value, version }) => ({ value, version }));
    expect(seen.at(-1)).toEqual({ value: 5, version: 3 });
    expect(seen.map((update) => update.value)).not.toContain(-3);

    expect(await ana.client.request('counter:undo', { opId, undoOpId })).toEqual({
      ok: true,
      value: 2,
      version: 4,
    });
  });

  it('refuses an undo past max the same way', async () => {
    const { ana, counter } = await cast({ max: 0 });
    const down = newOpId();
    await ana.client.ok('counter:increment', { counterId: counter.id, by: -3, opId: down });
    await ana.client.ok('counter:increment', { counterId: counter.id, by: 3, opId: newOpId() });
    expect(await ana.client.request('counter:undo', { opId: down, undoOpId: newOpId() })).toEqual(
      failedAck('out_of_range'),
    );
    expect(await server.app.store.getCounter(counter.id)).toMatchObject({ value: 0, version: 2 });
  });

  it('counts an undo as an increment in stats.totalIncrements, and a replayed one not', async () => {
    const { ana, ben, counter } = await cast();
    const before = await server.app.store.totalIncrements();
    const opId = newOpId();
    const undoOpId = newOpId();
    await ana.client.ok('counter:increment', { counterId: counter.id, by: 1, opId });
    await ana.client.ok('counter:undo', { opId, undoOpId });
    await ana.client.ok('counter:undo', { opId, undoOpId });
    await ana.client.ok('counter:undo', { opId, undoOpId: newOpId() });
    expect(await server.app.store.totalIncrements()).toBe(before + 2);
    expect(await ben.client.waitFor('stats', (stats) => stats.totalIncrements === before + 2)).toBeTruthy();
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toMatch(new RegExp(`^tally_increments_applied_total ${before + 2}$`, 'm'));
  });
});
