import type { ChatMessage, Counter, Visibility } from '@tally/events';
import {
  CHAT_HISTORY_LIMIT,
  chatMessageSchema,
  LOBBY_BOARD_ID,
  MAX_COUNTERS_PER_BOARD,
  TallyError,
} from '@tally/events';
import type { Redis } from 'ioredis';
import type {
  BoardRecord,
  CounterHistory,
  CounterOp,
  NewCounter,
  OpOutcome,
  PublicBoardSummary,
  Store,
} from '../store.js';
import { assertSafeCounterValue, LOBBY_COUNTER_ID } from '../store.js';
import { createStoreRedisClient, type RedisErrorListener } from './redis-client.js';
import { toTallyError } from './redis-errors.js';
import { DEFAULT_KEY_PREFIX, type RedisKeys, redisKeys, splitKey } from './redis-keys.js';
import { defineStoreScripts } from './redis-scripts.js';
import type { WaitAofPolicy } from './wait-aof.js';

/** Applied ops are remembered this long: the 24 h the protocol promises plus an hour of slack. */
const DEFAULT_OP_RETENTION_MS = 25 * 60 * 60 * 1000;
const MIN_OP_RETENTION_MS = 24 * 60 * 60 * 1000;
/** Chat is a capped list: the snapshot shows the last 50; a few times that is kept. */
export const CHAT_MESSAGES_KEPT = 4 * CHAT_HISTORY_LIMIT;

export interface RedisStoreOptions {
  /** `redis://[user:password@]host:port[/db]` (or `rediss://` for TLS). */
  url: string;
  /** Prefix of every key (default `tally:`). */
  keyPrefix?: string;
  /** When set, each batch of ops waits for WAITAOF before it resolves (REDIS_WAITAOF). */
  waitAof?: WaitAofPolicy | null;
  /** Clock for createdAt and history times; tests pass a controllable one. */
  now?: () => number;
  /** How long applied opIds and history points are kept; at least 24 h. */
  opRetentionMs?: number;
  /** Called on the first connection error of each outage (for the logs). */
  onConnectionError?: RedisErrorListener;
}

/**
 * The Store on Redis, for several Tally nodes sharing one source of truth. Each write that must
 * check before it changes (an op, a new counter, the lobby seed) is one Lua script, so it is
 * atomic without locks; a batch of ops is one MULTI/EXEC of scripts, sent in one round trip.
 * Ops go through their own connection, so a batch waiting for WAITAOF does not hold up reads.
 */
export class RedisStore implements Store {
  readonly keys: RedisKeys;
  private readonly client: Redis;
  private readonly writer: Redis;
  private readonly waitAof: WaitAofPolicy | null;
  private readonly now: () => number;
  private readonly opRetentionMs: number;

  constructor(options: RedisStoreOptions) {
    this.keys = redisKeys(options.keyPrefix ?? DEFAULT_KEY_PREFIX);
    this.waitAof = options.waitAof ?? null;
    this.now = options.now ?? Date.now;
    this.opRetentionMs = Math.max(options.opRetentionMs ?? DEFAULT_OP_RETENTION_MS, MIN_OP_RETENTION_MS);
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
    await this.call(() => Promise.all([this.client.ping(), this.writer.ping()]));
  }

  async createBoard(board: BoardRecord): Promise<void> {
    const created = await this.call(() =>
      this.client.tallyCreateBoard(
        this.keys.board(board.id),
        this.keys.publicBoards(),
        this.keys.sequence(),
        board.id,
        board.name,
        board.visibility,
        board.ownerKeyHash ?? '',
        board.accessKeyHash ?? '',
        String(board.createdAt),
      ),
    );
    if (created === 0) throw new TallyError('invalid_payload', 'a board with this id exists');
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

  async listPublicBoards(): Promise<PublicBoardSummary[]> {
    const [boardBefore, boardAfter] = splitKey(this.keys.board);
    const [countersBefore, countersAfter] = splitKey(this.keys.boardCounters);
    const flat = await this.call(() =>
      this.client.tallyListPublicBoards(
        this.keys.publicBoards(),
        boardBefore,
        boardAfter,
        countersBefore,
        countersAfter,
      ),
    );
    const boards: PublicBoardSummary[] = [];
    for (let i = 0; i < flat.length; i += 3) {
      boards.push({ id: String(flat[i]), name: String(flat[i + 1]), counters: Number(flat[i + 2]) });
    }
    return boards;
  }

  async listCounters(boardId: string): Promise<Counter[]> {
    const [counterBefore, counterAfter] = splitKey(this.keys.counter);
    const flat = await this.call(() =>
      this.client.tallyListCounters(this.keys.boardCounters(boardId), counterBefore, counterAfter),
    );
    const counters: Counter[] = [];
    for (let i = 0; i < flat.length; i += 4) {
      counters.push({
        id: String(flat[i]),
        boardId,
        name: String(flat[i + 1]),
        value: Number(flat[i + 2]),
        version: Number(flat[i + 3]),
      });
    }
    return counters;
  }

  async getCounter(counterId: string): Promise<Counter | null> {
    const fields = await this.call(() =>
      this.client.hmget(this.keys.counter(counterId), 'boardId', 'name', 'value', 'version'),
    );
    return toCounter(counterId, fields);
  }

  async createCounter(counter: NewCounter): Promise<Counter> {
    assertSafeCounterValue(counter.value);
    const outcome = await this.call(() =>
      this.client.tallyCreateCounter(
        this.keys.board(counter.boardId),
        this.keys.boardCounters(counter.boardId),
        this.keys.counter(counter.id),
        this.keys.sequence(),
        counter.id,
        counter.boardId,
        counter.name,
        String(counter.value),
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

  async renameCounter(counterId: string, name: string): Promise<Counter | null> {
    const fields = await this.call(() => this.client.tallyRenameCounter(this.keys.counter(counterId), name));
    return toCounter(counterId, fields);
  }

  async deleteCounter(counterId: string): Promise<Counter | null> {
    const [countersBefore, countersAfter] = splitKey(this.keys.boardCounters);
    const fields = await this.call(() =>
      this.client.tallyDeleteCounter(
        this.keys.counter(counterId),
        this.keys.counterHistory(counterId),
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
    const transaction = this.writer.multi();
    for (const op of ops) {
      transaction.tallyApplyOp(
        this.keys.op(op.opId),
        this.keys.counter(op.counterId),
        this.keys.counterHistory(op.counterId),
        this.keys.totalIncrements(),
        op.kind,
        op.counterId,
        op.kind === 'increment' ? String(op.by) : '',
        String(now),
        String(this.opRetentionMs),
        String(now - this.opRetentionMs),
      );
    }
    // A script that failed inside EXEC (a bug, or OOM) fails the whole batch: every applied op
    // in it is replayed when its client retries the opId.
    const replies = execReplies(await this.call(() => transaction.exec()));
    if (this.waitAof) await this.confirmDurable(this.waitAof);
    return replies.map((reply, index) => toOutcome(reply, ops[index] as CounterOp));
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
        String(CHAT_MESSAGES_KEPT),
      ),
    );
    if (added === 0) throw new TallyError('not_found', 'no such board');
  }

  async recentChatMessages(boardId: string, limit: number): Promise<ChatMessage[]> {
    if (limit <= 0) return [];
    const items = await this.call(() => this.client.lrange(this.keys.chat(boardId), -limit, -1));
    return items.map((item) => chatMessageSchema.parse(JSON.parse(item)));
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

function toCounter(counterId: string, fields: ReadonlyArray<unknown> | null): Counter | null {
  if (!fields || typeof fields[0] !== 'string') return null;
  return {
    id: counterId,
    boardId: fields[0],
    name: String(fields[1]),
    value: Number(fields[2]),
    version: Number(fields[3]),
  };
}

function toOutcome(reply: unknown, op: CounterOp): OpOutcome {
  const [status, boardId, value, version] = Array.isArray(reply) ? reply : [];
  switch (status) {
    case 'applied':
    case 'replayed':
      return {
        ok: true,
        boardId: String(boardId),
        counterId: op.counterId,
        value: Number(value),
        version: Number(version),
        replayed: status === 'replayed',
      };
    case 'reused':
      return { ok: false, code: 'invalid_payload', message: 'opId reused with different parameters' };
    case 'not_found':
      return { ok: false, code: 'not_found', message: 'no such counter' };
    case 'out_of_range':
      return { ok: false, code: 'out_of_range', message: 'the result would be past ±(2^53 − 1)' };
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
