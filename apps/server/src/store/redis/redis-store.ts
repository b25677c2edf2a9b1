import { randomBytes } from 'node:crypto';
import type { ChatMessage, ChatPage, Counter, Visibility } from '@tally/events';
import {
  ACTIVITY_MERGE_WINDOW_MS,
  activityCursorSchema,
  chatMessageSchema,
  LOBBY_BOARD_ID,
  MAX_COUNTERS_PER_BOARD,
  TallyError,
} from '@tally/events';
import type { Redis } from 'ioredis';
import { createStoreRedisClient, type RedisErrorListener } from '../../redis/redis-client.js';
import { toTallyError } from '../../redis/redis-errors.js';
import { DEFAULT_KEY_PREFIX, type RedisKeys, redisKeys, splitKey } from '../../redis/redis-keys.js';
import type { WaitAofPolicy } from '../../redis/wait-aof.js';
import type {
  ActivityPage,
  ActivityPageRequest,
  Actor,
  BoardRecord,
  CounterHistory,
  CounterOp,
  CounterSettings,
  NewCounter,
  OpOutcome,
  OpRecord,
  PublicBoardPageRequest,
  PublicBoardSummary,
  Store,
} from '../store.js';
import {
  ACTIVITY_KEPT_MS,
  assertValidNewCounter,
  DEFAULT_CHAT_HISTORY_PER_BOARD,
  FIRST_PUBLIC_BOARDS_PAGE,
  HISTORY_RETENTION_MS,
  LOBBY_COUNTER_ID,
  OP_REFUSALS,
  opRetentionMs,
} from '../store.js';
import { decodeActivityEntry } from './redis-activity.js';
import { parseOpRecord } from './redis-op-record.js';
import { COUNTER_FIELDS, defineStoreScripts } from './redis-scripts.js';

/**
 * How long the key naming a member's mergeable activity entry lives: past the merge window, so
 * that Redis's clock running a little ahead of the nodes' never ends a merge early (the scripts
 * compare the entry's own time with the window).
 */
const MERGE_KEY_TTL_MS = 2 * ACTIVITY_MERGE_WINDOW_MS;

export interface RedisStoreOptions {
  /** `redis://[user:password@]host:port[/db]` (or `rediss://` for TLS). */
  url: string;
  /** Prefix of every key (default `tally:`). */
  keyPrefix?: string;
  /** When set, each batch of ops waits for WAITAOF before it resolves (REDIS_WAITAOF). */
  waitAof?: WaitAofPolicy | null;
  /** Clock for every time the store records (history, op records, activity); tests pass a controllable one. */
  now?: () => number;
  /** How long applied opIds are kept; at least 24 h. History points stay HISTORY_RETENTION_MS. */
  opRetentionMs?: number;
  /** Chat messages kept per board (DEFAULT_CHAT_HISTORY_PER_BOARD): the list is trimmed as it grows. */
  chatHistoryPerBoard?: number;
  /** Called on the first connection error of each outage (for the logs). */
  onConnectionError?: RedisErrorListener;
}

/**
 * The Store on Redis, for several Tally nodes sharing one source of truth. Each write that must
 * check before it changes (an op, a new counter, a configuration, the lobby seed) is one Lua
 * script, so it is atomic without locks, and it writes its activity entry itself; a batch of ops
 * is one MULTI/EXEC of scripts, sent in one round trip. Ops go through their own connection, so a
 * batch waiting for WAITAOF does not hold up reads.
 */
export class RedisStore implements Store {
  readonly keys: RedisKeys;
  private readonly client: Redis;
  private readonly writer: Redis;
  private readonly waitAof: WaitAofPolicy | null;
  private readonly now: () => number;
  private readonly opRetentionMs: number;
  private readonly chatHistoryPerBoard: number;
  /** The key parts every activity-recording script takes (see CONTEXT_ARGS in redis-scripts.ts). */
  private readonly activityKeyParts: string[];
  /** The key parts APPLY_OP takes: a member's mergeable entry. */
  private readonly mergeKeyParts: string[];
  /** The key parts APPLY_UNDO takes: counter, history and op (it reads the increment's counter). */
  private readonly undoKeyParts: string[];

  constructor(options: RedisStoreOptions) {
    this.keys = redisKeys(options.keyPrefix ?? DEFAULT_KEY_PREFIX);
    this.waitAof = options.waitAof ?? null;
    this.now = options.now ?? Date.now;
    this.opRetentionMs = opRetentionMs(options.opRetentionMs);
    this.chatHistoryPerBoard = options.chatHistoryPerBoard ?? DEFAULT_CHAT_HISTORY_PER_BOARD;
    this.activityKeyParts = [
      ...splitKey(this.keys.boardActivitySequence),
      ...splitKey(this.keys.boardActivity),
    ];
    this.mergeKeyParts = splitKey(this.keys.activityMerge);
    this.undoKeyParts = [
      ...splitKey(this.keys.counter),
      ...splitKey(this.keys.counterHistory),
      ...splitKey(this.keys.op),
    ];
    const onError = options.onConnectionError ?? (() => {});
    this.client = createStoreRedisClient({ url: options.url, name: 'store', onError });
    this.writer = createStoreRedisClient({ url: options.url, name: 'store-writer', onError });
    defineStoreScripts(this.client);
    defineStoreScripts(this.writer);
  }

  async init(): Promise<void> {
    try {
      await Promise.all([connectOnce(this.client), connectOnce(this.writer)]);
    } catch (error) {
      // At start, say what failed (the URL may hold a password: it is not repeated).
      throw new Error(`could not connect to Redis (REDIS_URL): ${(error as Error).message}`, {
        cause: error,
      });
    }
    if (this.waitAof) await this.checkWaitAofSupport(this.waitAof);
    await this.call(() =>
      this.client.tallyMigratePublicBoards(
        this.keys.publicBoardsByCreation(),
        this.keys.publicBoards(),
        ...splitKey(this.keys.boardActivity),
      ),
    );
    const board = this.keys.board(LOBBY_BOARD_ID);
    await this.call(() =>
      this.client.tallySeedLobby(
        board,
        this.keys.publicBoards(),
        this.keys.sequence(),
        this.keys.boardCounters(LOBBY_BOARD_ID),
        this.keys.counter(LOBBY_COUNTER_ID),
        LOBBY_BOARD_ID,
        'Lobby',
        String(this.now()),
        LOBBY_COUNTER_ID,
        'Count',
        String(MAX_COUNTERS_PER_BOARD),
      ),
    );
  }

  async close(): Promise<void> {
    await Promise.all([closeClient(this.client), closeClient(this.writer)]);
  }

  async ping(): Promise<void> {
    // A write on each connection: reads may still be answered while Redis refuses writes (MISCONF, OOM, READONLY).
    const probe = this.keys.writeProbe();
    const at = String(this.now());
    await this.call(() => Promise.all([this.client.set(probe, at), this.writer.set(probe, at)]));
  }

  async serverSecret(): Promise<string> {
    // Once set the key never changes, so SET NX then GET needs no script: every node that races
    // to make it reads back the one that won.
    const key = this.keys.secret();
    const secret = await this.call(async () => {
      await this.client.set(key, randomBytes(32).toString('hex'), 'NX');
      return this.client.get(key);
    });
    if (secret === null) throw new TallyError('internal', 'the store failed');
    return secret;
  }

  async createBoard(board: BoardRecord): Promise<void> {
    const created = await this.call(() =>
      this.client.tallyCreateBoard(this.keys.board(board.id), this.keys.publicBoards(), ...boardArgs(board)),
    );
    if (created === 0) throw new TallyError('invalid_payload', 'a board with this id exists');
  }

  async createBoardWithCounters(board: BoardRecord, counters: readonly NewCounter[]): Promise<Counter[]> {
    if (counters.length > MAX_COUNTERS_PER_BOARD) {
      throw new TallyError('limit_reached', `a board holds at most ${MAX_COUNTERS_PER_BOARD} counters`);
    }
    for (const counter of counters) assertValidNewCounter(counter);
    if (new Set(counters.map((counter) => counter.id)).size < counters.length) {
      throw new TallyError('invalid_payload', 'two counters with one id');
    }
    const outcome = await this.call(() =>
      this.client.tallyCreateBoardWithCounters(
        4 + counters.length,
        this.keys.board(board.id),
        this.keys.publicBoards(),
        this.keys.sequence(),
        this.keys.boardCounters(board.id),
        ...counters.map((counter) => this.keys.counter(counter.id)),
        ...boardArgs(board),
        String(MAX_COUNTERS_PER_BOARD),
        ...counters.flatMap((counter) => [
          counter.id,
          counter.name,
          String(counter.value),
          ...settingArgs(counter),
        ]),
      ),
    );
    switch (outcome) {
      case 'created':
        return counters.map((counter) => ({ ...counter, boardId: board.id, version: 0 }));
      case 'board_exists':
        throw new TallyError('invalid_payload', 'a board with this id exists');
      default:
        throw new TallyError('invalid_payload', 'a counter with this id exists');
    }
  }

  async getBoard(boardId: string): Promise<BoardRecord | null> {
    const fields = await this.call(() => this.client.hgetall(this.keys.board(boardId)));
    if (fields.name === undefined) return null;
    return {
      id: boardId,
      name: fields.name,
      visibility: fields.visibility as Visibility,
      ownerKeyHash: fields.ownerKeyHash ?? null,
      accessKeyHash: fields.accessKeyHash ?? null,
      createdAt: Number(fields.createdAt),
    };
  }

  async listPublicBoards(
    page: PublicBoardPageRequest = FIRST_PUBLIC_BOARDS_PAGE,
  ): Promise<PublicBoardSummary[]> {
    const { limit, after } = page;
    const flat = await this.call(() =>
      this.client.tallyListPublicBoards(
        this.keys.publicBoards(),
        String(limit),
        after ? String(after.lastActivityAt) : '',
        after ? after.id : '',
        ...splitKey(this.keys.board),
        ...splitKey(this.keys.boardCounters),
      ),
    );
    const boards: PublicBoardSummary[] = [];
    for (let i = 0; i < flat.length; i += 4) {
      boards.push({
        id: String(flat[i]),
        name: String(flat[i + 1]),
        counters: Number(flat[i + 2]),
        lastActivityAt: Number(flat[i + 3]),
      });
    }
    return boards;
  }

  async listCounters(boardId: string): Promise<Counter[]> {
    const [counterBefore, counterAfter] = splitKey(this.keys.counter);
    const flat = await this.call(() =>
      this.client.tallyListCounters(this.keys.boardCounters(boardId), counterBefore, counterAfter),
    );
    // id, then COUNTER_FIELDS
    const width = 1 + COUNTER_FIELDS.length;
    const counters: Counter[] = [];
    for (let i = 0; i < flat.length; i += width) {
      counters.push(toCounter(String(flat[i]), flat.slice(i + 1, i + width)) as Counter);
    }
    return counters;
  }

  async getCounter(counterId: string): Promise<Counter | null> {
    const fields = await this.call(() => this.client.hmget(this.keys.counter(counterId), ...COUNTER_FIELDS));
    return toCounter(counterId, fields);
  }

  async createCounter(counter: NewCounter, actor: Actor): Promise<Counter> {
    assertValidNewCounter(counter);
    const outcome = await this.call(() =>
      this.client.tallyCreateCounter(
        this.keys.board(counter.boardId),
        this.keys.boardCounters(counter.boardId),
        this.keys.counter(counter.id),
        this.keys.sequence(),
        ...this.context(actor),
        counter.id,
        counter.boardId,
        counter.name,
        String(counter.value),
        ...settingArgs(counter),
        String(MAX_COUNTERS_PER_BOARD),
      ),
    );
    switch (outcome) {
      case 'created':
        return { ...counter, version: 0 };
      case 'not_found':
        throw new TallyError('not_found', 'no such board');
      case 'limit_reached':
        throw new TallyError('limit_reached', `a board holds at most ${MAX_COUNTERS_PER_BOARD} counters`);
      default:
        throw new TallyError('invalid_payload', 'a counter with this id exists');
    }
  }

  async renameCounter(counterId: string, name: string, actor: Actor): Promise<Counter | null> {
    const fields = await this.call(() =>
      this.client.tallyRenameCounter(this.keys.counter(counterId), ...this.context(actor), counterId, name),
    );
    return toCounter(counterId, fields);
  }

  async configureCounter(
    counterId: string,
    changes: Partial<CounterSettings>,
    actor: Actor,
  ): Promise<Counter | null> {
    // 'keep': left out; empty: cleared (null).
    const change = (setting: number | null | undefined) =>
      setting === undefined ? 'keep' : setting === null ? '' : String(setting);
    const [status, ...fields] = await this.call(() =>
      this.client.tallyConfigureCounter(
        this.keys.counter(counterId),
        ...this.context(actor),
        counterId,
        change(changes.min),
        change(changes.max),
        change(changes.step),
        change(changes.goal),
      ),
    );
    switch (status) {
      case 'configured':
        return toCounter(counterId, fields);
      case 'not_found':
        return null;
      case 'min_above_max':
        throw new TallyError('invalid_payload', 'min must not exceed max');
      default:
        throw new TallyError('out_of_range', "the counter's value lies outside these limits");
    }
  }

  async deleteCounter(counterId: string, actor: Actor): Promise<Counter | null> {
    const [countersBefore, countersAfter] = splitKey(this.keys.boardCounters);
    const fields = await this.call(() =>
      this.client.tallyDeleteCounter(
        this.keys.counter(counterId),
        this.keys.counterHistory(counterId),
        ...this.context(actor),
        counterId,
        countersBefore,
        countersAfter,
      ),
    );
    return toCounter(counterId, fields);
  }

  async applyOps(ops: readonly CounterOp[]): Promise<OpOutcome[]> {
    if (ops.length === 0) return [];
    const now = this.now();
    const retention = String(this.opRetentionMs);
    const historyRetention = String(HISTORY_RETENTION_MS);
    const transaction = this.writer.multi();
    for (const op of ops) {
      if (op.kind === 'undo') {
        transaction.tallyApplyUndo(
          this.keys.op(op.opId),
          this.keys.op(op.undoes),
          this.keys.totalIncrements(),
          ...this.context(op.actor, now),
          op.undoes,
          op.opId,
          retention,
          ...this.undoKeyParts,
          historyRetention,
        );
        continue;
      }
      transaction.tallyApplyOp(
        this.keys.op(op.opId),
        this.keys.counter(op.counterId),
        this.keys.counterHistory(op.counterId),
        this.keys.totalIncrements(),
        ...this.context(op.actor, now),
        op.kind,
        op.counterId,
        op.kind === 'increment' ? String(op.by) : '',
        retention,
        String(ACTIVITY_MERGE_WINDOW_MS),
        String(MERGE_KEY_TTL_MS),
        ...this.mergeKeyParts,
        historyRetention,
      );
    }
    // A script that failed inside EXEC (a bug, or OOM) fails the whole batch: every applied op
    // in it is replayed when its client retries the opId.
    const replies = execReplies(await this.call(() => transaction.exec()));
    if (this.waitAof) await this.confirmDurable(this.waitAof);
    return replies.map(toOutcome);
  }

  async getOp(opId: string): Promise<OpRecord | null> {
    const key = this.keys.op(opId);
    const [record, ttlLeft] = execReplies(
      await this.call(() => this.client.multi().get(key).pttl(key).exec()),
    );
    if (typeof record !== 'string') return null;
    return parseOpRecord(opId, record, Number(ttlLeft), this.now(), this.opRetentionMs);
  }

  async listActivity(boardId: string, page: ActivityPageRequest): Promise<ActivityPage> {
    const { order, limit, cursor } = page;
    if (cursor !== undefined && !activityCursorSchema.safeParse(cursor).success) {
      throw new TallyError('invalid_payload', 'not a cursor of this activity');
    }
    const key = this.keys.boardActivity(boardId);
    // One more than asked: whether it comes says if there is a next page.
    const members = await this.call(() =>
      order === 'newest_first'
        ? this.client.zrevrangebyscore(key, cursor ? `(${cursor}` : '+inf', '-inf', 'LIMIT', 0, limit + 1)
        : this.client.zrangebyscore(key, cursor ? `(${cursor}` : '-inf', '+inf', 'LIMIT', 0, limit + 1),
    );
    const entries = members.slice(0, limit).map(decodeActivityEntry);
    const last = entries.at(-1);
    return { entries, nextCursor: members.length > limit && last ? last.id : null };
  }

  async counterHistory(counterId: string, sinceMs: number): Promise<CounterHistory> {
    const [value, history] = execReplies(
      await this.call(() =>
        this.client
          .multi()
          .hget(this.keys.counter(counterId), 'value')
          .zrangebyscore(this.keys.counterHistory(counterId), sinceMs, '+inf', 'WITHSCORES')
          .exec(),
      ),
    );
    if (typeof value !== 'string') throw new TallyError('not_found', 'no such counter');
    const flat = history as string[];
    const points: CounterHistory['points'] = [];
    let startValue = Number(value);
    for (let i = 0; i < flat.length; i += 2) {
      // member: `<version>|<before>|<after>`, score: appliedAt
      const [, before, after] = (flat[i] as string).split('|');
      if (i === 0) startValue = Number(before);
      points.push({ t: Number(flat[i + 1]), value: Number(after) });
    }
    return { startValue, points };
  }

  async totalIncrements(): Promise<number> {
    const total = await this.call(() => this.client.get(this.keys.totalIncrements()));
    return total === null ? 0 : Number(total);
  }

  async addChatMessage(boardId: string, message: ChatMessage): Promise<void> {
    const { id, clientId, name, text, at } = message;
    const added = await this.call(() =>
      this.client.tallyAddChatMessage(
        this.keys.board(boardId),
        this.keys.chat(boardId),
        JSON.stringify({ id, clientId, name, text, at }),
        String(this.chatHistoryPerBoard),
      ),
    );
    if (added === 0) throw new TallyError('not_found', 'no such board');
  }

  async recentChatMessages(boardId: string, limit: number): Promise<ChatMessage[]> {
    if (limit <= 0) return [];
    const items = await this.call(() => this.client.lrange(this.keys.chat(boardId), -limit, -1));
    return items.map((item) => chatMessageSchema.parse(JSON.parse(item)));
  }

  async chatMessagesBefore(boardId: string, before: string | undefined, limit: number): Promise<ChatPage> {
    // The whole list (chatHistoryPerBoard at most) in one read: the cursor is found in it.
    const items = await this.call(() => this.client.lrange(this.keys.chat(boardId), 0, -1));
    const messages = items.map((item) => chatMessageSchema.parse(JSON.parse(item)));
    const end =
      before === undefined ? messages.length : messages.findIndex((message) => message.id === before);
    if (end === -1) return { messages: [], hasMore: false };
    const start = Math.max(0, end - limit);
    return { messages: messages.slice(start, end), hasMore: start > 0 };
  }

  /**
   * The first arguments of every script that records activity (CONTEXT_ARGS): the time, the
   * retention, the activity key parts, the actor and the public boards (a new entry dates its
   * board there). The name's length is counted here, in the UTF-16 units that reading it back
   * slices by.
   */
  private context(actor: Actor, now = this.now()): string[] {
    return [
      String(now),
      String(ACTIVITY_KEPT_MS),
      ...this.activityKeyParts,
      actor.clientId ?? '',
      String(actor.name.length),
      actor.name,
      this.keys.publicBoards(),
    ];
  }

  /** Refuses to start rather than promise a durability this Redis cannot give. */
  private async checkWaitAofSupport(policy: WaitAofPolicy): Promise<void> {
    const [commandInfo, persistence, server] = await this.call(() =>
      Promise.all([
        this.client.call('COMMAND', 'INFO', 'WAITAOF'),
        this.client.info('persistence'),
        this.client.info('server'),
      ]),
    );
    if (!Array.isArray(commandInfo) || commandInfo[0] === null) {
      const version = /redis_version:(\S+)/.exec(server)?.[1] ?? 'unknown';
      throw new Error(
        `REDIS_WAITAOF needs Redis 7.2 or newer (this one is ${version}); ` +
          'use appendfsync always instead (see docs/scaling.md)',
      );
    }
    if (policy.numLocal === 1 && !/aof_enabled:1/.test(persistence)) {
      throw new Error('REDIS_WAITAOF with numlocal 1 needs `appendonly yes` on the Redis server');
    }
  }

  /** Throws `unavailable` when the batch did not reach the AOF files asked for in time (it stays applied). */
  private async confirmDurable(policy: WaitAofPolicy): Promise<void> {
    const reply = await this.call(() =>
      this.writer.call(
        'WAITAOF',
        String(policy.numLocal),
        String(policy.numReplicas),
        String(policy.timeoutMs),
      ),
    );
    const [local, replicas] = Array.isArray(reply) ? reply.map(Number) : [];
    if ((local ?? 0) < policy.numLocal || (replicas ?? 0) < policy.numReplicas) {
      throw new TallyError('unavailable', 'the write could not be confirmed durable in time, try again');
    }
  }

  /** Runs one Redis call, turning any failure into a TallyError. */
  private async call<T>(command: () => Promise<T>): Promise<T> {
    try {
      return await command();
    } catch (error) {
      throw toTallyError(error);
    }
  }
}

/** The replies of an EXEC; the first error in it is thrown as a TallyError (null: EXEC aborted). */
function execReplies(replies: Array<[Error | null, unknown]> | null): unknown[] {
  if (replies === null) throw new TallyError('internal', 'the store failed');
  return replies.map(([error, reply]) => {
    if (error) throw toTallyError(error);
    return reply;
  });
}

/** Creates the store; call init() next (it connects, checks WAITAOF support and seeds the lobby). */
export function createRedisStore(options: RedisStoreOptions): RedisStore {
  return new RedisStore(options);
}

/** A counter from its COUNTER_FIELDS (null when there is no such counter). */
function toCounter(counterId: string, fields: ReadonlyArray<unknown> | null): Counter | null {
  if (!fields || typeof fields[0] !== 'string') return null;
  const [boardId, name, value, version, min, max, step, goal] = fields;
  // Counters made before v1.1 have no settings: none set reads as the defaults.
  const setting = (field: unknown) => (field === null || field === undefined ? null : Number(field));
  return {
    id: counterId,
    boardId: boardId as string,
    name: String(name),
    value: Number(value),
    version: Number(version),
    min: setting(min),
    max: setting(max),
    step: setting(step) ?? 1,
    goal: setting(goal),
  };
}

/** A board's fields as CREATE_BOARD_FUNCTION takes them. */
function boardArgs(board: BoardRecord): string[] {
  return [
    board.id,
    board.name,
    board.visibility,
    board.ownerKeyHash ?? '',
    board.accessKeyHash ?? '',
    String(board.createdAt),
  ];
}

/** min, max, step, goal as CREATE_COUNTER_FUNCTION takes them (empty: none). */
function settingArgs({ min, max, step, goal }: CounterSettings): string[] {
  return [min, max, step, goal].map((setting) => (setting === null ? '' : String(setting)));
}

/** A script's answer to one op: status, boardId, value, version, counterId, delta. */
function toOutcome(reply: unknown): OpOutcome {
  const [status, boardId, value, version, counterId, delta] = Array.isArray(reply) ? reply : [];
  switch (status) {
    case 'applied':
    case 'replayed':
      return {
        ok: true,
        boardId: String(boardId),
        counterId: String(counterId),
        value: Number(value),
        version: Number(version),
        replayed: status === 'replayed',
        delta: status === 'replayed' ? 0 : Number(delta),
      };
    case 'reused':
      return { ok: false, ...OP_REFUSALS.reused };
    case 'not_found':
      return { ok: false, ...OP_REFUSALS.noCounter };
    case 'past_safe_range':
      return { ok: false, ...OP_REFUSALS.pastSafeRange };
    case 'out_of_bounds':
      return { ok: false, ...OP_REFUSALS.outOfBounds };
    case 'unknown_op':
      return { ok: false, ...OP_REFUSALS.unknownOp };
    case 'not_an_increment':
      return { ok: false, ...OP_REFUSALS.notAnIncrement };
    default:
      throw new TallyError('internal', 'the store failed');
  }
}

/** init() may run again (a restart of the app on the same store): connect only the first time. */
async function connectOnce(client: Redis): Promise<void> {
  if (client.status === 'wait') await client.connect();
}

async function closeClient(client: Redis): Promise<void> {
  if (client.status === 'ready') {
    try {
      await client.quit();
      return;
    } catch {
      // The link dropped while quitting: fall through and drop it for good.
    }
  }
  client.disconnect();
}
