// The behaviour every Store implementation must show. Each implementation's test file calls
// runStoreContract with a factory; nothing here may assume a particular backend.
import { randomUUID } from 'node:crypto';
import type { ActivityEntry, ChatMessage } from '@tally/events';
import {
  ACTIVITY_MERGE_WINDOW_MS,
  ACTIVITY_RETENTION_MS,
  LOBBY_BOARD_ID,
  MAX_COUNTERS_PER_BOARD,
  MAX_SAFE_VALUE,
  TallyError,
} from '@tally/events';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ACTIVITY_KEPT_MS,
  type ActivityPageRequest,
  type Actor,
  type BoardRecord,
  type CounterOp,
  type CounterSettings,
  DEFAULT_COUNTER_SETTINGS,
  type NewCounter,
  OP_REFUSALS,
  type OpOutcome,
  type Store,
} from '../../src/store/store.js';

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
  /** The store's chat bound (its chatHistoryPerBoard option), small so that passing it is quick. */
  chatHistoryPerBoard: number;
}

/** Makes a fresh, empty store (not yet initialised) on its own data. */
export type StoreFactory = (options: StoreFactoryOptions) => Promise<StoreFixture>;

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const CHAT_KEPT = 30;

type IncrementOp = Extract<CounterOp, { kind: 'increment' }>;
type ResetOp = Extract<CounterOp, { kind: 'reset' }>;
type UndoOp = Extract<CounterOp, { kind: 'undo' }>;

const ana: Actor = { clientId: 'client-ana-0001', name: 'Ana' };
const ben: Actor = { clientId: 'client-ben-0002', name: 'Ben' };
const httpCaller: Actor = { clientId: null, name: 'HTTP API' };

/** Registers the contract suite for one Store implementation. */
export function runStoreContract(name: string, makeStore: StoreFactory): void {
  describe(`Store contract: ${name}`, () => {
    let fixture: StoreFixture;
    let store: Store;
    let clock: number;

    beforeEach(async () => {
      clock = Date.UTC(2030, 0, 1);
      fixture = await makeStore({ now: () => clock, chatHistoryPerBoard: CHAT_KEPT });
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

    function newCounter(boardId: string, overrides: Partial<NewCounter> = {}): NewCounter {
      return {
        id: uid('counter'),
        boardId,
        name: 'Clicks',
        value: 0,
        ...DEFAULT_COUNTER_SETTINGS,
        ...overrides,
      };
    }

    async function boardWithCounter(value = 0, settings: Partial<CounterSettings> = {}) {
      const record = board();
      await store.createBoard(record);
      const counter = await store.createCounter(newCounter(record.id, { value, ...settings }), ana);
      return { board: record, counter };
    }

    const inc = (counterId: string, by: number, opId = uid('op'), actor = ana): IncrementOp => ({
      kind: 'increment',
      opId,
      counterId,
      by,
      actor,
    });

    const reset = (counterId: string, opId = uid('op'), actor = ana): ResetOp => ({
      kind: 'reset',
      opId,
      counterId,
      actor,
    });

    const undo = (undoes: string, opId = uid('op'), actor = ana): UndoOp => ({
      kind: 'undo',
      opId,
      undoes,
      actor,
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

    /** Every entry of a board, oldest first. */
    async function activity(boardId: string): Promise<ActivityEntry[]> {
      return (await store.listActivity(boardId, { order: 'oldest_first', limit: 1000 })).entries;
    }

    async function latestEntry(boardId: string): Promise<ActivityEntry | undefined> {
      return (await store.listActivity(boardId, { order: 'newest_first', limit: 1 })).entries[0];
    }

    /** An entry as recorded now; compare with toStrictEqual so that a `by: undefined` key fails. */
    const entry = (fields: Omit<ActivityEntry, 'id' | 'at'> & { at?: number }) => ({
      id: expect.stringMatching(/^\d+$/),
      at: clock,
      ...fields,
    });

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
        expect(counters[0]).toMatchObject({
          boardId: LOBBY_BOARD_ID,
          name: 'Count',
          value: 0,
          version: 0,
          ...DEFAULT_COUNTER_SETTINGS,
        });
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

    describe('serverSecret', () => {
      it('is 64 or more hex chars, the same at every call', async () => {
        const [first, second] = await Promise.all([store.serverSecret(), store.serverSecret()]);
        expect(first).toMatch(/^[0-9a-f]{64,}$/);
        expect(second).toBe(first);
        expect(await store.serverSecret()).toBe(first);
      });

      it('stays the same after close and reopen', async () => {
        const secret = await store.serverSecret();
        store = await fixture.reopen();
        expect(await store.serverSecret()).toBe(secret);
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
        await store.createCounter(newCounter(open.id, { name: 'a' }), ana);
        await store.createCounter(newCounter(open.id, { name: 'b' }), ana);
        const listed = await store.listPublicBoards();
        expect(listed).toContainEqual(
          expect.objectContaining({ id: open.id, name: 'Open one', counters: 2 }),
        );
        expect(listed).toContainEqual(
          expect.objectContaining({ id: LOBBY_BOARD_ID, name: 'Lobby', counters: 1 }),
        );
        expect(listed.map((b) => b.id)).not.toContain(hidden.id);
      });

      it("lists each board's last activity: its newest entry's time, else its creation", async () => {
        const quiet = board({ createdAt: clock - 60_000 });
        await store.createBoard(quiet);
        const { board: busy, counter } = await boardWithCounter();
        clock += 5_000;
        await store.applyOps([inc(counter.id, 1)]);
        const listed = await store.listPublicBoards();
        expect(listed.find((b) => b.id === quiet.id)?.lastActivityAt).toBe(clock - 65_000);
        expect(listed.find((b) => b.id === busy.id)?.lastActivityAt).toBe(clock);
      });
    });

    describe('public board pages', () => {
      /** Every page of `limit` boards, each page starting after the last board of the one before. */
      async function pagesOf(limit: number): Promise<string[][]> {
        const pages: string[][] = [];
        let after: { lastActivityAt: number; id: string } | undefined;
        for (;;) {
          const page = await store.listPublicBoards({ limit, ...(after && { after }) });
          pages.push(page.map((b) => b.id));
          const last = page.at(-1);
          if (page.length < limit || !last) return pages;
          after = { lastActivityAt: last.lastActivityAt, id: last.id };
        }
      }

      const order = async () => (await store.listPublicBoards()).map((b) => [b.id, b.lastActivityAt]);

      it('lists the most recently active first, ties by the greater id first, a page at a time', async () => {
        const tied = [
          board({ createdAt: clock + 10 }),
          board({ createdAt: clock + 10 }),
          board({ createdAt: clock + 10 }),
        ];
        const older = board({ createdAt: clock - 10 });
        const newer = board({ createdAt: clock + 20 });
        const hidden = board({ createdAt: clock + 30, visibility: 'private', accessKeyHash: 'h' });
        for (const record of [...tied, older, newer, hidden]) await store.createBoard(record);
        // The lobby was made at `clock`, when the store started.
        const expected = [
          newer.id,
          ...tied
            .map((b) => b.id)
            .sort()
            .reverse(),
          LOBBY_BOARD_ID,
          older.id,
        ];
        expect((await store.listPublicBoards()).map((b) => b.id)).toEqual(expected);
        expect((await store.listPublicBoards({ limit: 3 })).map((b) => b.id)).toEqual(expected.slice(0, 3));
        // A page ends inside the tie: the next one goes on from the board it ended at.
        expect(await pagesOf(2)).toEqual([
          expected.slice(0, 2),
          expected.slice(2, 4),
          expected.slice(4, 6),
          [],
        ]);
        expect(await pagesOf(4)).toEqual([expected.slice(0, 4), expected.slice(4)]);
      });

      it('moves a board up when an entry begins on it: not for merged increments, never back', async () => {
        clock += 1_000; // after the lobby
        const { board: busy, counter } = await boardWithCounter();
        const made = clock;
        clock += 5_000;
        const quiet = board({ createdAt: clock });
        await store.createBoard(quiet);
        expect((await order()).slice(0, 2)).toEqual([
          [quiet.id, made + 5_000],
          [busy.id, made],
        ]);
        clock += 5_000;
        await store.applyOps([inc(counter.id, 1)]);
        clock += 500;
        await store.applyOps([inc(counter.id, 1)]);
        expect((await order()).slice(0, 2)).toEqual([
          [busy.id, made + 10_000],
          [quiet.id, made + 5_000],
        ]);
        // A clock stepped back: the entry is recorded, the board stays where it was.
        clock -= 60_000;
        await store.applyOps([inc(counter.id, 1, uid('op'), httpCaller)]);
        expect((await order())[0]).toEqual([busy.id, made + 10_000]);
      });

      it('never lists a private board, however active', async () => {
        const hidden = board({ visibility: 'private', accessKeyHash: 'h' });
        await store.createBoard(hidden);
        const counter = await store.createCounter(newCounter(hidden.id), ana);
        clock += 5_000;
        await store.applyOps([inc(counter.id, 1)]);
        expect((await store.listPublicBoards()).map((b) => b.id)).toEqual([LOBBY_BOARD_ID]);
      });
    });

    describe('createBoardWithCounters', () => {
      it('makes the board and its counters in order, at version 0 with their settings', async () => {
        const record = board();
        const specs = [
          newCounter(record.id, { name: 'Laps', value: 3, min: 0, max: 10, step: 5, goal: 8 }),
          newCounter(record.id, { name: 'Score', value: -2 }),
        ];
        const made = await store.createBoardWithCounters(record, specs);
        const expected = specs.map((spec) => ({ ...spec, version: 0 }));
        expect(made).toEqual(expected);
        expect(await store.getBoard(record.id)).toEqual(record);
        expect(await store.listCounters(record.id)).toEqual(expected);
      });

      it('records no activity', async () => {
        const record = board();
        await store.createBoardWithCounters(record, [newCounter(record.id)]);
        expect(await activity(record.id)).toEqual([]);
      });

      it('refuses an existing board id with invalid_payload and makes none of the counters', async () => {
        const { board: existing, counter } = await boardWithCounter(1);
        const spec = newCounter(existing.id, { name: 'Imported' });
        await expectTallyError(
          store.createBoardWithCounters({ ...existing, name: 'Other' }, [spec]),
          'invalid_payload',
        );
        expect(await store.getBoard(existing.id)).toEqual(existing);
        expect(await store.listCounters(existing.id)).toEqual([counter]);
        expect(await store.getCounter(spec.id)).toBeNull();
      });

      it('makes nothing when one counter id is taken', async () => {
        const { counter: taken } = await boardWithCounter(1);
        const record = board();
        const fresh = newCounter(record.id, { name: 'Fresh' });
        await expectTallyError(
          store.createBoardWithCounters(record, [fresh, newCounter(record.id, { id: taken.id })]),
          'invalid_payload',
        );
        expect(await store.getBoard(record.id)).toBeNull();
        expect(await store.getCounter(fresh.id)).toBeNull();
        expect(await store.getCounter(taken.id)).toEqual(taken);
      });
    });

    describe('counters', () => {
      it('creates, lists in creation order, gets, renames and deletes', async () => {
        const record = board();
        await store.createBoard(record);
        const first = await store.createCounter(newCounter(record.id, { name: 'First', value: 7 }), ana);
        const second = await store.createCounter(newCounter(record.id, { name: 'Second', value: -3 }), ana);
        expect(first).toEqual({
          id: first.id,
          boardId: record.id,
          name: 'First',
          value: 7,
          version: 0,
          ...DEFAULT_COUNTER_SETTINGS,
        });
        expect(await store.listCounters(record.id)).toEqual([first, second]);
        expect(await store.getCounter(second.id)).toEqual(second);

        await store.applyOps([inc(first.id, 1)]);
        const renamed = await store.renameCounter(first.id, 'Renamed', ana);
        // A rename does not change the version.
        expect(renamed).toEqual({ ...first, name: 'Renamed', value: 8, version: 1 });

        expect(await store.deleteCounter(second.id, ana)).toEqual(second);
        expect(await store.getCounter(second.id)).toBeNull();
        expect(await store.listCounters(record.id)).toEqual([renamed]);
      });

      it('answers null when renaming or deleting an unknown counter', async () => {
        expect(await store.renameCounter(uid('missing'), 'x', ana)).toBeNull();
        expect(await store.deleteCounter(uid('missing'), ana)).toBeNull();
      });

      it('refuses a counter on an unknown board with not_found', async () => {
        await expectTallyError(store.createCounter(newCounter(uid('missing')), ana), 'not_found');
      });

      it(`refuses counter ${MAX_COUNTERS_PER_BOARD + 1} of a board with limit_reached`, async () => {
        const record = board();
        await store.createBoard(record);
        for (let i = 0; i < MAX_COUNTERS_PER_BOARD; i++) {
          await store.createCounter(newCounter(record.id, { name: `n${i}` }), ana);
        }
        await expectTallyError(
          store.createCounter(newCounter(record.id, { name: 'one too many' }), ana),
          'limit_reached',
        );
        expect(await store.listCounters(record.id)).toHaveLength(MAX_COUNTERS_PER_BOARD);
      });

      it('keeps values near ±2^53 exact', async () => {
        const record = board();
        await store.createBoard(record);
        const high = await store.createCounter(
          newCounter(record.id, { name: 'hi', value: MAX_SAFE_VALUE - 1 }),
          ana,
        );
        const low = await store.createCounter(
          newCounter(record.id, { name: 'lo', value: -MAX_SAFE_VALUE + 1 }),
          ana,
        );
        const [up, down] = await store.applyOps([inc(high.id, 1), inc(low.id, -1)]);
        expect(up).toMatchObject({ ok: true, value: MAX_SAFE_VALUE });
        expect(down).toMatchObject({ ok: true, value: -MAX_SAFE_VALUE });
        expect((await store.getCounter(high.id))?.value).toBe(MAX_SAFE_VALUE);
        expect((await store.getCounter(low.id))?.value).toBe(-MAX_SAFE_VALUE);
      });
    });

    describe('counter settings at creation', () => {
      it('round-trips min, max, step and goal', async () => {
        const record = board();
        await store.createBoard(record);
        const spec = newCounter(record.id, { value: -4, min: -5, max: 5, step: 1000, goal: -MAX_SAFE_VALUE });
        const made = await store.createCounter(spec, ana);
        expect(made).toEqual({ ...spec, version: 0 });
        expect(await store.getCounter(spec.id)).toEqual(made);
      });

      it('reads the defaults back as min null, max null, step 1, goal null', async () => {
        const { counter } = await boardWithCounter();
        expect(await store.getCounter(counter.id)).toMatchObject({
          min: null,
          max: null,
          step: 1,
          goal: null,
        });
      });

      it('accepts a value on a bound', async () => {
        const { counter } = await boardWithCounter(10, { min: 10, max: 10 });
        expect(counter).toMatchObject({ value: 10, min: 10, max: 10 });
      });

      it('refuses min > max with invalid_payload, before the value check', async () => {
        const record = board();
        await store.createBoard(record);
        const spec = newCounter(record.id, { value: 3, min: 5, max: 1 });
        await expectTallyError(store.createCounter(spec, ana), 'invalid_payload');
        expect(await store.getCounter(spec.id)).toBeNull();
      });

      it('refuses a value outside [min, max] with out_of_range, making nothing', async () => {
        const record = board();
        await store.createBoard(record);
        const above = newCounter(record.id, { value: 11, max: 10 });
        const below = newCounter(record.id, { value: -1, min: 0 });
        await expectTallyError(store.createCounter(above, ana), 'out_of_range');
        await expectTallyError(store.createCounter(below, ana), 'out_of_range');
        expect(await store.listCounters(record.id)).toEqual([]);
        expect(await activity(record.id)).toEqual([]);
      });
    });

    describe('configureCounter', () => {
      it('changes only the settings given and keeps the others', async () => {
        const { counter } = await boardWithCounter(5, { min: 0, max: 10, step: 2, goal: 8 });
        const configured = await store.configureCounter(counter.id, { goal: 9, step: 3 }, ana);
        expect(configured).toEqual({ ...counter, goal: 9, step: 3 });
        expect(await store.getCounter(counter.id)).toEqual(configured);
      });

      it('clears a bound or the goal given as null', async () => {
        const { counter } = await boardWithCounter(5, { min: 0, max: 10, goal: 8 });
        const configured = await store.configureCounter(counter.id, { min: null, goal: null }, ana);
        expect(configured).toEqual({ ...counter, min: null, goal: null });
      });

      it('changes neither the value nor the version', async () => {
        const { counter } = await boardWithCounter(5);
        await store.applyOps([inc(counter.id, 1)]);
        const configured = await store.configureCounter(counter.id, { min: -100, max: 100 }, ana);
        expect(configured).toMatchObject({ value: 6, version: 1, min: -100, max: 100 });
      });

      it('refuses a resulting min > max with invalid_payload and changes nothing', async () => {
        const { counter } = await boardWithCounter(5, { max: 10 });
        await expectTallyError(store.configureCounter(counter.id, { min: 11 }, ana), 'invalid_payload');
        await expectTallyError(
          store.configureCounter(counter.id, { min: 3, max: 2 }, ana),
          'invalid_payload',
        );
        expect(await store.getCounter(counter.id)).toEqual(counter);
      });

      it('refuses bounds the current value breaks with out_of_range and changes nothing', async () => {
        const { counter } = await boardWithCounter(5);
        await expectTallyError(store.configureCounter(counter.id, { max: 4 }, ana), 'out_of_range');
        await expectTallyError(store.configureCounter(counter.id, { min: 6 }, ana), 'out_of_range');
        expect(await store.getCounter(counter.id)).toEqual(counter);
      });

      it('accepts bounds the current value sits on', async () => {
        const { counter } = await boardWithCounter(5);
        expect(await store.configureCounter(counter.id, { min: 5, max: 5 }, ana)).toMatchObject({
          min: 5,
          max: 5,
        });
      });

      it('answers null for an unknown counter', async () => {
        expect(await store.configureCounter(uid('missing'), { goal: 3 }, ana)).toBeNull();
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
        const applied = { ok: true, boardId: b.id, counterId: counter.id, replayed: false };
        expect(outcomes).toEqual([
          { ...applied, value: 15, version: 1, delta: 5 },
          { ...applied, value: 13, version: 2, delta: -2 },
          { ...applied, value: 1013, version: 3, delta: 1000 },
        ]);
        expect(await store.getCounter(counter.id)).toMatchObject({ value: 1013, version: 3 });
      });

      it('answers an empty batch with no outcomes', async () => {
        expect(await store.applyOps([])).toEqual([]);
      });

      it('replays a known opId with its first result and delta 0, and changes nothing', async () => {
        const { counter } = await boardWithCounter();
        const op = inc(counter.id, 3);
        const [first] = await store.applyOps([op]);
        await store.applyOps([inc(counter.id, 1)]);
        const [again] = await store.applyOps([op]);
        expect(again).toEqual({ ...(first as OpOutcome), replayed: true, delta: 0 });
        expect(await store.getCounter(counter.id)).toMatchObject({ value: 4, version: 2 });
      });

      it('replays a known opId whoever sends it again', async () => {
        const { counter } = await boardWithCounter();
        const op = inc(counter.id, 3);
        await store.applyOps([op]);
        const [again] = await store.applyOps([{ ...op, actor: ben }]);
        expect(again).toMatchObject({ ok: true, value: 3, replayed: true });
      });

      it('refuses an opId reused with another by, counter or kind', async () => {
        const { counter } = await boardWithCounter();
        const other = await store.createCounter(newCounter(counter.boardId, { name: 'o' }), ana);
        const op = inc(counter.id, 3);
        await store.applyOps([op]);
        const outcomes = await store.applyOps([
          { ...op, by: 4 },
          { ...op, counterId: other.id },
          reset(counter.id, op.opId),
          undo(uid('op'), op.opId),
        ]);
        expect(outcomes).toEqual(Array(4).fill({ ok: false, ...OP_REFUSALS.reused }));
        expect(await store.getCounter(counter.id)).toMatchObject({ value: 3, version: 1 });
        expect(await store.getCounter(other.id)).toMatchObject({ value: 0, version: 0 });
      });

      it('applies an opId given three times in one batch once, with identical outcomes', async () => {
        const { counter } = await boardWithCounter();
        const op = inc(counter.id, 7);
        const outcomes = await store.applyOps([op, op, inc(counter.id, 1), op]);
        const [first, second, , fourth] = outcomes;
        expect(first).toMatchObject({ ok: true, value: 7, version: 1, replayed: false, delta: 7 });
        expect(second).toEqual({ ...(first as OpOutcome), replayed: true, delta: 0 });
        expect(fourth).toEqual({ ...(first as OpOutcome), replayed: true, delta: 0 });
        expect(outcomes[2]).toMatchObject({ ok: true, value: 8, version: 2 });
        expect(await store.getCounter(counter.id)).toMatchObject({ value: 8, version: 2 });
      });

      it('refuses a reused opId with other parameters inside one batch', async () => {
        const { counter } = await boardWithCounter();
        const op = inc(counter.id, 2);
        const [first, reused] = await store.applyOps([op, { ...op, by: -2 }]);
        expect(first).toMatchObject({ ok: true, value: 2 });
        expect(reused).toEqual({ ok: false, ...OP_REFUSALS.reused });
        expect(await store.getCounter(counter.id)).toMatchObject({ value: 2, version: 1 });
      });

      it('refuses a result past ±(2^53 − 1) with out_of_range and applies the rest of the batch', async () => {
        const { counter } = await boardWithCounter(MAX_SAFE_VALUE - 1);
        const low = await store.createCounter(
          newCounter(counter.boardId, { name: 'low', value: -MAX_SAFE_VALUE }),
          ana,
        );
        const tooFar = inc(counter.id, 7);
        const outcomes = await store.applyOps([
          inc(counter.id, -5),
          tooFar,
          inc(low.id, -1),
          inc(counter.id, 6),
        ]);
        expect(outcomes[0]).toMatchObject({ ok: true, value: MAX_SAFE_VALUE - 6, version: 1 });
        expect(outcomes[1]).toEqual({ ok: false, ...OP_REFUSALS.pastSafeRange });
        expect(outcomes[2]).toEqual({ ok: false, ...OP_REFUSALS.pastSafeRange });
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
        expect(missing).toEqual({ ok: false, ...OP_REFUSALS.noCounter });
        expect(applied).toMatchObject({ ok: true, value: 1 });
      });

      // Issue 15: a node authorises a change from its map of counters' boards, which may still
      // hold a counter deleted on another node: the write itself must refuse it, alone.
      it('refuses ops on a deleted counter with not_found, changing nothing, and applies the rest', async () => {
        const { board: record, counter: gone } = await boardWithCounter(5);
        const kept = await store.createCounter(newCounter(record.id), ana);
        await store.deleteCounter(gone.id, ana);
        const entriesBefore = await activity(record.id);
        const totalBefore = await store.totalIncrements();
        const refusedIncrement = inc(gone.id, 1);

        const outcomes = await store.applyOps([refusedIncrement, inc(kept.id, 2), reset(gone.id)]);
        expect(outcomes).toEqual([
          { ok: false, ...OP_REFUSALS.noCounter },
          expect.objectContaining({ ok: true, value: 2, version: 1 }),
          { ok: false, ...OP_REFUSALS.noCounter },
        ]);
        expect(await store.getCounter(gone.id)).toBeNull();
        expect(await store.listCounters(record.id)).toEqual([{ ...kept, value: 2, version: 1 }]);
        expect(await store.totalIncrements()).toBe(totalBefore + 1);
        expect(await activity(record.id)).toHaveLength(entriesBefore.length + 1);
        // A refused op is not remembered: its opId is unknown, nothing to undo.
        expect(await store.getOp(refusedIncrement.opId)).toBeNull();
      });

      it('resets to 0, bumping the version, and replays a reset by opId', async () => {
        const { counter } = await boardWithCounter(40);
        const op = reset(counter.id);
        const [, resetOutcome, afterReset, replay] = await store.applyOps([
          inc(counter.id, 2),
          op,
          inc(counter.id, 1),
          op,
        ]);
        expect(resetOutcome).toMatchObject({ ok: true, value: 0, version: 2, replayed: false, delta: -42 });
        expect(afterReset).toMatchObject({ ok: true, value: 1, version: 3 });
        expect(replay).toMatchObject({ ok: true, value: 0, version: 2, replayed: true, delta: 0 });
      });

      it('remembers an applied opId for at least 24 hours', async () => {
        const { counter } = await boardWithCounter();
        const op = inc(counter.id, 2);
        await store.applyOps([op]);
        clock += DAY;
        await store.init(); // stores may prune expired ops at init
        const [again] = await store.applyOps([op]);
        expect(again).toMatchObject({ ok: true, value: 2, version: 1, replayed: true });
      });

      it('counts each applied increment once in totalIncrements (not resets, replays or refusals)', async () => {
        const { counter } = await boardWithCounter();
        const before = await store.totalIncrements();
        const op = inc(counter.id, 1);
        await store.applyOps([op, op, inc(counter.id, -1), inc(uid('missing'), 1)]);
        await store.applyOps([op, reset(counter.id), { ...op, by: 9 }]);
        expect(await store.totalIncrements()).toBe(before + 2);
      });
    });

    describe('applyOps within bounds', () => {
      it('refuses an increment leaving [min, max] and applies one landing on a bound', async () => {
        const { counter } = await boardWithCounter(9, { min: 0, max: 10 });
        const outcomes = await store.applyOps([inc(counter.id, 2), inc(counter.id, 1), inc(counter.id, -11)]);
        expect(outcomes[0]).toEqual({ ok: false, ...OP_REFUSALS.outOfBounds });
        expect(outcomes[1]).toMatchObject({ ok: true, value: 10, version: 1 });
        expect(outcomes[2]).toEqual({ ok: false, ...OP_REFUSALS.outOfBounds });
        expect(await store.getCounter(counter.id)).toMatchObject({ value: 10, version: 1 });
      });

      it('does not remember a refused opId, count it or record it', async () => {
        const { board: b, counter } = await boardWithCounter(9, { max: 10 });
        const before = await store.totalIncrements();
        const tooFar = inc(counter.id, 2);
        await store.applyOps([tooFar]);
        expect(await store.getOp(tooFar.opId)).toBeNull();
        expect(await store.totalIncrements()).toBe(before);
        expect((await activity(b.id)).map((e) => e.kind)).toEqual(['counter_created']);
        await store.configureCounter(counter.id, { max: 20 }, ana);
        const [retried] = await store.applyOps([tooFar]);
        expect(retried).toMatchObject({ ok: true, value: 11, replayed: false });
      });

      it('resets to 0 when 0 lies within [min, max]', async () => {
        const { counter } = await boardWithCounter(5, { min: -3, max: 10 });
        const [outcome] = await store.applyOps([reset(counter.id)]);
        expect(outcome).toMatchObject({ ok: true, value: 0, delta: -5 });
      });

      it('resets to min when min is above 0', async () => {
        const { counter } = await boardWithCounter(8, { min: 5 });
        const [outcome] = await store.applyOps([reset(counter.id)]);
        expect(outcome).toMatchObject({ ok: true, value: 5, version: 1, delta: -3 });
      });

      it('resets to max when max is below 0', async () => {
        const { counter } = await boardWithCounter(-8, { max: -5 });
        const [outcome] = await store.applyOps([reset(counter.id)]);
        expect(outcome).toMatchObject({ ok: true, value: -5, version: 1, delta: 3 });
      });
    });

    describe('undo', () => {
      it('applies −by of the increment as a new op with its own version and delta', async () => {
        const { board: b, counter } = await boardWithCounter(10);
        const increment = inc(counter.id, 5);
        await store.applyOps([increment]);
        const [outcome] = await store.applyOps([undo(increment.opId)]);
        expect(outcome).toEqual({
          ok: true,
          boardId: b.id,
          counterId: counter.id,
          value: 10,
          version: 2,
          replayed: false,
          delta: -5,
        });
        expect(await store.getCounter(counter.id)).toMatchObject({ value: 10, version: 2 });
      });

      it('undoes an increment applied earlier in the same batch', async () => {
        const { counter } = await boardWithCounter();
        const increment = inc(counter.id, 4);
        const [, outcome] = await store.applyOps([increment, undo(increment.opId)]);
        expect(outcome).toMatchObject({ ok: true, value: 0, version: 2, delta: -4 });
      });

      it('replays the same undoOpId with its first result', async () => {
        const { counter } = await boardWithCounter();
        const increment = inc(counter.id, 4);
        const op = undo(increment.opId);
        await store.applyOps([increment]);
        const [first] = await store.applyOps([op]);
        await store.applyOps([inc(counter.id, 1)]);
        const [again] = await store.applyOps([op]);
        expect(again).toEqual({ ...(first as OpOutcome), replayed: true, delta: 0 });
        expect(await store.getCounter(counter.id)).toMatchObject({ value: 1, version: 3 });
      });

      it('refuses an undoOpId reused for another increment, or used by an increment, with invalid_payload', async () => {
        const { counter } = await boardWithCounter();
        const first = inc(counter.id, 1);
        const second = inc(counter.id, 2);
        const op = undo(first.opId);
        await store.applyOps([first, second, op]);
        const outcomes = await store.applyOps([undo(second.opId, op.opId), inc(counter.id, 1, op.opId)]);
        expect(outcomes).toEqual([
          { ok: false, ...OP_REFUSALS.reused },
          { ok: false, ...OP_REFUSALS.reused },
        ]);
        expect(await store.getCounter(counter.id)).toMatchObject({ value: 2, version: 3 });
      });

      it('refuses an unknown increment with not_found', async () => {
        const [outcome] = await store.applyOps([undo(uid('op'))]);
        expect(outcome).toEqual({ ok: false, ...OP_REFUSALS.unknownOp });
      });

      it('refuses to undo a reset or an undo with invalid_payload', async () => {
        const { counter } = await boardWithCounter(3);
        const increment = inc(counter.id, 1);
        const resetOp = reset(counter.id);
        const undoOp = undo(increment.opId);
        await store.applyOps([increment, undoOp, resetOp]);
        const outcomes = await store.applyOps([undo(resetOp.opId), undo(undoOp.opId)]);
        expect(outcomes).toEqual([
          { ok: false, ...OP_REFUSALS.notAnIncrement },
          { ok: false, ...OP_REFUSALS.notAnIncrement },
        ]);
        expect(await store.getCounter(counter.id)).toMatchObject({ value: 0, version: 3 });
      });

      it("answers a second undo of one increment with the first undo's result, whatever its undoOpId", async () => {
        const { counter } = await boardWithCounter();
        const increment = inc(counter.id, 6);
        await store.applyOps([increment]);
        const [first] = await store.applyOps([undo(increment.opId)]);
        await store.applyOps([inc(counter.id, 1)]);
        const second = undo(increment.opId, uid('op'), ben);
        const [answer] = await store.applyOps([second]);
        expect(answer).toEqual({ ...(first as OpOutcome), replayed: true, delta: 0 });
        expect(await store.getCounter(counter.id)).toMatchObject({ value: 1, version: 3 });
        // The second undoOpId is not remembered: it stays free for another op.
        expect(await store.getOp(second.opId)).toBeNull();
      });

      it('applies two undos of one increment in one batch once', async () => {
        const { counter } = await boardWithCounter();
        const increment = inc(counter.id, 6);
        await store.applyOps([increment]);
        const [first, second] = await store.applyOps([undo(increment.opId), undo(increment.opId)]);
        expect(first).toMatchObject({ ok: true, value: 0, version: 2, replayed: false });
        expect(second).toEqual({ ...(first as OpOutcome), replayed: true, delta: 0 });
      });

      it('refuses the undo of an increment whose counter is gone with not_found', async () => {
        const { counter } = await boardWithCounter();
        const increment = inc(counter.id, 1);
        await store.applyOps([increment]);
        await store.deleteCounter(counter.id, ana);
        const [outcome] = await store.applyOps([undo(increment.opId)]);
        expect(outcome).toEqual({ ok: false, ...OP_REFUSALS.noCounter });
      });

      it('refuses an undo leaving [min, max], leaving the increment undoable later', async () => {
        const { counter } = await boardWithCounter(0, { min: 0 });
        const increment = inc(counter.id, 5);
        await store.applyOps([increment, inc(counter.id, -3)]);
        const op = undo(increment.opId);
        const [refused] = await store.applyOps([op]);
        expect(refused).toEqual({ ok: false, ...OP_REFUSALS.outOfBounds });
        expect(await store.getOp(op.opId)).toBeNull();
        expect(await store.getOp(increment.opId)).toMatchObject({ undoneBy: null });
        await store.applyOps([inc(counter.id, 3)]);
        const [applied] = await store.applyOps([op]);
        expect(applied).toMatchObject({ ok: true, value: 0, replayed: false });
      });

      it('refuses an undo past ±(2^53 − 1) with out_of_range', async () => {
        const { counter } = await boardWithCounter(MAX_SAFE_VALUE - 5);
        const increment = inc(counter.id, -3);
        await store.applyOps([increment, inc(counter.id, 8)]);
        const [outcome] = await store.applyOps([undo(increment.opId)]);
        expect(outcome).toEqual({ ok: false, ...OP_REFUSALS.pastSafeRange });
      });

      it('counts an undo in totalIncrements', async () => {
        const { counter } = await boardWithCounter();
        const increment = inc(counter.id, 2);
        await store.applyOps([increment]);
        const before = await store.totalIncrements();
        await store.applyOps([undo(increment.opId), undo(increment.opId)]);
        expect(await store.totalIncrements()).toBe(before + 1);
      });

      it("adds a point to the counter's history", async () => {
        const { counter } = await boardWithCounter(1);
        const increment = inc(counter.id, 2);
        await store.applyOps([increment]);
        const t1 = clock;
        clock += MINUTE;
        await store.applyOps([undo(increment.opId)]);
        expect(await store.counterHistory(counter.id, t1)).toEqual({
          startValue: 1,
          points: [
            { t: t1, value: 3 },
            { t: clock, value: 1 },
          ],
        });
      });
    });

    describe('getOp', () => {
      it('records an increment with its actor and time, not undone', async () => {
        const { board: b, counter } = await boardWithCounter();
        const op = inc(counter.id, 3);
        await store.applyOps([op]);
        expect(await store.getOp(op.opId)).toEqual({
          opId: op.opId,
          kind: 'increment',
          counterId: counter.id,
          boardId: b.id,
          by: 3,
          actorClientId: ana.clientId,
          appliedAt: clock,
          undoneBy: null,
        });
      });

      it('records a reset with by null and an HTTP actor as clientId null', async () => {
        const { board: b, counter } = await boardWithCounter(4);
        const op = reset(counter.id, uid('op'), httpCaller);
        await store.applyOps([op]);
        expect(await store.getOp(op.opId)).toEqual({
          opId: op.opId,
          kind: 'reset',
          counterId: counter.id,
          boardId: b.id,
          by: null,
          actorClientId: null,
          appliedAt: clock,
          undoneBy: null,
        });
      });

      it('records an undo with −by, and sets undoneBy on the increment', async () => {
        const { board: b, counter } = await boardWithCounter();
        const increment = inc(counter.id, 3);
        await store.applyOps([increment]);
        const appliedAt = clock;
        clock += MINUTE;
        const op = undo(increment.opId, uid('op'), ben);
        await store.applyOps([op]);
        expect(await store.getOp(op.opId)).toEqual({
          opId: op.opId,
          kind: 'undo',
          counterId: counter.id,
          boardId: b.id,
          by: -3,
          actorClientId: ben.clientId,
          appliedAt: clock,
          undoneBy: null,
        });
        expect(await store.getOp(increment.opId)).toMatchObject({
          kind: 'increment',
          appliedAt,
          undoneBy: op.opId,
        });
      });

      it('answers null for an unknown opId', async () => {
        expect(await store.getOp(uid('op'))).toBeNull();
      });

      it('keeps op records across close and reopen', async () => {
        const { counter } = await boardWithCounter();
        const increment = inc(counter.id, 3);
        const op = undo(increment.opId);
        await store.applyOps([increment, op]);
        const record = await store.getOp(increment.opId);
        store = await fixture.reopen();
        expect(await store.getOp(increment.opId)).toEqual(record);
        expect(await store.getOp(op.opId)).toMatchObject({ kind: 'undo', by: -3 });
      });
    });

    describe('activity entries', () => {
      it('records counter_created with the initial value and no by', async () => {
        const { board: b, counter } = await boardWithCounter(7);
        expect(await activity(b.id)).toStrictEqual([
          entry({
            kind: 'counter_created',
            counterId: counter.id,
            counterName: 'Clicks',
            value: 7,
            actor: ana,
          }),
        ]);
      });

      it('records an increment with by and the value after', async () => {
        const { board: b, counter } = await boardWithCounter(7);
        await store.applyOps([inc(counter.id, 3, uid('op'), ben)]);
        expect(await latestEntry(b.id)).toStrictEqual(
          entry({
            kind: 'increment',
            counterId: counter.id,
            counterName: 'Clicks',
            by: 3,
            value: 10,
            actor: ben,
          }),
        );
      });

      it('records a reset with by = new − old and the value after', async () => {
        const { board: b, counter } = await boardWithCounter(7, { min: 2 });
        await store.applyOps([reset(counter.id, uid('op'), httpCaller)]);
        expect(await latestEntry(b.id)).toStrictEqual(
          entry({
            kind: 'reset',
            counterId: counter.id,
            counterName: 'Clicks',
            by: -5,
            value: 2,
            actor: httpCaller,
          }),
        );
      });

      it('records an undo with −by and the value after', async () => {
        const { board: b, counter } = await boardWithCounter(7);
        const increment = inc(counter.id, 3);
        await store.applyOps([increment, undo(increment.opId, uid('op'), ben)]);
        expect(await latestEntry(b.id)).toStrictEqual(
          entry({ kind: 'undo', counterId: counter.id, counterName: 'Clicks', by: -3, value: 7, actor: ben }),
        );
      });

      it('records counter_renamed with the new name and no by or value', async () => {
        const { board: b, counter } = await boardWithCounter(7);
        await store.renameCounter(counter.id, 'Laps', ben);
        expect(await latestEntry(b.id)).toStrictEqual(
          entry({ kind: 'counter_renamed', counterId: counter.id, counterName: 'Laps', actor: ben }),
        );
      });

      it('records counter_configured with no by or value', async () => {
        const { board: b, counter } = await boardWithCounter(7);
        await store.configureCounter(counter.id, { goal: 100 }, ben);
        expect(await latestEntry(b.id)).toStrictEqual(
          entry({ kind: 'counter_configured', counterId: counter.id, counterName: 'Clicks', actor: ben }),
        );
      });

      it('records counter_deleted with the name it had and no by or value', async () => {
        const { board: b, counter } = await boardWithCounter(7);
        await store.renameCounter(counter.id, 'Laps', ana);
        await store.deleteCounter(counter.id, ben);
        expect(await latestEntry(b.id)).toStrictEqual(
          entry({ kind: 'counter_deleted', counterId: counter.id, counterName: 'Laps', actor: ben }),
        );
      });

      it('names the counter as it was called at each change', async () => {
        const { board: b, counter } = await boardWithCounter();
        await store.applyOps([inc(counter.id, 1, uid('op'), httpCaller)]);
        await store.renameCounter(counter.id, 'Laps', ana);
        await store.applyOps([inc(counter.id, 1, uid('op'), httpCaller)]);
        expect((await activity(b.id)).map((e) => e.counterName)).toEqual([
          'Clicks',
          'Clicks',
          'Laps',
          'Laps',
        ]);
      });

      it('records nothing for a refusal or a replay', async () => {
        const { board: b, counter } = await boardWithCounter(0, { max: 5 });
        const op = inc(counter.id, 1, uid('op'), httpCaller);
        await store.applyOps([op]);
        clock += 5 * ACTIVITY_MERGE_WINDOW_MS;
        await store.applyOps([op, inc(counter.id, 9), undo(uid('op'))]);
        await expectTallyError(store.configureCounter(counter.id, { max: 0 }, ana), 'out_of_range');
        expect((await activity(b.id)).map((e) => e.kind)).toEqual(['counter_created', 'increment']);
        expect(await latestEntry(b.id)).toMatchObject({ by: 1, value: 1 });
      });

      it('records nothing for an unknown counter', async () => {
        const { board: b } = await boardWithCounter();
        await store.renameCounter(uid('missing'), 'x', ana);
        await store.configureCounter(uid('missing'), { goal: 1 }, ana);
        await store.deleteCounter(uid('missing'), ana);
        expect(await activity(b.id)).toHaveLength(1);
      });

      it('keeps the entries of a deleted counter', async () => {
        const { board: b, counter } = await boardWithCounter();
        await store.applyOps([inc(counter.id, 2)]);
        await store.deleteCounter(counter.id, ana);
        expect((await activity(b.id)).map((e) => e.kind)).toEqual([
          'counter_created',
          'increment',
          'counter_deleted',
        ]);
      });

      it('keeps entries across close and reopen', async () => {
        const { board: b, counter } = await boardWithCounter();
        await store.applyOps([inc(counter.id, 2)]);
        const entries = await activity(b.id);
        store = await fixture.reopen();
        expect(await activity(b.id)).toEqual(entries);
      });
    });

    describe('activity merging', () => {
      it("merges one member's increments on one counter within 1 s of the first into one entry", async () => {
        const { board: b, counter } = await boardWithCounter();
        const first = clock;
        await store.applyOps([inc(counter.id, 1), inc(counter.id, 2)]);
        const before = await latestEntry(b.id);
        clock += ACTIVITY_MERGE_WINDOW_MS - 1;
        await store.applyOps([inc(counter.id, -4)]);
        const merged = await latestEntry(b.id);
        expect(merged).toStrictEqual(
          entry({
            kind: 'increment',
            counterId: counter.id,
            counterName: 'Clicks',
            by: -1,
            value: -1,
            actor: ana,
            at: first,
          }),
        );
        // The entry keeps its id (its place in the pages).
        expect(merged?.id).toBe(before?.id);
        expect(await activity(b.id)).toHaveLength(2);
      });

      it('starts a new entry 1 s after the first increment of the entry', async () => {
        const { board: b, counter } = await boardWithCounter();
        await store.applyOps([inc(counter.id, 1)]);
        clock += ACTIVITY_MERGE_WINDOW_MS / 2;
        await store.applyOps([inc(counter.id, 1)]);
        clock += ACTIVITY_MERGE_WINDOW_MS / 2;
        const second = clock;
        await store.applyOps([inc(counter.id, 1)]);
        clock += ACTIVITY_MERGE_WINDOW_MS / 2;
        await store.applyOps([inc(counter.id, 1)]);
        const increments = (await activity(b.id)).filter((e) => e.kind === 'increment');
        expect(increments).toMatchObject([
          { by: 2, value: 2 },
          { by: 2, value: 4, at: second },
        ]);
      });

      it("merges into the same member's entry even when another member incremented in between", async () => {
        const { board: b, counter } = await boardWithCounter();
        await store.applyOps([inc(counter.id, 1, uid('op'), ana), inc(counter.id, 10, uid('op'), ben)]);
        await store.applyOps([inc(counter.id, 1, uid('op'), ana)]);
        const increments = (await activity(b.id)).filter((e) => e.kind === 'increment');
        expect(increments).toMatchObject([
          { actor: ana, by: 2, value: 12 },
          { actor: ben, by: 10, value: 11 },
        ]);
      });

      it('never merges across counters', async () => {
        const { board: b, counter } = await boardWithCounter();
        const other = await store.createCounter(newCounter(b.id, { name: 'Other' }), ana);
        await store.applyOps([inc(counter.id, 1), inc(other.id, 1), inc(counter.id, 1)]);
        const increments = (await activity(b.id)).filter((e) => e.kind === 'increment');
        expect(increments).toMatchObject([
          { counterId: counter.id, by: 2 },
          { counterId: other.id, by: 1 },
        ]);
      });

      it('never merges HTTP increments', async () => {
        const { board: b, counter } = await boardWithCounter();
        await store.applyOps([
          inc(counter.id, 1, uid('op'), httpCaller),
          inc(counter.id, 1, uid('op'), httpCaller),
        ]);
        const increments = (await activity(b.id)).filter((e) => e.kind === 'increment');
        expect(increments).toMatchObject([
          { by: 1, value: 1 },
          { by: 1, value: 2 },
        ]);
      });

      it('never merges an increment into an entry from before a reset or an undo of its counter', async () => {
        const { board: b, counter } = await boardWithCounter();
        const first = inc(counter.id, 1);
        await store.applyOps([first, reset(counter.id), inc(counter.id, 2)]);
        await store.applyOps([undo(first.opId, uid('op'), ana), inc(counter.id, 3)]);
        expect((await activity(b.id)).map(({ kind, by, value }) => ({ kind, by, value }))).toEqual([
          { kind: 'counter_created', by: undefined, value: 0 },
          { kind: 'increment', by: 1, value: 1 },
          { kind: 'reset', by: -1, value: 0 },
          { kind: 'increment', by: 2, value: 2 },
          { kind: 'undo', by: -1, value: 1 },
          { kind: 'increment', by: 3, value: 4 },
        ]);
      });

      it('never merges resets or undos', async () => {
        const { board: b, counter } = await boardWithCounter();
        const first = inc(counter.id, 1);
        const second = inc(counter.id, 1, uid('op'), ben);
        await store.applyOps([first, second, undo(first.opId), undo(second.opId, uid('op'), ben)]);
        await store.applyOps([reset(counter.id), reset(counter.id)]);
        expect((await activity(b.id)).map((e) => e.kind)).toEqual([
          'counter_created',
          'increment',
          'increment',
          'undo',
          'undo',
          'reset',
          'reset',
        ]);
      });
    });

    describe('activity pages', () => {
      /** A board with 5 entries: counter_created, then 4 HTTP increments (never merged). */
      async function boardWithFiveEntries() {
        const { board: b, counter } = await boardWithCounter();
        for (let i = 1; i <= 4; i++) {
          clock += 1;
          await store.applyOps([inc(counter.id, i, uid('op'), httpCaller)]);
        }
        const all = await activity(b.id);
        expect(all).toHaveLength(5);
        return { board: b, all };
      }

      async function page(boardId: string, request: ActivityPageRequest) {
        const { entries, nextCursor } = await store.listActivity(boardId, request);
        return { ids: entries.map((e) => e.id), nextCursor };
      }

      it('gives ids that rise with each entry', async () => {
        const { all } = await boardWithFiveEntries();
        const ids = all.map((e) => BigInt(e.id));
        expect([...ids].sort((a, c) => (a < c ? -1 : 1))).toEqual(ids);
        expect(new Set(ids).size).toBe(5);
      });

      it('pages newest first with cursors, nextCursor null on the last page', async () => {
        const { board: b, all } = await boardWithFiveEntries();
        const ids = all.map((e) => e.id).reverse();
        const first = await page(b.id, { order: 'newest_first', limit: 2 });
        expect(first).toEqual({ ids: ids.slice(0, 2), nextCursor: ids[1] });
        const second = await page(b.id, {
          order: 'newest_first',
          limit: 2,
          cursor: first.nextCursor as string,
        });
        expect(second).toEqual({ ids: ids.slice(2, 4), nextCursor: ids[3] });
        const last = await page(b.id, {
          order: 'newest_first',
          limit: 2,
          cursor: second.nextCursor as string,
        });
        expect(last).toEqual({ ids: ids.slice(4), nextCursor: null });
      });

      it('pages oldest first with cursors, nextCursor null on the last page', async () => {
        const { board: b, all } = await boardWithFiveEntries();
        const ids = all.map((e) => e.id);
        const first = await page(b.id, { order: 'oldest_first', limit: 3 });
        expect(first).toEqual({ ids: ids.slice(0, 3), nextCursor: ids[2] });
        const last = await page(b.id, {
          order: 'oldest_first',
          limit: 3,
          cursor: first.nextCursor as string,
        });
        expect(last).toEqual({ ids: ids.slice(3), nextCursor: null });
      });

      it('gives nextCursor null when a page ends exactly at the last entry', async () => {
        const { board: b } = await boardWithFiveEntries();
        expect((await page(b.id, { order: 'newest_first', limit: 5 })).nextCursor).toBeNull();
        expect((await page(b.id, { order: 'oldest_first', limit: 5 })).nextCursor).toBeNull();
      });

      it('gives entries in both orders with the newest at the end of oldest first', async () => {
        const { board: b, all } = await boardWithFiveEntries();
        const newest = (await store.listActivity(b.id, { order: 'newest_first', limit: 10 })).entries;
        expect(newest).toEqual([...all].reverse());
        expect(all.at(-1)).toMatchObject({ kind: 'increment', by: 4, value: 10 });
      });

      it("lists only the board's own entries, and none for an unknown board", async () => {
        const { board: b } = await boardWithFiveEntries();
        const { board: other } = await boardWithCounter();
        expect(await activity(other.id)).toHaveLength(1);
        expect(await activity(b.id)).toHaveLength(5);
        expect(await store.listActivity(uid('missing'), { order: 'newest_first', limit: 10 })).toEqual({
          entries: [],
          nextCursor: null,
        });
      });
    });

    describe('activity retention', () => {
      it(`keeps entries ${ACTIVITY_RETENTION_MS / DAY} days and prunes them after ACTIVITY_KEPT_MS`, async () => {
        const { board: b, counter } = await boardWithCounter(); // counter_created at t0
        clock += ACTIVITY_KEPT_MS - ACTIVITY_RETENTION_MS + 1;
        await store.renameCounter(counter.id, 'Kept', ana);
        clock = Date.UTC(2030, 0, 1) + ACTIVITY_KEPT_MS + 1;
        // Stores may prune at init or on a timer (SQLite), or amortised inside writes (Redis).
        await store.init();
        await store.applyOps([inc(counter.id, 1)]);
        expect((await activity(b.id)).map((e) => e.kind)).toEqual(['counter_renamed', 'increment']);
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
        await store.applyOps([inc(counter.id, -10), reset(counter.id)]);
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
        expect(await store.counterHistory(counter.id, clock - DAY)).toEqual({
          startValue: 0,
          points: [
            { t: t - 23 * 60 * MINUTE, value: 3 },
            { t, value: 7 },
          ],
        });
      });

      // That opIds are still forgotten after their retention is backend-specific (SQLite prunes
      // on its clock, Redis expires keys on the server's): see each store's own tests.
      it('answers a 7-day window from changes older than the op retention', async () => {
        const { counter } = await boardWithCounter(10);
        await store.applyOps([inc(counter.id, 5)]); // 15, six days before the read
        const tEarly = clock;
        clock += DAY;
        await store.applyOps([inc(counter.id, -3)]); // 12, five days before
        const tMiddle = clock;
        clock += 5 * DAY;
        await store.init(); // stores may prune expired ops at init
        await store.applyOps([inc(counter.id, 1)]); // 13, now: a write may prune too
        const tLast = clock;
        expect(await store.counterHistory(counter.id, clock - 7 * DAY)).toEqual({
          startValue: 10,
          points: [
            { t: tEarly, value: 15 },
            { t: tMiddle, value: 12 },
            { t: tLast, value: 13 },
          ],
        });
        // The window's start can fall between old changes.
        expect(await store.counterHistory(counter.id, tEarly + 1)).toEqual({
          startValue: 15,
          points: [
            { t: tMiddle, value: 12 },
            { t: tLast, value: 13 },
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

      it('pages back through a board from a message to the first, oldest first, with whether more are kept', async () => {
        const record = board();
        const other = board();
        await store.createBoard(record);
        await store.createBoard(other);
        const sent = Array.from({ length: 12 }, (_, n) => message(n));
        for (const m of sent) await store.addChatMessage(record.id, m);
        const elsewhere = message(99);
        await store.addChatMessage(other.id, elsewhere);

        expect(await store.chatMessagesBefore(record.id, undefined, 5)).toEqual({
          messages: sent.slice(7),
          hasMore: true,
        });
        expect(await store.chatMessagesBefore(record.id, sent[7]?.id, 5)).toEqual({
          messages: sent.slice(2, 7),
          hasMore: true,
        });
        expect(await store.chatMessagesBefore(record.id, sent[2]?.id, 5)).toEqual({
          messages: sent.slice(0, 2),
          hasMore: false,
        });
        // Exactly the rest: nothing is left before it.
        expect(await store.chatMessagesBefore(record.id, sent[5]?.id, 5)).toEqual({
          messages: sent.slice(0, 5),
          hasMore: false,
        });
        expect(await store.chatMessagesBefore(record.id, sent[0]?.id, 5)).toEqual({
          messages: [],
          hasMore: false,
        });
        expect(await store.chatMessagesBefore(record.id, undefined, 50)).toEqual({
          messages: sent,
          hasMore: false,
        });
      });

      it(`keeps the newest ${CHAT_KEPT} (chatHistoryPerBoard) of a board as more come, and pages through them`, async () => {
        const record = board();
        const other = board();
        await store.createBoard(record);
        await store.createBoard(other);
        const elsewhere = [message(100), message(101)];
        for (const m of elsewhere) await store.addChatMessage(other.id, m);
        const sent = Array.from({ length: CHAT_KEPT + 5 }, (_, n) => message(n));
        for (const m of sent) await store.addChatMessage(record.id, m);

        const kept = sent.slice(5);
        expect(await store.recentChatMessages(record.id, CHAT_KEPT + 5)).toEqual(kept);
        expect(await store.recentChatMessages(other.id, CHAT_KEPT)).toEqual(elsewhere);
        expect(await store.chatMessagesBefore(record.id, undefined, 20)).toEqual({
          messages: kept.slice(-20),
          hasMore: true,
        });
        expect(await store.chatMessagesBefore(record.id, kept.at(-20)?.id, 20)).toEqual({
          messages: kept.slice(0, -20),
          hasMore: false,
        });
        // A message dropped from the history is no cursor any more.
        expect(await store.chatMessagesBefore(record.id, sent[4]?.id, 20)).toEqual({
          messages: [],
          hasMore: false,
        });
      });

      it('has nothing before a message it does not keep on that board, nor on an unknown board', async () => {
        const record = board();
        const other = board();
        await store.createBoard(record);
        await store.createBoard(other);
        await store.addChatMessage(record.id, message(1));
        const elsewhere = message(2);
        await store.addChatMessage(other.id, elsewhere);
        const empty = { messages: [], hasMore: false };
        expect(await store.chatMessagesBefore(record.id, elsewhere.id, 50)).toEqual(empty);
        expect(await store.chatMessagesBefore(record.id, uid('msg'), 50)).toEqual(empty);
        expect(await store.chatMessagesBefore(uid('missing'), undefined, 50)).toEqual(empty);
      });
    });

    describe('persistence', () => {
      it('keeps boards, counters, ops, totals and chat across close and reopen', async () => {
        const record = board({ visibility: 'private', accessKeyHash: 'access-hash' });
        await store.createBoard(record);
        const counter = await store.createCounter(
          newCounter(record.id, { name: 'Durable', min: -50, max: 50, step: 2, goal: 40 }),
          ana,
        );
        const op = inc(counter.id, 12);
        const [first] = await store.applyOps([op, inc(counter.id, -2)]);
        const chat = message(1);
        await store.addChatMessage(record.id, chat);
        const total = await store.totalIncrements();

        store = await fixture.reopen();

        expect(await store.getBoard(record.id)).toEqual(record);
        expect(await store.getCounter(counter.id)).toEqual({ ...counter, value: 10, version: 2 });
        expect(await store.totalIncrements()).toBe(total);
        expect(await store.recentChatMessages(record.id, 50)).toEqual([chat]);
        const [replayed] = await store.applyOps([op]);
        expect(replayed).toEqual({ ...(first as OpOutcome), replayed: true, delta: 0 });
        expect(await store.getCounter(counter.id)).toMatchObject({ value: 10, version: 2 });
      });
    });
  });
}
