import type { Redis, Result } from 'ioredis';

/**
 * The Lua scripts of the Redis store. A script runs atomically, so each one is a small
 * transaction: it checks and writes without any other client's command in between.
 *
 * Numbers: Lua's are doubles, exact for every integer up to 2^53. Values are changed with
 * HINCRBY (exact int64 arithmetic) after a bounds check, and written into strings with
 * string.format('%d'), never tostring() (which prints 9007199254740991 as 9.007199254741e+15).
 * Keys that depend on data read inside a script are built from a `<before>`/`<after>` pair made
 * by redis-keys.ts, so the key layout is written down once.
 */

/** An increment or reset, with its idempotency record. KEYS: op, counter, history, total increments. */
const APPLY_OP = `
local kind, counterId, by = ARGV[1], ARGV[2], ARGV[3]
local record = redis.call('GET', KEYS[1])
if record then
  local rKind, rCounterId, rBy, rBoardId, rValue, rVersion =
    string.match(record, '^([^|]*)|([^|]*)|([^|]*)|([^|]*)|([^|]*)|([^|]*)$')
  if rKind ~= kind or rCounterId ~= counterId or rBy ~= by then return {'reused'} end
  return {'replayed', rBoardId, rValue, rVersion}
end
local counter = redis.call('HMGET', KEYS[2], 'boardId', 'value')
local boardId = counter[1]
if not boardId then return {'not_found'} end
local before = tonumber(counter[2])
local after
if kind == 'increment' then
  -- Exact while |before| <= 2^53-1 and |by| <= 1000: past 2^53 doubles round, but monotonically,
  -- so a sum beyond the limit never rounds back inside it.
  local sum = before + tonumber(by)
  if sum > 9007199254740991 or sum < -9007199254740991 then return {'out_of_range'} end
  after = redis.call('HINCRBY', KEYS[2], 'value', by)
  redis.call('INCR', KEYS[4])
else
  after = 0
  redis.call('HSET', KEYS[2], 'value', '0')
end
local version = redis.call('HINCRBY', KEYS[2], 'version', 1)
local afterText, versionText = string.format('%d', after), string.format('%d', version)
redis.call('SET', KEYS[1], table.concat({kind, counterId, by, boardId, afterText, versionText}, '|'),
  'NX', 'PX', ARGV[5])
redis.call('ZADD', KEYS[3], ARGV[4],
  string.format('%016d', version) .. '|' .. string.format('%d', before) .. '|' .. afterText)
redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', '(' .. ARGV[6])
-- A history untouched for the whole retention holds only expired points: let it go with them.
redis.call('PEXPIRE', KEYS[3], ARGV[5])
return {'applied', boardId, afterText, versionText}
`;

/** Shared by CREATE_BOARD and SEED_LOBBY. KEYS: board, public boards, sequence. */
const CREATE_BOARD_FUNCTION = `
local function createBoard(id, name, visibility, ownerKeyHash, accessKeyHash, createdAt)
  if redis.call('EXISTS', KEYS[1]) == 1 then return false end
  redis.call('HSET', KEYS[1], 'name', name, 'visibility', visibility, 'createdAt', createdAt)
  if ownerKeyHash ~= '' then redis.call('HSET', KEYS[1], 'ownerKeyHash', ownerKeyHash) end
  if accessKeyHash ~= '' then redis.call('HSET', KEYS[1], 'accessKeyHash', accessKeyHash) end
  if visibility == 'public' then
    local seq = redis.call('INCR', KEYS[3])
    redis.call('ZADD', KEYS[2], createdAt, string.format('%012d', seq) .. ':' .. id)
  end
  return true
end
`;

/** KEYS: board, public boards, sequence. ARGV: id, name, visibility, ownerKeyHash|'', accessKeyHash|'', createdAt. */
const CREATE_BOARD = `${CREATE_BOARD_FUNCTION}
if createBoard(ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6]) then return 1 end
return 0
`;

/** Shared by CREATE_COUNTER and SEED_LOBBY. KEYS[4..6]: board's counters, counter, sequence. */
const CREATE_COUNTER_FUNCTION = `
local function createCounter(boardKey, countersKey, counterKey, sequenceKey, id, boardId, name, value, max)
  if redis.call('EXISTS', boardKey) == 0 then return 'not_found' end
  if redis.call('ZCARD', countersKey) >= tonumber(max) then return 'limit_reached' end
  if redis.call('EXISTS', counterKey) == 1 then return 'exists' end
  local seq = redis.call('INCR', sequenceKey)
  redis.call('HSET', counterKey, 'boardId', boardId, 'name', name, 'value', value, 'version', '0')
  redis.call('ZADD', countersKey, seq, id)
  return 'created'
end
`;

/** KEYS: board, board's counters, counter, sequence. ARGV: id, boardId, name, value, max per board. */
const CREATE_COUNTER = `${CREATE_COUNTER_FUNCTION}
return createCounter(KEYS[1], KEYS[2], KEYS[3], KEYS[4], ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5])
`;

/**
 * Creates the lobby with its counter only when the lobby does not exist: an owner may have
 * deleted "Count" since. Atomic, so nodes starting together seed it once.
 * KEYS: board, public boards, sequence, board's counters, counter. ARGV: board id, board name,
 * createdAt, counter id, counter name, max per board.
 */
const SEED_LOBBY = `${CREATE_BOARD_FUNCTION}${CREATE_COUNTER_FUNCTION}
if not createBoard(ARGV[1], ARGV[2], 'public', '', '', ARGV[3]) then return 0 end
createCounter(KEYS[1], KEYS[4], KEYS[5], KEYS[3], ARGV[4], ARGV[1], ARGV[5], '0', ARGV[6])
return 1
`;

/** KEYS: public boards. ARGV: board key before/after the id, board's counters key before/after. */
const LIST_PUBLIC_BOARDS = `
local out = {}
for _, listing in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do
  local id = string.sub(listing, 14)
  out[#out + 1] = id
  out[#out + 1] = redis.call('HGET', ARGV[1] .. id .. ARGV[2], 'name')
  out[#out + 1] = redis.call('ZCARD', ARGV[3] .. id .. ARGV[4])
end
return out
`;

/** KEYS: board's counters. ARGV: counter key before/after the id. Flat: id, name, value, version, … */
const LIST_COUNTERS = `
local out = {}
for _, id in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do
  local fields = redis.call('HMGET', ARGV[1] .. id .. ARGV[2], 'name', 'value', 'version')
  if fields[1] then
    out[#out + 1] = id
    out[#out + 1] = fields[1]
    out[#out + 1] = fields[2]
    out[#out + 1] = fields[3]
  end
end
return out
`;

/** KEYS: counter. ARGV: new name. Returns boardId, name, value, version or nil. */
const RENAME_COUNTER = `
if redis.call('EXISTS', KEYS[1]) == 0 then return nil end
redis.call('HSET', KEYS[1], 'name', ARGV[1])
return redis.call('HMGET', KEYS[1], 'boardId', 'name', 'value', 'version')
`;

/**
 * KEYS: counter, its history. ARGV: id, board's counters key before/after the board id.
 * Op records stay: a replayed opId of a deleted counter still gets its first result.
 */
const DELETE_COUNTER = `
local fields = redis.call('HMGET', KEYS[1], 'boardId', 'name', 'value', 'version')
if not fields[1] then return nil end
redis.call('DEL', KEYS[1], KEYS[2])
redis.call('ZREM', ARGV[2] .. fields[1] .. ARGV[3], ARGV[1])
return fields
`;

/** KEYS: board, chat. ARGV: message JSON, how many to keep. */
const ADD_CHAT_MESSAGE = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('RPUSH', KEYS[2], ARGV[1])
redis.call('LTRIM', KEYS[2], -tonumber(ARGV[2]), -1)
return 1
`;

/** Replies as Redis sends them: bulk strings, integers, nil (null), arrays of those. */
type ScriptReply = string | number | null | ScriptReply[];

declare module 'ioredis' {
  interface RedisCommander<Context> {
    tallyApplyOp(...keysThenArgs: string[]): Result<ScriptReply[], Context>;
    tallyCreateBoard(...keysThenArgs: string[]): Result<number, Context>;
    tallyCreateCounter(...keysThenArgs: string[]): Result<string, Context>;
    tallySeedLobby(...keysThenArgs: string[]): Result<number, Context>;
    tallyListPublicBoards(...keysThenArgs: string[]): Result<ScriptReply[], Context>;
    tallyListCounters(...keysThenArgs: string[]): Result<ScriptReply[], Context>;
    tallyRenameCounter(...keysThenArgs: string[]): Result<ScriptReply[] | null, Context>;
    tallyDeleteCounter(...keysThenArgs: string[]): Result<ScriptReply[] | null, Context>;
    tallyAddChatMessage(...keysThenArgs: string[]): Result<number, Context>;
  }
}

const SCRIPTS = {
  tallyApplyOp: { numberOfKeys: 4, lua: APPLY_OP },
  tallyCreateBoard: { numberOfKeys: 3, lua: CREATE_BOARD },
  tallyCreateCounter: { numberOfKeys: 4, lua: CREATE_COUNTER },
  tallySeedLobby: { numberOfKeys: 5, lua: SEED_LOBBY },
  tallyListPublicBoards: { numberOfKeys: 1, lua: LIST_PUBLIC_BOARDS, readOnly: true },
  tallyListCounters: { numberOfKeys: 1, lua: LIST_COUNTERS, readOnly: true },
  tallyRenameCounter: { numberOfKeys: 1, lua: RENAME_COUNTER },
  tallyDeleteCounter: { numberOfKeys: 2, lua: DELETE_COUNTER },
  tallyAddChatMessage: { numberOfKeys: 2, lua: ADD_CHAT_MESSAGE },
} as const;

/**
 * Registers the scripts as commands of `client` (and of its pipelines). ioredis sends EVALSHA and
 * falls back to EVAL on a fresh connection, so a restarted Redis (empty script cache) just works.
 */
export function defineStoreScripts(client: Redis): void {
  for (const [name, definition] of Object.entries(SCRIPTS)) {
    client.defineCommand(name, definition);
  }
}
