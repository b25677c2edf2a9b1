import { MAX_SAFE_VALUE } from '@tally/events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBoard, newOpId, uniqueName } from '../helpers/fixtures.js';
import { expectHttpError, postIncrement, readActivity } from '../helpers/http.js';
import { connectPerson } from '../helpers/people.js';
import { failedAck, settle } from '../helpers/test-client.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

/**
 * v1.1 counter limits: `min`, `max` (enforced on every value change), `step` and `goal` (not
 * enforced), set at `counter:create` or by the owner with `counter:configure`.
 */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ RATE_LIMIT_BURST: '1000' });
});
afterAll(() => server.close());

const connect = (options?: Parameters<TestServer['connect']>[0]) => server.connect(options);

/** A board with its owner Olga, a member Ana, a viewer, and a socket on another board. */
async function cast() {
  const { board, ownerKey, viewerKey } = await createBoard(server);
  const { board: other } = await createBoard(server);
  const boardId = board.id;
  const olga = await connectPerson(connect, 'Olga');
  const ana = await connectPerson(connect, 'Ana');
  const viewer = await connectPerson(connect, 'Wall');
  const elsewhere = await connectPerson(connect, 'Elsewhere');
  await olga.client.ok('board:join', { boardId, key: ownerKey });
  await ana.client.ok('board:join', { boardId });
  await viewer.client.ok('board:join', { boardId, key: viewerKey });
  await elsewhere.client.ok('board:join', { boardId: other.id });
  return { boardId, olga, ana, viewer, elsewhere };
}

describe('counter:create with limits', () => {
  it('gives a counter without them no bounds, step 1 and no goal', async () => {
    const { boardId, ana } = await cast();
    const { counter } = await ana.client.ok('counter:create', { boardId, name: uniqueName('plain') });
    expect(counter).toMatchObject({ value: 0, version: 0, min: null, max: null, step: 1, goal: null });
    expect(await server.app.store.getCounter(counter.id)).toEqual(counter);
  });

  it('takes min, max, step and goal, and tells the board with them', async () => {
    const { boardId, olga, ana } = await cast();
    const { counter } = await ana.client.ok('counter:create', {
      boardId,
      name: uniqueName('laps'),
      value: 3,
      min: 0,
      max: 10,
      step: 5,
      goal: 8,
    });
    expect(counter).toMatchObject({ value: 3, version: 0, min: 0, max: 10, step: 5, goal: 8 });
    expect(
      await olga.client.waitFor('counter:created', (event) => event.counter.id === counter.id),
    ).toMatchObject({
      boardId,
      counter,
    });
  });

  it('allows a goal outside the bounds and explicit nulls', async () => {
    const { boardId, ana } = await cast();
    const { counter } = await ana.client.ok('counter:create', {
      boardId,
      name: uniqueName('goal'),
      min: null,
      max: 10,
      goal: 1000,
    });
    expect(counter).toMatchObject({ value: 0, min: null, max: 10, goal: 1000 });
  });

  it.each([
    ['min 5', { min: 5 }, 5],
    ['min 5, max 10', { min: 5, max: 10 }, 5],
    ['max -3', { max: -3 }, -3],
    ['min -10, max -3', { min: -10, max: -3 }, -3],
    ['min -5, max 5', { min: -5, max: 5 }, 0],
    ['min 0', { min: 0 }, 0],
  ])('starts a counter without a value at its reset value: %s', async (_label, limits, start) => {
    const { boardId, ana } = await cast();
    const { counter } = await ana.client.ok('counter:create', {
      boardId,
      name: uniqueName('start'),
      ...limits,
    });
    expect(counter).toMatchObject({ value: start, version: 0, ...limits });
  });

  it.each([
    ['a value above max', { value: 11, max: 10 }, 'out_of_range'],
    ['a value below min', { value: -1, min: 0 }, 'out_of_range'],
    ['min > max', { min: 5, max: 1 }, 'invalid_payload'],
    ['min > max with a value', { value: 3, min: 5, max: 1 }, 'invalid_payload'],
    ['step 0', { step: 0 }, 'invalid_payload'],
    ['step 1001', { step: 1001 }, 'invalid_payload'],
    ['a fractional min', { min: 0.5 }, 'invalid_payload'],
    ['a max past 2^53', { max: MAX_SAFE_VALUE + 1 }, 'invalid_payload'],
  ])('refuses %s, creating nothing', async (_label, fields, code) => {
    const { boardId, olga, ana } = await cast();
    const before = await server.app.store.listCounters(boardId);
    expect(
      await ana.client.request('counter:create', { boardId, name: uniqueName('refused'), ...fields }),
    ).toEqual(failedAck(code));
    expect(await server.app.store.listCounters(boardId)).toEqual(before);
    await settle(olga.client);
    expect(olga.client.all('counter:created')).toEqual([]);
  });
});

describe('counter:configure', () => {
  it('changes what it names for the owner, keeps the rest, and tells the whole board (viewers too), nobody else', async () => {
    const { boardId, olga, ana, viewer, elsewhere } = await cast();
    const { counter } = await ana.client.ok('counter:create', {
      boardId,
      name: uniqueName('laps'),
      value: 4,
      min: 0,
      max: 10,
      step: 2,
      goal: 8,
    });
    await ana.client.ok('counter:increment', { counterId: counter.id, by: 1, opId: newOpId() });

    const result = await olga.client.ok('counter:configure', { counterId: counter.id, max: 100 });
    const configured = { ...counter, value: 5, version: 1, max: 100 };
    expect(result.counter).toEqual(configured);
    for (const client of [olga.client, ana.client, viewer.client]) {
      expect(await client.waitFor('counter:configured')).toMatchObject({ boardId, counter: configured });
    }
    await settle(elsewhere.client);
    expect(elsewhere.client.all('counter:configured')).toEqual([]);
    expect(await server.app.store.getCounter(counter.id)).toEqual(configured);
  });

  it('clears a bound or the goal with null, and never changes value or version', async () => {
    const { boardId, olga, ana } = await cast();
    const { counter } = await ana.client.ok('counter:create', {
      boardId,
      name: uniqueName('laps'),
      min: 0,
      max: 10,
      goal: 5,
    });
    for (const by of [3, 4])
      await ana.client.ok('counter:increment', { counterId: counter.id, by, opId: newOpId() });
    const { counter: cleared } = await olga.client.ok('counter:configure', {
      counterId: counter.id,
      min: null,
      goal: null,
      step: 7,
    });
    expect(cleared).toMatchObject({ value: 7, version: 2, min: null, max: 10, step: 7, goal: null });
  });

  it('refuses members and viewers with forbidden, changing nothing', async () => {
    const { boardId, olga, ana, viewer } = await cast();
    const { counter } = await ana.client.ok('counter:create', { boardId, name: uniqueName('laps') });
    for (const client of [ana.client, viewer.client]) {
      expect(await client.request('counter:configure', { counterId: counter.id, max: 5 })).toEqual(
        failedAck('forbidden'),
      );
    }
    expect(await server.app.store.getCounter(counter.id)).toEqual(counter);
    await settle(olga.client);
    expect(olga.client.all('counter:configured')).toEqual([]);
  });

  it('refuses limits the current value already breaks with out_of_range, and min > max with invalid_payload', async () => {
    const { boardId, olga, ana } = await cast();
    const { counter } = await ana.client.ok('counter:create', {
      boardId,
      name: uniqueName('laps'),
      value: 5,
      min: 0,
      max: 10,
    });
    expect(await olga.client.request('counter:configure', { counterId: counter.id, max: 4 })).toEqual(
      failedAck('out_of_range'),
    );
    expect(await olga.client.request('counter:configure', { counterId: counter.id, min: 6 })).toEqual(
      failedAck('out_of_range'),
    );
    // Against the bound already set, and within one payload.
    expect(await olga.client.request('counter:configure', { counterId: counter.id, max: -1 })).toEqual(
      failedAck('invalid_payload'),
    );
    expect(await olga.client.request('counter:configure', { counterId: counter.id, min: 8, max: 2 })).toEqual(
      failedAck('invalid_payload'),
    );
    for (const step of [0, 1001, 1.5]) {
      expect(await olga.client.request('counter:configure', { counterId: counter.id, step })).toEqual(
        failedAck('invalid_payload'),
      );
    }
    expect(await server.app.store.getCounter(counter.id)).toEqual(counter);
    await settle(ana.client);
    expect(ana.client.all('counter:configured')).toEqual([]);
    const { entries } = await readActivity(server.url, boardId);
    expect(entries.map((entry) => entry.kind)).toEqual(['counter_created']);
  });

  it('with no field changes nothing: ok, no broadcast, no activity entry', async () => {
    const { boardId, olga, ana } = await cast();
    const { counter } = await ana.client.ok('counter:create', { boardId, name: uniqueName('laps'), max: 3 });
    expect(await olga.client.request('counter:configure', { counterId: counter.id })).toEqual({
      ok: true,
      counter,
    });
    // A marker on the board: had the empty configure been broadcast, it would have come first.
    await olga.client.ok('counter:configure', { counterId: counter.id, goal: 2 });
    await ana.client.waitFor('counter:configured');
    expect(ana.client.all('counter:configured').map((event) => event.counter.goal)).toEqual([2]);
    const { entries } = await readActivity(server.url, boardId);
    expect(entries.map((entry) => entry.kind)).toEqual(['counter_configured', 'counter_created']);
  });

  it('answers not_found for an unknown counter and not_joined off its board', async () => {
    const { boardId, ana, elsewhere } = await cast();
    const { counter } = await ana.client.ok('counter:create', { boardId, name: uniqueName('laps') });
    expect(await ana.client.request('counter:configure', { counterId: uniqueName('ghost'), max: 1 })).toEqual(
      failedAck('not_found'),
    );
    expect(await elsewhere.client.request('counter:configure', { counterId: counter.id, max: 1 })).toEqual(
      failedAck('not_joined'),
    );
  });
});

describe('bounds on value changes', () => {
  it('refuses an increment past max or min with out_of_range, changing nothing and sending nothing', async () => {
    const { boardId, olga, ana } = await cast();
    const { counter } = await ana.client.ok('counter:create', {
      boardId,
      name: uniqueName('laps'),
      value: 2,
      min: -2,
      max: 3,
    });
    const refusedOp = newOpId();
    expect(
      await ana.client.request('counter:increment', { counterId: counter.id, by: 2, opId: refusedOp }),
    ).toEqual(failedAck('out_of_range'));
    expect(
      await ana.client.request('counter:increment', { counterId: counter.id, by: -5, opId: newOpId() }),
    ).toEqual(failedAck('out_of_range'));
    expect(await server.app.store.getCounter(counter.id)).toMatchObject({ value: 2, version: 0 });

    // Up to the bound itself is fine; the refused opId was not used up.
    expect(
      await ana.client.request('counter:increment', { counterId: counter.id, by: 1, opId: refusedOp }),
    ).toEqual({
      ok: true,
      value: 3,
      version: 1,
    });
    // That change is the marker: before it, the board got no update of the refused ones.
    await olga.client.waitFor('counter:updated');
    expect(olga.client.all('counter:updated').flatMap((event) => event.updates)).toMatchObject([
      { counterId: counter.id, value: 3, version: 1 },
    ]);
    expect(
      await ana.client.request('counter:increment', { counterId: counter.id, by: 1, opId: newOpId() }),
    ).toEqual(failedAck('out_of_range'));
    expect(
      await ana.client.request('counter:increment', { counterId: counter.id, by: -5, opId: newOpId() }),
    ).toEqual({
      ok: true,
      value: -2,
      version: 2,
    });
  });

  it('refuses an HTTP increment past a bound with 409 out_of_range', async () => {
    const { boardId, ana } = await cast();
    const { counter } = await ana.client.ok('counter:create', { boardId, name: uniqueName('laps'), max: 0 });
    await expectHttpError(await postIncrement(server.url, counter.id, { by: 1 }), 409, 'out_of_range');
    expect(await server.app.store.getCounter(counter.id)).toMatchObject({ value: 0, version: 0 });
  });

  it.each([
    ['min 5, max 10', { min: 5, max: 10 }, 8, 5],
    ['max -3', { max: -3 }, -7, -3],
    ['min -5, max 5', { min: -5, max: 5 }, 4, 0],
  ])('resets to 0 or the nearer bound: %s', async (_label, limits, value, afterReset) => {
    const { boardId, olga, ana } = await cast();
    const { counter } = await ana.client.ok('counter:create', {
      boardId,
      name: uniqueName('laps'),
      value,
      ...limits,
    });
    expect(await olga.client.request('counter:reset', { counterId: counter.id, opId: newOpId() })).toEqual({
      ok: true,
      value: afterReset,
      version: 1,
    });
    expect(
      await ana.client.waitFor('counter:updated', (event) =>
        event.updates.some((u) => u.counterId === counter.id),
      ),
    ).toMatchObject({ boardId, updates: [{ counterId: counter.id, value: afterReset, version: 1 }] });
    const { entries } = await readActivity(server.url, boardId);
    expect(entries[0]).toMatchObject({ kind: 'reset', by: afterReset - value, value: afterReset });
  });

  it('never enforces the goal', async () => {
    const { boardId, ana } = await cast();
    const { counter } = await ana.client.ok('counter:create', { boardId, name: uniqueName('laps'), goal: 2 });
    expect(
      await ana.client.request('counter:increment', { counterId: counter.id, by: 5, opId: newOpId() }),
    ).toEqual({
      ok: true,
      value: 5,
      version: 1,
    });
  });
});
