import type { Redis, Result } from 'ioredis';

/**
 * Lua scripts of the Redis presence registry. Each node writes only its own keys (its clients,
 * and per board the members it has sockets for); reads take the union over the nodes whose
 * heartbeat is fresh, so a node that died stops counting after the node TTL even if nobody
 * cleans up after it. Time is Redis's TIME, so clocks of different machines do not matter.
 *
 * Every script gets ARGV[1] = node TTL in ms and ARGV[2..4] = the board-node key split around
 * its two ids (`<a><boardId><b><nodeUid><c>`), built once in redis-keys-style code in TS.
 */
const COMMON = `
local ttl = tonumber(ARGV[1])
local function nowMs()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
local function boardNodeKey(boardId, node)
  return ARGV[2] .. boardId .. ARGV[3] .. node .. ARGV[4]
end
local function liveNodes(now)
  return redis.call('ZRANGEBYSCORE', KEYS[1], now - ttl, '+inf')
end
local function onOtherNode(nodes, boardId, clientId, self)
  for _, node in ipairs(nodes) do
    if node ~= self and redis.call('HEXISTS', boardNodeKey(boardId, node), clientId) == 1 then return true end
  end
  return false
end
`;

/**
 * The first socket of a member on a board on this node. KEYS: nodes, own board hash, own boards.
 * ARGV[5..8]: node uid, board id, client id, `<arrivedAt>|<name>`. Returns 1 when no other live
 * node has the member on the board (a first arrival to announce).
 */
const JOIN = `${COMMON}
local self, boardId, clientId = ARGV[5], ARGV[6], ARGV[7]
local elsewhere = onOtherNode(liveNodes(nowMs()), boardId, clientId, self)
redis.call('HSET', KEYS[2], clientId, ARGV[8])
redis.call('SADD', KEYS[3], boardId)
redis.call('PEXPIRE', KEYS[2], 2 * ttl)
redis.call('PEXPIRE', KEYS[3], 2 * ttl)
if elsewhere then return 0 end
return 1
`;

/**
 * The last socket of a member on a board on this node left. KEYS: nodes, own board hash, own
 * boards. ARGV[5..7]: node uid, board id, client id. Returns 1 when no other live node has the
 * member on the board (a departure to announce).
 */
const LEAVE = `${COMMON}
local self, boardId, clientId = ARGV[5], ARGV[6], ARGV[7]
redis.call('HDEL', KEYS[2], clientId)
if redis.call('EXISTS', KEYS[2]) == 0 then redis.call('SREM', KEYS[3], boardId) end
if onOtherNode(liveNodes(nowMs()), boardId, clientId, self) then return 0 end
return 1
`;

/** KEYS: nodes. ARGV[5]: board id. Flat `clientId, <arrivedAt>|<name>` over live nodes (may repeat a client). */
const MEMBERS = `${COMMON}
local out = {}
for _, node in ipairs(liveNodes(nowMs())) do
  for _, item in ipairs(redis.call('HGETALL', boardNodeKey(ARGV[5], node))) do out[#out + 1] = item end
end
return out
`;

/**
 * KEYS: nodes. ARGV[5]: board id, ARGV[6]: limit. `{ count, clientId, value, clientId, value, … }`:
 * the distinct members over live nodes, then the first `limit` by earliest arrival (ties by
 * clientId, so that equal timestamps never reorder the list between two reads). Only `limit`
 * members cross the wire, but Redis reads the whole board: sorting `<arrivedAt padded>
 * <clientId>` strings with Lua's built-in comparison keeps that to a few ms for 10,000 members.
 */
const SUMMARY = `${COMMON}
local at, value, ids = {}, {}, {}
for _, node in ipairs(liveNodes(nowMs())) do
  local flat = redis.call('HGETALL', boardNodeKey(ARGV[5], node))
  for i = 1, #flat, 2 do
    local clientId = flat[i]
    local arrived = tonumber(string.match(flat[i + 1], '^%d+'))
    local known = at[clientId]
    if not known then ids[#ids + 1] = clientId end
    if not known or arrived < known then
      at[clientId] = arrived
      value[clientId] = flat[i + 1]
    end
  end
end
local order = {}
for i, clientId in ipairs(ids) do order[i] = string.format('%016d %s', at[clientId], clientId) end
table.sort(order)
local out = { #ids }
for i = 1, math.min(tonumber(ARGV[6]), #order) do
  local clientId = string.sub(order[i], 18)
  out[#out + 1] = clientId
  out[#out + 1] = value[clientId]
end
return out
`;

/** KEYS: nodes. ARGV[5..]: board ids. Distinct members on each board, over live nodes. */
const ONLINE_BY_BOARD = `${COMMON}
local nodes = liveNodes(nowMs())
local counts = {}
for i = 5, #ARGV do
  local seen, n = {}, 0
  for _, node in ipairs(nodes) do
    for _, clientId in ipairs(redis.call('HKEYS', boardNodeKey(ARGV[i], node))) do
      if not seen[clientId] then seen[clientId] = true; n = n + 1 end
    end
  end
  counts[#counts + 1] = n
end
return counts
`;

/** KEYS: nodes. ARGV[5..6]: clients key around the node uid. Distinct clientIds over live nodes. */
const ONLINE = `${COMMON}
local keys = {}
for _, node in ipairs(liveNodes(nowMs())) do keys[#keys + 1] = ARGV[5] .. node .. ARGV[6] end
if #keys == 0 then return 0 end
return #redis.call('SUNION', unpack(keys))
`;

/**
 * Replaces everything this node has in Redis with `state` (JSON: { clients: [id], boards:
 * { boardId: [[clientId, value]] } }): after Redis lost data, after writes failed during an
 * outage, or when the node comes back after being reaped. KEYS: nodes, own clients, own boards.
 * ARGV[5]: node uid, ARGV[6]: state. Returns flat `boardId, clientId, value` for each member of
 * this node that no other live node has on the board (whom a reaping announced gone).
 */
const REWRITE = `${COMMON}
local self = ARGV[5]
for _, boardId in ipairs(redis.call('SMEMBERS', KEYS[3])) do redis.call('DEL', boardNodeKey(boardId, self)) end
redis.call('DEL', KEYS[2], KEYS[3])
local state = cjson.decode(ARGV[6])
for _, clientId in ipairs(state.clients) do redis.call('SADD', KEYS[2], clientId) end
local live = liveNodes(nowMs())
local alone = {}
for boardId, members in pairs(state.boards) do
  local key = boardNodeKey(boardId, self)
  for _, member in ipairs(members) do
    redis.call('HSET', key, member[1], member[2])
    if not onOtherNode(live, boardId, member[1], self) then
      alone[#alone + 1] = boardId
      alone[#alone + 1] = member[1]
      alone[#alone + 1] = member[2]
    end
  end
  redis.call('PEXPIRE', key, 2 * ttl)
  redis.call('SADD', KEYS[3], boardId)
end
redis.call('PEXPIRE', KEYS[2], 2 * ttl)
redis.call('PEXPIRE', KEYS[3], 2 * ttl)
return alone
`;

/**
 * Marks this node alive, keeps its keys from expiring, and reaps nodes whose heartbeat is older
 * than the TTL, returning the departures that leaves (members no live node has on a board).
 * A node reaps only after being alive itself for a whole TTL: right after an outage of Redis
 * every heartbeat is stale and none of those nodes is dead. A reaped node is remembered (a day),
 * so that if it was only frozen (SIGSTOP, a VM paused, a long GC) it learns, at its next
 * heartbeat, that its members were announced gone, and announces them back.
 * KEYS: nodes, alive-since, own clients, own boards, reaped. ARGV[5]: node uid, ARGV[6..7]:
 * clients key around a node uid, ARGV[8..9]: boards key around a node uid.
 * Returns { known (0/1: this node was registered), reaped (0/1: it had been reaped), boardId,
 * clientId, boardId, clientId, … }.
 */
const HEARTBEAT = `${COMMON}
local self = ARGV[5]
local now = nowMs()
local previous = redis.call('ZSCORE', KEYS[1], self)
if not previous or now - tonumber(previous) > ttl then redis.call('ZADD', KEYS[2], now, self) end
redis.call('ZADD', KEYS[1], now, self)
for _, boardId in ipairs(redis.call('SMEMBERS', KEYS[4])) do redis.call('PEXPIRE', boardNodeKey(boardId, self), 2 * ttl) end
redis.call('PEXPIRE', KEYS[3], 2 * ttl)
redis.call('PEXPIRE', KEYS[4], 2 * ttl)
local out = { previous and 1 or 0, redis.call('ZREM', KEYS[5], self) }
local since = tonumber(redis.call('ZSCORE', KEYS[2], self))
if now - since < ttl then return out end
local live = liveNodes(now)
for _, dead in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', '(' .. (now - ttl))) do
  redis.call('ZREM', KEYS[1], dead)
  redis.call('ZREM', KEYS[2], dead)
  redis.call('ZADD', KEYS[5], now, dead)
  local boardsKey = ARGV[8] .. dead .. ARGV[9]
  for _, boardId in ipairs(redis.call('SMEMBERS', boardsKey)) do
    local key = boardNodeKey(boardId, dead)
    for _, clientId in ipairs(redis.call('HKEYS', key)) do
      if not onOtherNode(live, boardId, clientId, dead) then
        out[#out + 1] = boardId
        out[#out + 1] = clientId
      end
    end
    redis.call('DEL', key)
  end
  redis.call('DEL', boardsKey, ARGV[6] .. dead .. ARGV[7])
end
-- A node reaped a day ago is not coming back.
redis.call('ZREMRANGEBYSCORE', KEYS[5], '-inf', now - 86400000)
return out
`;

/** Removes this node at shutdown: its members are gone at once, not after the TTL. KEYS: nodes, alive-since, own clients, own boards. ARGV[5]: uid. */
const DEREGISTER = `${COMMON}
local self = ARGV[5]
for _, boardId in ipairs(redis.call('SMEMBERS', KEYS[4])) do redis.call('DEL', boardNodeKey(boardId, self)) end
redis.call('DEL', KEYS[3], KEYS[4])
redis.call('ZREM', KEYS[1], self)
redis.call('ZREM', KEYS[2], self)
return 1
`;

type Reply = string | number | null | Reply[];

declare module 'ioredis' {
  interface RedisCommander<Context> {
    presenceJoin(...keysThenArgs: string[]): Result<number, Context>;
    presenceLeave(...keysThenArgs: string[]): Result<number, Context>;
    presenceMembers(...keysThenArgs: string[]): Result<string[], Context>;
    presenceSummary(...keysThenArgs: string[]): Result<Array<number | string>, Context>;
    presenceOnlineByBoard(...keysThenArgs: string[]): Result<number[], Context>;
    presenceOnline(...keysThenArgs: string[]): Result<number, Context>;
    presenceRewrite(...keysThenArgs: string[]): Result<string[], Context>;
    presenceHeartbeat(...keysThenArgs: string[]): Result<Reply[], Context>;
    presenceDeregister(...keysThenArgs: string[]): Result<number, Context>;
  }
}

const SCRIPTS = {
  presenceJoin: { numberOfKeys: 3, lua: JOIN },
  presenceLeave: { numberOfKeys: 3, lua: LEAVE },
  presenceMembers: { numberOfKeys: 1, lua: MEMBERS },
  presenceSummary: { numberOfKeys: 1, lua: SUMMARY },
  presenceOnlineByBoard: { numberOfKeys: 1, lua: ONLINE_BY_BOARD },
  presenceOnline: { numberOfKeys: 1, lua: ONLINE },
  presenceRewrite: { numberOfKeys: 3, lua: REWRITE },
  presenceHeartbeat: { numberOfKeys: 5, lua: HEARTBEAT },
  presenceDeregister: { numberOfKeys: 4, lua: DEREGISTER },
} as const;

export function definePresenceScripts(client: Redis): void {
  for (const [name, definition] of Object.entries(SCRIPTS)) {
    client.defineCommand(name, definition);
  }
}
