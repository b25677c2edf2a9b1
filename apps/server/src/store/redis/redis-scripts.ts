import type { Redis, Result } from 'ioredis';
import { ACTIVITY_KIND_CODES as KIND } from './redis-activity.js';

/**
 * The Lua scripts of the Redis store. A script runs atomically, so each one is a small
 * transaction: it checks and writes without any other client's command in between, and a change
 * and its activity entry are written together or not at all.
 *
 * Numbers: Lua's are doubles, exact for every integer up to 2^53. Values are changed with
 * HINCRBY (exact int64 arithmetic) after a bounds check, and written into strings with
 * string.format('%d'), never tostring() (which prints 9007199254740991 as 9.007199254741e+15);
 * bounds are stored and copied as the strings Node wrote, and only compared as numbers.
 * Keys that depend on data read inside a script are built from a `<before>`/`<after>` pair made
 * by redis-keys.ts, so the key layout is written down once.
 */

/**
 * The first ARGV of every script that records activity (RedisStore.context): now, how long
 * entries are kept, the parts of a board's activity sequence and activity keys, the actor
 * (clientId, empty for HTTP; the length of its name as Node counts it; the name) and the public
 * boards key. The script's own arguments follow.
 */
const CONTEXT_ARGS = 10;

/** The helpers every change script shares: activity entries (layout: redis-activity.ts) and op records. */
const CONTEXT = `
local NOW, ACTIVITY_KEPT_MS, ACTOR_CLIENT_ID, PUBLIC_BOARDS = ARGV[1], ARGV[2], ARGV[7], ARGV[10]

local function activityKey(boardId) return ARGV[5] .. boardId .. ARGV[6] end

-- Records an entry and returns its id. Each new entry also drops up to two expired oldest ones,
-- so pruning keeps up with any rate of writes without a timer; a board quiet for the whole
-- retention loses its entries (all expired by then) with the key's own expiry. A new entry dates
-- the board's last activity in the public list (XX: private boards are not in it; GT: never back).
local function addActivity(boardId, kind, counterId, by, value, counterName)
  redis.call('ZADD', PUBLIC_BOARDS, 'XX', 'GT', NOW, boardId)
  local key = activityKey(boardId)
  local id = string.format('%d', redis.call('INCR', ARGV[3] .. boardId .. ARGV[4]))
  redis.call('ZADD', key, id, table.concat({id, NOW, kind, counterId, by, value, ACTOR_CLIENT_ID, ARGV[8],
    ARGV[9] .. counterName}, '|'))
  redis.call('PEXPIRE', key, ACTIVITY_KEPT_MS)
  local cutoff = tonumber(NOW) - tonumber(ACTIVITY_KEPT_MS)
  local expired = 0
  for _, entry in ipairs(redis.call('ZRANGE', key, 0, 1)) do
    if tonumber(string.match(entry, '^[^|]*|([^|]*)|')) >= cutoff then break end
    expired = expired + 1
  end
  if expired > 0 then redis.call('ZREMRANGEBYRANK', key, 0, expired - 1) end
  return id
end

-- The fields of a '|'-separated record (empty ones included).
local function fields(record)
  local out = {}
  for field in string.gmatch(record .. '|', '([^|]*)|') do out[#out + 1] = field end
  return out
end

-- An op's idempotency record (layout: RedisKeys.op).
local function opRecord(kind, counterId, by, boardId, valueText, versionText, undoes)
  return table.concat({kind, counterId, by, boardId, valueText, versionText, ACTOR_CLIENT_ID, NOW, undoes, ''}, '|')
end

-- A replayed op's answer, from its record: the first result, changing nothing.
local function replay(record)
  return {'replayed', record[4], record[5], record[6], record[2]}
end

-- Adds by to the counter's value, or refuses: returns the new value, or nil and the refusal.
local function addToValue(counterKey, before, by, min, max)
  -- Exact while |before| <= 2^53-1 and |by| <= 1000: past 2^53 doubles round, but monotonically,
  -- so a sum beyond the limit never rounds back inside it.
  local sum = before + tonumber(by)
  if sum > 9007199254740991 or sum < -9007199254740991 then return nil, 'past_safe_range' end
  if (min and sum < tonumber(min)) or (max and sum > tonumber(max)) then return nil, 'out_of_bounds' end
  return redis.call('HINCRBY', counterKey, 'value', by)
end

-- A point of the counter's history; points older than the history retention (a week, longer than
-- the op records') go.
local function addHistory(historyKey, version, before, afterText, retentionMs)
  redis.call('ZADD', historyKey, NOW,
    string.format('%016d', version) .. '|' .. string.format('%d', before) .. '|' .. afterText)
  redis.call('ZREMRANGEBYSCORE', historyKey, '-inf',
    '(' .. string.format('%d', tonumber(NOW) - tonumber(retentionMs)))
  -- A history untouched for the whole retention holds only expired points: let it go with them.
  redis.call('PEXPIRE', historyKey, retentionMs)
end
`;

/** What an applied op answers: status, boardId, value, version, counterId, delta. */
const APPLIED = `{'applied', boardId, afterText, string.format('%d', version), counterId, deltaText}`;

/**
 * An increment or reset, with its idempotency record, history point and activity entry.
 * KEYS: op, counter, history, total increments. ARGV after the context: kind, counterId, by
 * (empty for a reset), op retention ms, merge window ms, merge key TTL ms, merge key parts (3),
 * history retention ms.
 */
const APPLY_OP = `${CONTEXT}
local kind, counterId, by, retentionMs, mergeWindowMs, mergeTtlMs, mergeBefore, mergeMiddle, mergeAfter,
  historyRetentionMs = unpack(ARGV, ${CONTEXT_ARGS + 1})
local record = redis.call('GET', KEYS[1])
if record then
  local r = fields(record)
  if r[1] ~= kind or r[2] ~= counterId or r[3] ~= by then return {'reused'} end
  return replay(r)
end
local counter = redis.call('HMGET', KEYS[2], 'boardId', 'value', 'min', 'max', 'name', 'mergeFloor')
local boardId, min, max, name, mergeFloor = counter[1], counter[3], counter[4], counter[5], counter[6]
if not boardId then return {'not_found'} end
local before = tonumber(counter[2])
local after
if kind == 'increment' then
  local refusal
  after, refusal = addToValue(KEYS[2], before, by, min, max)
  if not after then return {refusal} end
  redis.call('INCR', KEYS[4])
else
  -- 0, or the nearer bound when 0 lies outside [min, max] (a bound is copied as written).
  local target = '0'
  if min and tonumber(min) > 0 then target = min elseif max and tonumber(max) < 0 then target = max end
  redis.call('HSET', KEYS[2], 'value', target)
  after = tonumber(target)
end
-- Exact: both lie within ±(2^53 − 1), and a reset moves towards 0 or within one sign.
local afterText, deltaText = string.format('%d', after), string.format('%d', after - before)
local version = redis.call('HINCRBY', KEYS[2], 'version', 1)
redis.call('SET', KEYS[1], opRecord(kind, counterId, by, boardId, afterText, string.format('%d', version), ''),
  'NX', 'PX', retentionMs)
addHistory(KEYS[3], version, before, afterText, historyRetentionMs)
if kind == 'reset' then
  -- No increment after it merges into an entry from before it (see mergeFloor below).
  redis.call('HSET', KEYS[2], 'mergeFloor', addActivity(boardId, '${KIND.reset}', counterId, deltaText, afterText, name))
  return ${APPLIED}
end
-- One member's increments on one counter within the merge window of the entry's first one
-- share that entry (by: their sum, value: after the last); HTTP increments never merge.
if ACTOR_CLIENT_ID == '' then
  addActivity(boardId, '${KIND.increment}', counterId, by, afterText, name)
  return ${APPLIED}
end
local mergeKey = mergeBefore .. counterId .. mergeMiddle .. ACTOR_CLIENT_ID .. mergeAfter
local mergeable = redis.call('GET', mergeKey)
if mergeable then
  local id, at = string.match(mergeable, '^(%d+)|(.*)$')
  -- Not into an entry older than the counter's last reset or undo: the feed would show the
  -- merged increments, and the value after them, before the reset that came between.
  local entry = tonumber(NOW) - tonumber(at) < tonumber(mergeWindowMs) and
    tonumber(id) > tonumber(mergeFloor or '0') and
    redis.call('ZRANGEBYSCORE', activityKey(boardId), id, id)[1]
  if entry then
    local head, sum, tail = string.match(entry, '^([^|]*|[^|]*|[^|]*|[^|]*)|([^|]*)|[^|]*(|.*)$')
    redis.call('ZREM', activityKey(boardId), entry)
    redis.call('ZADD', activityKey(boardId), id,
      head .. '|' .. string.format('%d', tonumber(sum) + tonumber(by)) .. '|' .. afterText .. tail)
    return ${APPLIED}
  end
end
local id = addActivity(boardId, '${KIND.increment}', counterId, by, afterText, name)
redis.call('SET', mergeKey, id .. '|' .. NOW, 'PX', mergeTtlMs)
return ${APPLIED}
`;

/**
 * An undo: −by of the increment it names, on that increment's counter, once.
 * KEYS: the undo's op, the increment's op, total increments. ARGV after the context: the
 * increment's opId, the undo's opId, op retention ms, counter, history and op key parts (2 each),
 * history retention ms.
 */
const APPLY_UNDO = `${CONTEXT}
local undoes, undoOpId, retentionMs, counterBefore, counterAfter, historyBefore, historyAfter, opBefore, opAfter,
  historyRetentionMs = unpack(ARGV, ${CONTEXT_ARGS + 1})
local record = redis.call('GET', KEYS[1])
if record then
  local r = fields(record)
  if r[1] ~= 'undo' or r[9] ~= undoes then return {'reused'} end
  return replay(r)
end
local targetRecord = redis.call('GET', KEYS[2])
if not targetRecord then return {'unknown_op'} end
local target = fields(targetRecord)
if target[1] ~= 'increment' then return {'not_an_increment'} end
if target[10] and target[10] ~= '' then
  -- Once: the first undo's answer, whatever this one's opId (which is not remembered). The first
  -- undo was applied after the increment, so its record outlives the increment's.
  local first = redis.call('GET', opBefore .. target[10] .. opAfter)
  if not first then return {'unknown_op'} end
  return replay(fields(first))
end
local counterId = target[2]
local counterKey = counterBefore .. counterId .. counterAfter
local counter = redis.call('HMGET', counterKey, 'boardId', 'value', 'min', 'max', 'name')
local boardId = counter[1]
if not boardId then return {'not_found'} end
local before = tonumber(counter[2])
local deltaText = string.format('%d', -tonumber(target[3]))
local after, refusal = addToValue(counterKey, before, deltaText, counter[3], counter[4])
if not after then return {refusal} end
-- An undo is an increment in every total.
redis.call('INCR', KEYS[3])
local afterText = string.format('%d', after)
local version = redis.call('HINCRBY', counterKey, 'version', 1)
redis.call('SET', KEYS[1],
  opRecord('undo', counterId, deltaText, boardId, afterText, string.format('%d', version), undoes),
  'NX', 'PX', retentionMs)
-- Name the undo on the increment's record (one from before v1.1 gets its missing fields empty).
for i = #target + 1, 9 do target[i] = '' end
target[10] = undoOpId
redis.call('SET', KEYS[2], table.concat(target, '|'), 'KEEPTTL')
addHistory(historyBefore .. counterId .. historyAfter, version, before, afterText, historyRetentionMs)
redis.call('HSET', counterKey, 'mergeFloor', addActivity(boardId, '${KIND.undo}', counterId, deltaText, afterText, counter[5]))
return ${APPLIED}
`;

/** Shared by CREATE_BOARD, CREATE_BOARD_WITH_COUNTERS and SEED_LOBBY. KEYS: board, public boards. */
const CREATE_BOARD_FUNCTION = `
local function createBoard(id, name, visibility, ownerKeyHash, accessKeyHash, createdAt)
  if redis.call('EXISTS', KEYS[1]) == 1 then return false end
  redis.call('HSET', KEYS[1], 'name', name, 'visibility', visibility, 'createdAt', createdAt)
  if ownerKeyHash ~= '' then redis.call('HSET', KEYS[1], 'ownerKeyHash', ownerKeyHash) end
  if accessKeyHash ~= '' then redis.call('HSET', KEYS[1], 'accessKeyHash', accessKeyHash) end
  -- Its last activity, until its first entry, is its creation.
  if visibility == 'public' then redis.call('ZADD', KEYS[2], createdAt, id) end
  return true
end
`;

/**
 * Shared by CREATE_COUNTER, CREATE_BOARD_WITH_COUNTERS and SEED_LOBBY. settings: min, max, goal
 * (empty: none) and step. The caller has checked the settings and the value against them.
 */
const CREATE_COUNTER_FUNCTION = `
local function createCounter(boardKey, countersKey, counterKey, sequenceKey, id, boardId, name, value, settings, max)
  if redis.call('EXISTS', boardKey) == 0 then return 'not_found' end
  if redis.call('ZCARD', countersKey) >= tonumber(max) then return 'limit_reached' end
  if redis.call('EXISTS', counterKey) == 1 then return 'exists' end
  local seq = redis.call('INCR', sequenceKey)
  redis.call('HSET', counterKey, 'boardId', boardId, 'name', name, 'value', value, 'version', '0',
    'step', settings.step)
  for _, field in ipairs({'min', 'max', 'goal'}) do
    if settings[field] ~= '' then redis.call('HSET', counterKey, field, settings[field]) end
  end
  redis.call('ZADD', countersKey, seq, id)
  return 'created'
end
`;

/** KEYS: board, public boards. ARGV: id, name, visibility, ownerKeyHash|'', accessKeyHash|'', createdAt. */
const CREATE_BOARD = `${CREATE_BOARD_FUNCTION}
if createBoard(ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6]) then return 1 end
return 0
`;

/**
 * A board and its counters (an import), all or nothing: every refusal is found before the first
 * write. KEYS: board, public boards, sequence, board's counters, then each counter. ARGV: the
 * board's id, name, visibility, ownerKeyHash|'', accessKeyHash|'', createdAt, max counters per
 * board, then per counter: id, name, value, min, max, step, goal (empty: none).
 */
const CREATE_BOARD_WITH_COUNTERS = `${CREATE_BOARD_FUNCTION}${CREATE_COUNTER_FUNCTION}
if redis.call('EXISTS', KEYS[1]) == 1 then return 'board_exists' end
for i = 5, #KEYS do
  if redis.call('EXISTS', KEYS[i]) == 1 then return 'counter_exists' end
end
createBoard(ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6])
for i = 5, #KEYS do
  local a = 8 + (i - 5) * 7
  createCounter(KEYS[1], KEYS[4], KEYS[i], KEYS[3], ARGV[a], ARGV[1], ARGV[a + 1], ARGV[a + 2],
    {min = ARGV[a + 3], max = ARGV[a + 4], step = ARGV[a + 5], goal = ARGV[a + 6]}, ARGV[7])
end
return 'created'
`;

/**
 * KEYS: board, board's counters, counter, sequence. ARGV after the context: id, boardId, name,
 * value, min, max, step, goal (empty: none), max counters per board.
 */
const CREATE_COUNTER = `${CONTEXT}${CREATE_COUNTER_FUNCTION}
local id, boardId, name, value, min, max, step, goal, maxPerBoard = unpack(ARGV, ${CONTEXT_ARGS + 1})
local outcome = createCounter(KEYS[1], KEYS[2], KEYS[3], KEYS[4], id, boardId, name, value,
  {min = min, max = max, step = step, goal = goal}, maxPerBoard)
if outcome == 'created' then addActivity(boardId, '${KIND.counter_created}', id, '', value, name) end
return outcome
`;

/**
 * Creates the lobby with its counter only when the lobby does not exist: an owner may have
 * deleted "Count" since. Atomic, so nodes starting together seed it once. No activity: nobody did it.
 * KEYS: board, public boards, sequence, board's counters, counter. ARGV: board id, board name,
 * createdAt, counter id, counter name, max per board.
 */
const SEED_LOBBY = `${CREATE_BOARD_FUNCTION}${CREATE_COUNTER_FUNCTION}
if not createBoard(ARGV[1], ARGV[2], 'public', '', '', ARGV[3]) then return 0 end
createCounter(KEYS[1], KEYS[4], KEYS[5], KEYS[3], ARGV[4], ARGV[1], ARGV[5], '0',
  {min = '', max = '', step = '1', goal = ''}, ARGV[6])
return 1
`;

/**
 * A page of public boards, the most recently active first (ties: the greater id first).
 * KEYS: public boards. ARGV: limit, the last board of the page before (its last activity and id;
 * both empty for the first page), board key before/after the id, board's counters key
 * before/after. Flat: id, name, counters, last activity (ms), …
 */
const LIST_PUBLIC_BOARDS = `
local limit, afterScore, afterId = tonumber(ARGV[1]), ARGV[2], ARGV[3]
-- Ids byte by byte, as Redis orders equal scores: Lua's own < on strings follows the locale.
local function lessThan(a, b)
  for i = 1, math.min(#a, #b) do
    local x, y = string.byte(a, i), string.byte(b, i)
    if x ~= y then return x < y end
  end
  return #a < #b
end
local page = {}
local below = '+inf'
if afterScore ~= '' then
  -- The boards tied with the cursor's that come after it, then those less recently active.
  local tied = redis.call('ZRANGE', KEYS[1], afterScore, afterScore, 'BYSCORE', 'REV', 'WITHSCORES')
  for i = 1, #tied, 2 do
    if #page < limit * 2 and lessThan(tied[i], afterId) then
      page[#page + 1] = tied[i]
      page[#page + 1] = tied[i + 1]
    end
  end
  below = '(' .. afterScore
end
if #page < limit * 2 then
  local rest = redis.call('ZRANGE', KEYS[1], below, '-inf', 'BYSCORE', 'REV', 'LIMIT', 0, limit - #page / 2,
    'WITHSCORES')
  for i = 1, #rest do page[#page + 1] = rest[i] end
end
local out = {}
for i = 1, #page, 2 do
  local id = page[i]
  out[#out + 1] = id
  out[#out + 1] = redis.call('HGET', ARGV[4] .. id .. ARGV[5], 'name')
  out[#out + 1] = redis.call('ZCARD', ARGV[6] .. id .. ARGV[7])
  out[#out + 1] = page[i + 1]
end
return out
`;

/**
 * Once, on a store written before issue 14: fills the public boards by activity from the list by
 * creation (each board's newest kept activity entry, else its creation), then deletes that list.
 * Atomic, so nodes starting together do it once. KEYS: public boards by creation, public boards.
 * ARGV: board's activity key before/after the id. Returns how many boards it moved.
 */
const MIGRATE_PUBLIC_BOARDS = `
local listings = redis.call('ZRANGE', KEYS[1], 0, -1, 'WITHSCORES')
for i = 1, #listings, 2 do
  local id = string.sub(listings[i], 14)
  -- An entry's second field is its time; the old list's score is the board's creation.
  local newest = redis.call('ZRANGE', ARGV[1] .. id .. ARGV[2], -1, -1)[1]
  local at = newest and string.match(newest, '^[^|]*|([^|]*)') or listings[i + 1]
  redis.call('ZADD', KEYS[2], 'GT', at, id)
end
redis.call('DEL', KEYS[1])
return #listings / 2
`;

/** A counter's hash fields in the order the store reads them (the scripts return them so too). */
export const COUNTER_FIELDS = ['boardId', 'name', 'value', 'version', 'min', 'max', 'step', 'goal'] as const;
const LUA_COUNTER_FIELDS = COUNTER_FIELDS.map((field) => `'${field}'`).join(', ');

/** KEYS: board's counters. ARGV: counter key before/after the id. Flat: id, COUNTER_FIELDS (nil: not set), … */
const LIST_COUNTERS = `
local out = {}
for _, id in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do
  local fields = redis.call('HMGET', ARGV[1] .. id .. ARGV[2], ${LUA_COUNTER_FIELDS})
  if fields[1] then
    out[#out + 1] = id
    for i = 1, #fields do out[#out + 1] = fields[i] end
  end
end
return out
`;

/** KEYS: counter. ARGV after the context: id, new name. Returns the counter's fields or nil. */
const RENAME_COUNTER = `${CONTEXT}
local id, name = unpack(ARGV, ${CONTEXT_ARGS + 1})
local boardId = redis.call('HGET', KEYS[1], 'boardId')
if not boardId then return nil end
redis.call('HSET', KEYS[1], 'name', name)
addActivity(boardId, '${KIND.counter_renamed}', id, '', '', name)
return redis.call('HMGET', KEYS[1], ${LUA_COUNTER_FIELDS})
`;

/**
 * Merges settings into a counter's, checks them against each other and the current value, writes.
 * KEYS: counter. ARGV after the context: id, then min, max, step, goal, each 'keep' (left out),
 * empty (cleared: min, max, goal only) or the new setting. Returns 'configured' and the counter's
 * fields (COUNTER_FIELDS), or a refusal.
 */
const CONFIGURE_COUNTER = `${CONTEXT}
local id = ARGV[${CONTEXT_ARGS + 1}]
local changes = {}
for i, field in ipairs({'min', 'max', 'step', 'goal'}) do changes[field] = ARGV[${CONTEXT_ARGS + 1} + i] end
local counter = redis.call('HMGET', KEYS[1], ${LUA_COUNTER_FIELDS})
if not counter[1] then return {'not_found'} end
local settings = {min = counter[5], max = counter[6], step = counter[7], goal = counter[8]}
for field, change in pairs(changes) do
  if change ~= 'keep' then settings[field] = change ~= '' and change end
end
local min, max, value = settings.min, settings.max, tonumber(counter[3])
if min and max and tonumber(min) > tonumber(max) then return {'min_above_max'} end
if (min and value < tonumber(min)) or (max and value > tonumber(max)) then return {'value_outside'} end
for field, change in pairs(changes) do
  if change == '' then
    redis.call('HDEL', KEYS[1], field)
  elseif change ~= 'keep' then
    redis.call('HSET', KEYS[1], field, change)
  end
end
addActivity(counter[1], '${KIND.counter_configured}', id, '', '', counter[2])
return {'configured', counter[1], counter[2], counter[3], counter[4], settings.min, settings.max, settings.step,
  settings.goal}
`;

/**
 * KEYS: counter, its history. ARGV after the context: id, board's counters key before/after the
 * board id. Op records stay: a replayed opId of a deleted counter still gets its first result.
 */
const DELETE_COUNTER = `${CONTEXT}
local id, countersBefore, countersAfter = unpack(ARGV, ${CONTEXT_ARGS + 1})
local fields = redis.call('HMGET', KEYS[1], ${LUA_COUNTER_FIELDS})
if not fields[1] then return nil end
redis.call('DEL', KEYS[1], KEYS[2])
redis.call('ZREM', countersBefore .. fields[1] .. countersAfter, id)
addActivity(fields[1], '${KIND.counter_deleted}', id, '', '', fields[2])
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
    tallyApplyUndo(...keysThenArgs: string[]): Result<ScriptReply[], Context>;
    tallyCreateBoard(...keysThenArgs: string[]): Result<number, Context>;
    /** Its first argument is the number of keys (the board's and one per counter). */
    tallyCreateBoardWithCounters(numberOfKeys: number, ...keysThenArgs: string[]): Result<string, Context>;
    tallyCreateCounter(...keysThenArgs: string[]): Result<string, Context>;
    tallySeedLobby(...keysThenArgs: string[]): Result<number, Context>;
    tallyListPublicBoards(...keysThenArgs: string[]): Result<ScriptReply[], Context>;
    tallyMigratePublicBoards(...keysThenArgs: string[]): Result<number, Context>;
    tallyListCounters(...keysThenArgs: string[]): Result<ScriptReply[], Context>;
    tallyRenameCounter(...keysThenArgs: string[]): Result<ScriptReply[] | null, Context>;
    tallyConfigureCounter(...keysThenArgs: string[]): Result<ScriptReply[], Context>;
    tallyDeleteCounter(...keysThenArgs: string[]): Result<ScriptReply[] | null, Context>;
    tallyAddChatMessage(...keysThenArgs: string[]): Result<number, Context>;
  }
}

const SCRIPTS = {
  tallyApplyOp: { numberOfKeys: 4, lua: APPLY_OP },
  tallyApplyUndo: { numberOfKeys: 3, lua: APPLY_UNDO },
  tallyCreateBoard: { numberOfKeys: 2, lua: CREATE_BOARD },
  tallyCreateBoardWithCounters: { lua: CREATE_BOARD_WITH_COUNTERS },
  tallyCreateCounter: { numberOfKeys: 4, lua: CREATE_COUNTER },
  tallySeedLobby: { numberOfKeys: 5, lua: SEED_LOBBY },
  tallyListPublicBoards: { numberOfKeys: 1, lua: LIST_PUBLIC_BOARDS, readOnly: true },
  tallyMigratePublicBoards: { numberOfKeys: 2, lua: MIGRATE_PUBLIC_BOARDS },
  tallyListCounters: { numberOfKeys: 1, lua: LIST_COUNTERS, readOnly: true },
  tallyRenameCounter: { numberOfKeys: 1, lua: RENAME_COUNTER },
  tallyConfigureCounter: { numberOfKeys: 1, lua: CONFIGURE_COUNTER },
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
