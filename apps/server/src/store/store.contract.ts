// The behaviour every Store implementation must show. Each implementation's test file calls
// runStoreContract with a factory; nothing here may assume a particular backend.
import { randomUUID } from 'node:crypto';
import type { ChatMessage } from '@tally/events';
import { LOBBY_BOARD_ID, MAX_COUNTERS_PER_BOARD, MAX_SAFE_VALUE, TallyError } from '@tally/events';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BoardRecord, CounterOp, OpOutcome, Store } from './store.js';

/** A store under test plus the means to reopen it on the same data and to throw the data away. */
export interface StoreFixture {
  store: Store;
  /** Closes the current store and opens (and inits) a new one on the same data. */
  reopen(): Promise<Store>;
  /** Closes whatever is open and removes the data. */
  cleanup(): Promise<void>;
}

export interface StoreFactoryOptions {
  /** The clock the store must use for every timestamp it makes, so history tests control time. */
  now: () => number;
}

/** Makes a fresh, empty store (not yet initialised) on its own data. */
export type StoreFactory = (options: StoreFactoryOptions) => Promise<StoreFixture>;

const MINUTE = 60_000;

type IncrementOp = Extract<CounterOp, { kind: 'increment' }>;

/** Registers the contract suite for one Store implementation. */
export function runStoreContract(name: string, makeStore: StoreFactory): void {
  describe(`Store contract: ${name}`, () => {
    let fixture: StoreFixture;
    let store: Store;
    let clock: number;

    beforeEach(async () => {
      clock = Date.UTC(2030, 0, 1);
      fixture = await makeStore({ now: () => clock });
      store = fixture.store;
      await store.init();
    });

    afterEach(async () => {
      await fixture.cleanup();
    });

    const uid = (prefix: string) => `${prefix}-${randomUUID()}`;

    function board(overrides: Partial<BoardRecord> = {}): BoardRecord {
      return {
        id: uid('board'),
        name: 'A board',
        visibility: 'public',
        ownerKeyHash: `owner-hash-${randomUUID()}`,
        accessKeyHash: null,
        createdAt: clock,
        ...overrides,
      };
    }

    async function boardWithCounter(value = 0) {
      const record = board();
      await store.createBoard(record);
      const counter = await store.createCounter({
        id: uid('counter'),
        boardId: record.id,
        name: 'Clicks',
        value,
      });
      return { board: record, counter };
    }

    const inc = (counterId: string, by: number, opId = uid('op')): IncrementOp => ({
      kind: 'increment',
      opId,
      counterId,
      by,
    });

    const message = (n: number): ChatMessage => ({
      id: uid('msg'),
      clientId: 'client-0001',
      name: 'Ana',
      text: `message ${n} <b>not html</b>`,
      at: clock + n,
    });

    async function expectTallyError(promise: Promise<unknown>, code: string): Promise<void> {
      const error = await promise.then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(TallyError);
      expect((error as TallyError).code).toBe(code);
    }

    describe('init', () => {
      it('seeds a public lobby holding one counter named "Count" at 0', async () => {
        const lobby = await store.getBoard(LOBBY_BOARD_ID);
        expect(lobby).toMatchObject({
          id: LOBBY_BOARD_ID,
          name: 'Lobby',
          visibility: 'public',
          ownerKeyHash: null,
        });
        const counters = await store.listCounters(LOBBY_BOARD_ID);
        expect(counters).toHaveLength(1);
        expect(counters[0]).toMatchObject({ boardId: LOBBY_BOARD_ID, name: 'Count', value: 0, version: 0 });
      });

      it('does not seed the lobby again when it exists', async () => {
        const [count] = await store.listCounters(LOBBY_BOARD_ID);
        await store.applyOps([inc(count?.id as string, 5)]);
        await store.init();
        store = await fixture.reopen();
        const counters = await store.listCounters(LOBBY_BOARD_ID);
        expect(counters).toEqual([{ ...count, value: 5, version: 1 }]);
      });

      it('answers ping', async () => {
        await expect(store.ping()).resolves.toBeUndefined();
      });
    });

    describe('boards', () => {
      it('round-trips a board with its key hashes', async () => {
        const record = board({
          visibility: 'private',
          accessKeyHash: 'access-hash-1',
          ownerKeyHash: 'owner-hash-1',
        });
        await store.createBoard(record);
        expect(await store.getBoard(record.id)).toEqual(record);
      });

      it('answers null for an unknown board', async () => {
        expect(await store.getBoard(uid('missing'))).toBeNull();
      });

      it('lists public boards with their counter counts, never private ones', async () => {
        const open = board({ name: 'Open one' });
        const hidden = board({ name: 'Hidden one', visibility: 'private', accessKeyHash: 'h' });
        await store.createBoard(open);
        await store.createBoard(hidden);
        await store.createCounter({ id: uid('c'), boardId: open.id, name: 'a', value: 0 });
        await store.createCounter({ id: uid('c'), boardId: open.id, name: 'b', value: 0 });
        const listed = await store.listPublicBoards();
        expect(listed).toContainEqual({ id: open.id, name: 'Open one', counters: 2 });
        expect(listed).toContainEqual({ id: LOBBY_BOARD_ID, name: 'Lobby', counters: 1 });
        expect(listed.map((b) => b.id)).not.toContain(hidden.id);
      });
    });

    describe('counters', () => {
      it('creates, lists in creation order, gets, renames and deletes', async () => {
        const record = board();
        await store.createBoard(record);
        const first = await store.createCounter({
          id: uid('c'),
          boardId: record.id,
          name: 'First',
          value: 7,
        });
        const second = await store.createCounter({
          id: uid('c'),
          boardId: record.id,
          name: 'Second',
          value: -3,
        });
        expect(first).toEqual({ id: first.id, boardId: record.id, name: 'First', value: 7, version: 0 });
        expect(await store.listCounters(record.id)).toEqual([first, second]);
        expect(await store.getCounter(second.id)).toEqual(second);

        await store.applyOps([inc(first.id, 1)]);
        const renamed = await store.renameCounter(first.id, 'Renamed');
        // A rename does not change the version.
        expect(renamed).toEqual({ ...first, name: 'Renamed', value: 8, version: 1 });

        expect(await store.deleteCounter(second.id)).toEqual(second);
        expect(await store.getCounter(second.id)).toBeNull();
        expect(await store.listCounters(record.id)).toEqual([renamed]);
      });

      it('answers null when renaming or deleting an unknown counter', async () => {
        expect(await store.renameCounter(uid('missing'), 'x')).toBeNull();
        expect(await store.deleteCounter(uid('missing'))).toBeNull();
      });

      it('refuses a counter on an unknown board with not_found', async () => {
        await expectTallyError(
          store.createCounter({ id: uid('c'), boardId: uid('missing'), name: 'x', value: 0 }),
          'not_found',
        );
      });

      it(`refuses counter ${MAX_COUNTERS_PER_BOARD + 1} of a board with limit_reached`, async () => {
        const record = board();
        await store.createBoard(record);
        for (let i = 0; i < MAX_COUNTERS_PER_BOARD; i++) {
          await store.createCounter({ id: uid('c'), boardId: record.id, name: `n${i}`, value: 0 });
        }
        await expectTallyError(
          store.createCounter({ id: uid('c'), boardId: record.id, name: 'one too many', value: 0 }),
          'limit_reached',
        );
        expect(await store.listCounters(record.id)).toHaveLength(MAX_COUNTERS_PER_BOARD);
      });

      it('keeps values near ±2^53 exact', async () => {
        const record = board();
        await store.createBoard(record);
        const high = await store.createCounter({
          id: uid('c'),
          boardId: record.id,
          name: 'hi',
          value: MAX_SAFE_VALUE - 1,
        });
        const low = await store.createCounter({
          id: uid('c'),
          boardId: record.id,
          name: 'lo',
          value: -MAX_SAFE_VALUE + 1,
        });
        const [up, down] = await store.applyOps([inc(high.id, 1), inc(low.id, -1)]);
        expect(up).toMatchObject({ ok: true, value: MAX_SAFE_VALUE });
        expect(down).toMatchObject({ ok: true, value: -MAX_SAFE_VALUE });
        expect((await store.getCounter(high.id))?.value).toBe(MAX_SAFE_VALUE);
        expect((await store.getCounter(low.id))?.value).toBe(-MAX_SAFE_VALUE);
      });
    });

    describe('applyOps', () => {
      it('applies increments in order with versions rising by one', async () => {
        const { board: b, counter } = await boardWithCounter(10);
        const outcomes = await store.applyOps([
          inc(counter.id, 5),
          inc(counter.id, -2),
          inc(counter.id, 1000),
        ]);
        expect(outcomes).toEqual([
          { ok: true, boardId: b.id, counterId: counter.id, value: 15, version: 1, replayed: false },
          { ok: true, boardId: b.id, counterId: counter.id, value: 13, version: 2, replayed: false },
          { ok: true, boardId: b.id, counterId: counter.id, value: 1013, version: 3, replayed: false },
        ]);
        expect(await store.getCounter(counter.id)).toMatchObject({ value: 1013, version: 3 });
      });

      it('answers an empty batch with no outcomes', async () => {
        expect(await store.applyOps([])).toEqual([]);
      });

      it('replays a known opId with its first result and changes nothing', async () => {
        const { counter } = await boardWithCounter();
        const op = inc(counter.id, 3);
        const [first] = await store.applyOps([op]);
        await store.applyOps([inc(counter.id, 1)]);
        const [again] = await store.applyOps([op]);
        expect(again).toEqual({ ...(first as OpOutcome), replayed: true });
        expect(await store.getCounter(counter.id)).toMatchObject({ value: 4, version: 2 });
      });

      it('refuses an opId reused with another by, counter or kind', async () => {
        const { counter } = await boardWithCounter();
        const other = await store.createCounter({
          id: uid('c'),
          boardId: counter.boardId,
          name: 'o',
          value: 0,
        });
        const op = inc(counter.id, 3);
        await store.applyOps([op]);
        const outcomes = await store.applyOps([
          { ...op, by: 4 },
          { ...op, counterId: other.id },
          { kind: 'reset', opId: op.opId, counterId: counter.id },
        ]);
        for (const outcome of outcomes) {
          expect(outcome).toEqual({
            ok: false,
            code: 'invalid_payload',
            message: 'opId reused with different parameters',
          });
        }
        expect(await store.getCounter(counter.id)).toMatchObject({ value: 3, version: 1 });
        expect(await store.getCounter(other.id)).toMatchObject({ value: 0, version: 0 });
      });

      it('applies an opId given three times in one batch once, with identical outcomes', async () => {
        const { counter } = await boardWithCounter();
        const op = inc(counter.id, 7);
        const outcomes = await store.applyOps([op, op, inc(counter.id, 1), op]);
        const [first, second, , fourth] = outcomes;
        expect(first).toMatchObject({ ok: true, value: 7, version: 1, replayed: false });
        const { replayed: _ignored, ...result } = first as Extract<OpOutcome, { ok: true }>;
        expect(second).toEqual({ ...result, replayed: true });
        expect(fourth).toEqual({ ...result, replayed: true });
        expect(outcomes[2]).toMatchObject({ ok: true, value: 8, version: 2 });
        expect(await store.getCounter(counter.id)).toMatchObject({ value: 8, version: 2 });
      });

      it('refuses a reused opId with other parameters inside one batch', async () => {
        const { counter } = await boardWithCounter();
        const op = inc(counter.id, 2);
        const [first, reused] = await store.applyOps([op, { ...op, by: -2 }]);
        expect(first).toMatchObject({ ok: true, value: 2 });
        expect(reused).toMatchObject({ ok: false, code: 'invalid_payload' });
        expect(await store.getCounter(counter.id)).toMatchObject({ value: 2, version: 1 });
      });

      it('refuses a result past ±(2^53 − 1) with out_of_range and applies the rest of the batch', async () => {
        const { counter } = await boardWithCounter(MAX_SAFE_VALUE - 1);
        const low = await store.createCounter({
          id: uid('c'),
          boardId: counter.boardId,
          name: 'low',
          value: -MAX_SAFE_VALUE,
        });
        const tooFar = inc(counter.id, 7);
        const outcomes = await store.applyOps([
          inc(counter.id, -5),
          tooFar,
          inc(low.id, -1),
          inc(counter.id, 6),
        ]);
        expect(outcomes[0]).toMatchObject({ ok: true, value: MAX_SAFE_VALUE - 6, version: 1 });
        expect(outcomes[1]).toMatchObject({ ok: false, code: 'out_of_range' });
        expect(outcomes[2]).toMatchObject({ ok: false, code: 'out_of_range' });
        expect(outcomes[3]).toMatchObject({ ok: true, value: MAX_SAFE_VALUE, version: 2 });
        expect(await store.getCounter(low.id)).toMatchObject({ value: -MAX_SAFE_VALUE, version: 0 });
        // A refused op does not use up its opId: once it fits, the same opId applies.
        await store.applyOps([inc(counter.id, -10)]);
        const [retried] = await store.applyOps([tooFar]);
        expect(retried).toMatchObject({ ok: true, value: MAX_SAFE_VALUE - 3, replayed: false });
      });

      it('refuses an unknown counter with not_found and applies the rest', async () => {
        const { counter } = await boardWithCounter();
        const [missing, applied] = await store.applyOps([inc(uid('missing'), 1), inc(counter.id, 1)]);
        expect(missing).toMatchObject({ ok: false, code: 'not_found' });
        expect(applied).toMatchObject({ ok: true, value: 1 });
      });

      it('resets to 0, bumping the version, and replays a reset by opId', async () => {
        const { counter } = await boardWithCounter(40);
        const reset: CounterOp = { kind: 'reset', opId: uid('op'), counterId: counter.id };
        const [, resetOutcome, afterReset, replay] = await store.applyOps([
          inc(counter.id, 2),
          reset,
          inc(counter.id, 1),
          reset,
        ]);
        expect(resetOutcome).toMatchObject({ ok: true, value: 0, version: 2, replayed: false });
        expect(afterReset).toMatchObject({ ok: true, value: 1, version: 3 });
        expect(replay).toMatchObject({ ok: true, value: 0, version: 2, replayed: true });
      });

      it('remembers an applied opId for at least 24 hours', async () => {
        const { counter } = await boardWithCounter();
        const op = inc(counter.id, 2);
        await store.applyOps([op]);
        clock += 24 * 60 * MINUTE;
        await store.init(); // stores may prune expired ops at init
        const [again] = await store.applyOps([op]);
        expect(again).toMatchObject({ ok: true, value: 2, version: 1, replayed: true });
      });

      it('counts each applied increment once in totalIncrements (not resets, replays or refusals)', async () => {
        const { counter } = await boardWithCounter();
        const before = await store.totalIncrements();
        const op = inc(counter.id, 1);
        await store.applyOps([op, op, inc(counter.id, -1), inc(uid('missing'), 1)]);
        await store.applyOps([
          op,
          { kind: 'reset', opId: uid('op'), counterId: counter.id },
          { ...op, by: 9 },
        ]);
        expect(await store.totalIncrements()).toBe(before + 2);
      });
    });

    describe('counterHistory', () => {
      it('gives the value before the window and every change inside it', async () => {
        const { counter } = await boardWithCounter(100);
        await store.applyOps([inc(counter.id, 1)]); // 101, before the window
        clock += 10 * MINUTE;
        const windowStart = clock;
        clock += MINUTE;
        await store.applyOps([inc(counter.id, 5)]); // 106
        const t1 = clock;
        clock += MINUTE;
        await store.applyOps([
          inc(counter.id, -10),
          { kind: 'reset', opId: uid('op'), counterId: counter.id },
        ]);
        const t2 = clock;
        expect(await store.counterHistory(counter.id, windowStart)).toEqual({
          startValue: 101,
          points: [
            { t: t1, value: 106 },
            { t: t2, value: 96 },
            { t: t2, value: 0 },
          ],
        });
      });

      it('gives the creation value and no points for a counter that never changed', async () => {
        const { counter } = await boardWithCounter(42);
        clock += MINUTE;
        expect(await store.counterHistory(counter.id, clock - 60 * MINUTE)).toEqual({
          startValue: 42,
          points: [],
        });
      });

      it('gives the current value and no points when nothing changed inside the window', async () => {
        const { counter } = await boardWithCounter(1);
        await store.applyOps([inc(counter.id, 9)]);
        clock += 120 * MINUTE;
        expect(await store.counterHistory(counter.id, clock - 60 * MINUTE)).toEqual({
          startValue: 10,
          points: [],
        });
      });

      it('still covers a full 24 h window after a day of use', async () => {
        const { counter } = await boardWithCounter();
        await store.applyOps([inc(counter.id, 3)]);
        clock += 23 * 60 * MINUTE;
        await store.applyOps([inc(counter.id, 4)]);
        const t = clock;
        clock += 59 * MINUTE;
        await store.init(); // stores may prune expired ops at init
        expect(await store.counterHistory(counter.id, clock - 24 * 60 * MINUTE)).toEqual({
          startValue: 0,
          points: [
            { t: t - 23 * 60 * MINUTE, value: 3 },
            { t, value: 7 },
          ],
        });
      });

      it('rejects an unknown counter with not_found', async () => {
        await expectTallyError(store.counterHistory(uid('missing'), 0), 'not_found');
      });
    });

    describe('chat', () => {
      it('returns the last N messages of a board, oldest first, and none of other boards', async () => {
        const record = board();
        const other = board();
        await store.createBoard(record);
        await store.createBoard(other);
        const sent = Array.from({ length: 8 }, (_, n) => message(n));
        for (const m of sent) await store.addChatMessage(record.id, m);
        await store.addChatMessage(other.id, message(99));
        expect(await store.recentChatMessages(record.id, 5)).toEqual(sent.slice(3));
        expect(await store.recentChatMessages(record.id, 50)).toEqual(sent);
        expect(await store.recentChatMessages(uid('missing'), 50)).toEqual([]);
      });
    });

    describe('persistence', () => {
      it('keeps boards, counters, ops, totals and chat across close and reopen', async () => {
        const record = board({ visibility: 'private', accessKeyHash: 'access-hash' });
        await store.createBoard(record);
        const counter = await store.createCounter({
          id: uid('c'),
          boardId: record.id,
          name: 'Durable',
          value: 0,
        });
        const op = inc(counter.id, 12);
        const [first] = await store.applyOps([op, inc(counter.id, -2)]);
        const chat = message(1);
        await store.addChatMessage(record.id, chat);
        const total = await store.totalIncrements();

        store = await fixture.reopen();

        expect(await store.getBoard(record.id)).toEqual(record);
        expect(await store.getCounter(counter.id)).toMatchObject({ value: 10, version: 2 });
        expect(await store.totalIncrements()).toBe(total);
        expect(await store.recentChatMessages(record.id, 50)).toEqual([chat]);
        const [replayed] = await store.applyOps([op]);
        expect(replayed).toEqual({ ...(first as OpOutcome), replayed: true });
        expect(await store.getCounter(counter.id)).toMatchObject({ value: 10, version: 2 });
      });
    });
  });
}
