import { MAX_COUNTERS_PER_BOARD, MAX_SAFE_VALUE } from '@tally/events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBoard, newOpId, uniqueName } from './helpers/fixtures.js';
import { failedAck, settle } from './helpers/test-client.js';
import { startTestServer, type TestServer } from './helpers/test-server.js';

const ADMIN_KEY = 'admin-key-for-the-counter-tests';
let server: TestServer;
beforeAll(async () => {
  // A burst large enough for the 200-counter limit test; the rate limit has its own tests.
  server = await startTestServer({ ADMIN_KEY, RATE_LIMIT_BURST: '1000' });
});
afterAll(() => server.close());

/** A board with its owner, a member, a socket on another board and one on no board. */
async function cast() {
  const { board, ownerKey } = await createBoard(server);
  const { board: otherBoard } = await createBoard(server);
  const owner = await server.connect({ auth: { name: 'Owner' } });
  const member = await server.connect({ auth: { name: 'Member' } });
  const elsewhere = await server.connect();
  const nowhere = await server.connect();
  await owner.ok('board:join', { boardId: board.id, key: ownerKey });
  await member.ok('board:join', { boardId: board.id });
  await elsewhere.ok('board:join', { boardId: otherBoard.id });
  const { counter } = await member.ok('counter:create', { boardId: board.id, name: uniqueName('counter') });
  const memberId = (await member.waitFor('hello')).clientId;
  const ownerId = (await owner.waitFor('hello')).clientId;
  // v1.1: the counter events name who made the change, as the activity records it.
  const ownerActor = { clientId: ownerId, name: 'Owner' };
  const memberActor = { clientId: memberId, name: 'Member' };
  return { boardId: board.id, owner, member, memberId, ownerActor, memberActor, elsewhere, nowhere, counter };
}

describe('counter:create', () => {
  it('creates for any member and tells the whole board, sender included, nobody else', async () => {
    const { boardId, owner, member, memberActor, elsewhere, nowhere, counter } = await cast();
    // v1.1: a counter made without settings has no bounds, a step of 1 and no goal.
    expect(counter).toMatchObject({
      boardId,
      value: 0,
      version: 0,
      min: null,
      max: null,
      step: 1,
      goal: null,
    });
    for (const client of [owner, member]) {
      expect(await client.waitFor('counter:created', (event) => event.counter.id === counter.id)).toEqual({
        boardId,
        counter,
        actor: memberActor,
      });
    }
    await settle(elsewhere, nowhere);
    expect(elsewhere.all('counter:created')).toEqual([]);
    expect(nowhere.all('counter:created')).toEqual([]);
  });

  it('takes a start value, trims the name, and needs the board joined', async () => {
    const { boardId, member, nowhere } = await cast();
    const { counter } = await member.ok('counter:create', { boardId, name: '  Laps  ', value: -7 });
    expect(counter).toMatchObject({ name: 'Laps', value: -7, version: 0 });
    expect(await nowhere.request('counter:create', { boardId, name: 'x' })).toEqual(failedAck('not_joined'));
  });

  it(`stops at ${MAX_COUNTERS_PER_BOARD} counters a board with limit_reached`, async () => {
    const { board } = await createBoard(server);
    const ana = await server.connect();
    await ana.ok('board:join', { boardId: board.id });
    await Promise.all(
      Array.from({ length: MAX_COUNTERS_PER_BOARD }, (_, i) =>
        ana.ok('counter:create', { boardId: board.id, name: `c${i}` }),
      ),
    );
    expect(await ana.request('counter:create', { boardId: board.id, name: 'one too many' })).toEqual(
      failedAck('limit_reached'),
    );
  });
});

describe('counter:increment', () => {
  it('acks value and version, and sends counter:updated to the board, sender included, nobody else', async () => {
    const { boardId, owner, member, memberId, elsewhere, nowhere, counter } = await cast();
    expect(
      await member.request('counter:increment', { counterId: counter.id, by: 5, opId: newOpId() }),
    ).toEqual({
      ok: true,
      value: 5,
      version: 1,
    });
    // The sender is named with its delta, so activity feeds can say "Member +5".
    const actors = [{ clientId: memberId, name: 'Member', delta: 5 }];
    const update = { boardId, updates: [{ counterId: counter.id, value: 5, version: 1, actors }] };
    expect(await member.waitFor('counter:updated', (event) => event.boardId === boardId)).toEqual(update);
    expect(await owner.waitFor('counter:updated', (event) => event.boardId === boardId)).toEqual(update);
    await settle(elsewhere, nowhere);
    expect(elsewhere.all('counter:updated')).toEqual([]);
    expect(nowhere.all('counter:updated')).toEqual([]);
  });

  it('defaults by to 1 and accepts negative steps', async () => {
    const { member, counter } = await cast();
    await member.ok('counter:increment', { counterId: counter.id, opId: newOpId() });
    expect(await member.ok('counter:increment', { counterId: counter.id, by: -3, opId: newOpId() })).toEqual({
      ok: true,
      value: -2,
      version: 2,
    });
  });

  it('merges increments that arrive together into updates carrying the latest value', async () => {
    const { boardId, owner, member, counter } = await cast();
    const acks = await Promise.all(
      [1, 2, 3, 4, 5].map((by) =>
        member.ok('counter:increment', { counterId: counter.id, by, opId: newOpId() }),
      ),
    );
    expect(acks.map((ack) => ack.version).sort()).toEqual([1, 2, 3, 4, 5]);
    const last = await owner.waitFor('counter:updated', (event) =>
      event.updates.some((u) => u.version === 5),
    );
    expect(last).toMatchObject({ boardId, updates: [{ counterId: counter.id, value: 15, version: 5 }] });
    const updates = owner.all('counter:updated').flatMap((event) => event.updates);
    expect(updates.length).toBeLessThanOrEqual(5);
    // Merged or not, the named deltas add up to what was applied.
    const deltas = updates.flatMap((update) => update.actors ?? []).map((actor) => actor.delta);
    expect(deltas.reduce((sum, delta) => sum + delta, 0)).toBe(15);
  });

  it('refuses not_found, not_joined and out_of_range, changing nothing', async () => {
    const { boardId, member, elsewhere, counter } = await cast();
    expect(
      await member.request('counter:increment', { counterId: uniqueName('ghost'), opId: newOpId() }),
    ).toEqual(failedAck('not_found'));
    expect(await elsewhere.request('counter:increment', { counterId: counter.id, opId: newOpId() })).toEqual(
      failedAck('not_joined'),
    );
    const { counter: big } = await member.ok('counter:create', {
      boardId,
      name: 'big',
      value: MAX_SAFE_VALUE,
    });
    expect(await member.request('counter:increment', { counterId: big.id, by: 1, opId: newOpId() })).toEqual(
      failedAck('out_of_range'),
    );
    expect(await server.app.store.getCounter(big.id)).toMatchObject({ value: MAX_SAFE_VALUE, version: 0 });
    expect(await server.app.store.getCounter(counter.id)).toMatchObject({ value: 0, version: 0 });
  });
});

describe('idempotency by opId', () => {
  it('applies the same opId sent twice in a row once, with identical acks', async () => {
    const { member, counter } = await cast();
    const opId = newOpId();
    const first = await member.request('counter:increment', { counterId: counter.id, by: 2, opId });
    const second = await member.request('counter:increment', { counterId: counter.id, by: 2, opId });
    expect(first).toEqual({ ok: true, value: 2, version: 1 });
    expect(second).toEqual(first);
    expect(await server.app.store.getCounter(counter.id)).toMatchObject({ value: 2, version: 1 });
  });

  it('applies the same opId sent three times at once (one batch) once, with identical acks', async () => {
    const { member, owner, counter } = await cast();
    const opId = newOpId();
    const acks = await Promise.all(
      [1, 2, 3].map(() => member.request('counter:increment', { counterId: counter.id, opId })),
    );
    expect(acks).toEqual([1, 2, 3].map(() => ({ ok: true, value: 1, version: 1 })));
    expect(await server.app.store.getCounter(counter.id)).toMatchObject({ value: 1, version: 1 });
    await settle(owner);
    expect(owner.all('counter:updated').flatMap((event) => event.updates)).toEqual([
      { counterId: counter.id, value: 1, version: 1, actors: [expect.objectContaining({ delta: 1 })] },
    ]);
  });

  it('refuses a reused opId with other parameters as invalid_payload', async () => {
    const { boardId, member, counter } = await cast();
    const { counter: other } = await member.ok('counter:create', { boardId, name: 'other' });
    const opId = newOpId();
    await member.ok('counter:increment', { counterId: counter.id, by: 1, opId });
    expect(await member.request('counter:increment', { counterId: counter.id, by: 2, opId })).toEqual(
      failedAck('invalid_payload'),
    );
    expect(await member.request('counter:increment', { counterId: other.id, by: 1, opId })).toEqual(
      failedAck('invalid_payload'),
    );
    expect(await server.app.store.getCounter(other.id)).toMatchObject({ value: 0, version: 0 });
  });

  it('does not use up the opId of a refused operation', async () => {
    const { boardId, member, counter } = await cast();
    const { counter: big } = await member.ok('counter:create', {
      boardId,
      name: 'big',
      value: MAX_SAFE_VALUE,
    });
    const opId = newOpId();
    expect(await member.request('counter:increment', { counterId: big.id, opId })).toEqual(
      failedAck('out_of_range'),
    );
    expect(await member.request('counter:increment', { counterId: counter.id, opId })).toEqual({
      ok: true,
      value: 1,
      version: 1,
    });
  });
});

describe('owner-only: rename, reset, delete', () => {
  it('refuses a member with forbidden and changes nothing', async () => {
    const { member, counter } = await cast();
    await member.ok('counter:increment', { counterId: counter.id, by: 4, opId: newOpId() });
    expect(await member.request('counter:rename', { counterId: counter.id, name: 'mine' })).toEqual(
      failedAck('forbidden'),
    );
    expect(await member.request('counter:reset', { counterId: counter.id, opId: newOpId() })).toEqual(
      failedAck('forbidden'),
    );
    expect(await member.request('counter:delete', { counterId: counter.id })).toEqual(failedAck('forbidden'));
    expect(await server.app.store.getCounter(counter.id)).toMatchObject({
      name: counter.name,
      value: 4,
      version: 1,
    });
  });

  it('renames for the owner: counter:renamed to the board, version unchanged', async () => {
    const { boardId, owner, member, ownerActor, elsewhere, counter } = await cast();
    const result = await owner.ok('counter:rename', { counterId: counter.id, name: ' Push-ups ' });
    expect(result.counter).toMatchObject({ id: counter.id, name: 'Push-ups', version: 0 });
    for (const client of [owner, member]) {
      expect(await client.waitFor('counter:renamed')).toEqual({
        boardId,
        counterId: counter.id,
        name: 'Push-ups',
        actor: ownerActor,
      });
    }
    await settle(elsewhere);
    expect(elsewhere.all('counter:renamed')).toEqual([]);
  });

  it('resets for the owner through the write path: counter:updated with 0, version + 1, idempotent', async () => {
    const { boardId, owner, member, ownerActor, counter } = await cast();
    await member.ok('counter:increment', { counterId: counter.id, by: 9, opId: newOpId() });
    const opId = newOpId();
    expect(await owner.request('counter:reset', { counterId: counter.id, opId })).toEqual({
      ok: true,
      value: 0,
      version: 2,
    });
    expect(await owner.request('counter:reset', { counterId: counter.id, opId })).toEqual({
      ok: true,
      value: 0,
      version: 2,
    });
    // v1.1: the owner is named as the one who reset it, with the change it made.
    expect(await member.waitFor('counter:updated', (event) => event.updates[0]?.version === 2)).toEqual({
      boardId,
      updates: [
        {
          counterId: counter.id,
          value: 0,
          version: 2,
          actors: [{ ...ownerActor, delta: -9, kind: 'reset' }],
        },
      ],
    });
  });

  it('deletes for the owner: counter:deleted to the board, then not_found', async () => {
    const { boardId, owner, member, ownerActor, counter } = await cast();
    expect(await owner.request('counter:delete', { counterId: counter.id })).toEqual({ ok: true });
    expect(await member.waitFor('counter:deleted')).toEqual({
      boardId,
      counterId: counter.id,
      actor: ownerActor,
    });
    expect(await member.request('counter:increment', { counterId: counter.id, opId: newOpId() })).toEqual(
      failedAck('not_found'),
    );
    expect(await owner.request('counter:delete', { counterId: counter.id })).toEqual(failedAck('not_found'));
  });

  it('gives ADMIN_KEY owner rights on the lobby', async () => {
    const admin = await server.connect();
    const visitor = await server.connect();
    await admin.ok('board:join', { boardId: 'lobby', key: ADMIN_KEY });
    await visitor.ok('board:join', { boardId: 'lobby' });
    const { counter } = await visitor.ok('counter:create', {
      boardId: 'lobby',
      name: uniqueName('lobby-extra'),
    });
    expect(await visitor.request('counter:delete', { counterId: counter.id })).toEqual(
      failedAck('forbidden'),
    );
    await admin.ok('counter:rename', { counterId: counter.id, name: 'Renamed by admin' });
    await admin.ok('counter:delete', { counterId: counter.id });
    expect(await visitor.waitFor('counter:deleted', (event) => event.counterId === counter.id)).toBeTruthy();
  });
});
