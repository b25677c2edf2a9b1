import { randomBytes } from 'node:crypto';
import { createStoreRedisClient, type RedisErrorListener } from '../redis/redis-client.js';
import { toTallyError } from '../redis/redis-errors.js';
import { DEFAULT_KEY_PREFIX, redisKeys, splitKey } from '../redis/redis-keys.js';
import { createLocalPresence } from './local-presence.js';
import type { BoardArrival, BoardDeparture, PresenceRegistry, PresenceSummary } from './presence-registry.js';
import { definePresenceScripts } from './presence-scripts.js';
import { sameTurnReads } from './same-turn-reads.js';

const DEFAULT_HEARTBEAT_MS = 1000;
const DEFAULT_NODE_TTL_MS = 5000;

export interface RedisPresenceOptions {
  url: string;
  keyPrefix?: string;
  /** NODE_ID; a random suffix makes the uid of this process, so a restarted node is a new one. */
  nodeId: string;
  heartbeatMs?: number;
  /** A node whose heartbeat is older than this is dead: its members stop counting, and are reaped. */
  nodeTtlMs?: number;
  /** Members whose last socket was on a node that died (announce them as `presence:left`). */
  onDepartures(departures: BoardDeparture[]): void;
  /**
   * This node was reaped while frozen (its heartbeat stopped, its process did not) and is back:
   * the members it has that no other node has were announced gone (announce them as `presence:joined`).
   */
  onReturns(returns: BoardArrival[]): void;
  /** A heartbeat failed (Redis away): presence is repaired from this node's own state once it is back. */
  onHeartbeatError?(error: unknown): void;
  onConnectionError?: RedisErrorListener;
}

export interface RedisPresenceRegistry extends PresenceRegistry {
  readonly nodeUid: string;
  /** Connects, registers this node and starts its heartbeat. */
  start(): Promise<void>;
  /** Stops the heartbeat and removes this node's members at once (not after the TTL). */
  close(): Promise<void>;
}

/**
 * Presence for several nodes. Each node keeps the truth about its own sockets in memory (as the
 * single-node registry does) and mirrors, per board, which members it has into Redis; reads take
 * the union over the live nodes. Writes never fail a socket event: when Redis is away, the local
 * state changes, answers come from it, and the next successful heartbeat rewrites this node's
 * part of Redis from it. Reads (members, online figures) answer `unavailable` while Redis is away.
 */
export function createRedisPresenceRegistry(options: RedisPresenceOptions): RedisPresenceRegistry {
  const keys = redisKeys(options.keyPrefix ?? DEFAULT_KEY_PREFIX);
  const nodeUid = `${options.nodeId}-${randomBytes(4).toString('hex')}`;
  const heartbeatMs = options.heartbeatMs ?? DEFAULT_HEARTBEAT_MS;
  const ttl = String(options.nodeTtlMs ?? DEFAULT_NODE_TTL_MS);
  const client = createStoreRedisClient({
    url: options.url,
    name: 'presence',
    onError: options.onConnectionError ?? (() => {}),
  });
  definePresenceScripts(client);

  const boardNodeParts = splitKey(keys.presenceBoardNode);
  const common = [ttl, ...boardNodeParts];
  const ownClients = keys.presenceNodeClients(nodeUid);
  const ownBoards = keys.presenceNodeBoards(nodeUid);
  /** Keys and arguments naming this node's registration, as the deregister script takes them. */
  const ownRegistration = [
    keys.presenceNodes(),
    keys.presenceAliveSince(),
    ownClients,
    ownBoards,
    ...common,
    nodeUid,
  ];
  const heartbeatArgs = [
    keys.presenceNodes(),
    keys.presenceAliveSince(),
    ownClients,
    ownBoards,
    keys.presenceReaped(),
    ...common,
    nodeUid,
    ...splitKey(keys.presenceNodeClients),
    ...splitKey(keys.presenceNodeBoards),
  ];

  const local = createLocalPresence();
  /** A write to Redis failed: rewrite this node's part from local state at the next heartbeat. */
  let dirty = false;
  let heartbeatTimer: NodeJS.Timeout | undefined;
  let beating: Promise<void> = Promise.resolve();

  /** Runs a mirroring write; on failure the local answer stands and Redis is repaired later. */
  async function mirror<T>(write: () => Promise<T>, fallback: T): Promise<T> {
    if (dirty) return fallback;
    try {
      return await write();
    } catch {
      dirty = true;
      return fallback;
    }
  }

  async function read<T>(command: () => Promise<T>): Promise<T> {
    try {
      return await command();
    } catch (error) {
      throw toTallyError(error);
    }
  }

  function localState(): string {
    const boards: Record<string, Array<[string, string]>> = {};
    for (const boardId of local.boardIds()) {
      boards[boardId] = local
        .members(boardId)
        .map(({ clientId, name, arrivedAt }) => [clientId, `${arrivedAt}|${name}`]);
    }
    return JSON.stringify({ clients: local.clientIds(), boards });
  }

  async function heartbeat(): Promise<void> {
    try {
      if (dirty) {
        dirty = false;
        await rewrite();
      }
      const [known, reaped, ...flat] = await client.presenceHeartbeat(...heartbeatArgs);
      // Not registered: Redis lost its data, or another node reaped this one after a long gap.
      if (known === 0) {
        const alone = await rewrite();
        // Reaped (not a Redis that lost its data, where nobody announced anything): the members
        // only this node has were announced gone with it, and are here after all.
        if (reaped === 1 && alone.length > 0) options.onReturns(alone);
      }
      const departures: BoardDeparture[] = [];
      for (let i = 0; i < flat.length; i += 2) {
        departures.push({ boardId: String(flat[i]), clientId: String(flat[i + 1]) });
      }
      if (departures.length > 0) options.onDepartures(departures);
    } catch (error) {
      dirty = true;
      options.onHeartbeatError?.(error);
    }
  }

  /** Rewrites this node's part of Redis; returns its members that no other live node has. */
  async function rewrite(): Promise<BoardArrival[]> {
    const flat = await client.presenceRewrite(
      keys.presenceNodes(),
      ownClients,
      ownBoards,
      ...common,
      nodeUid,
      localState(),
    );
    const alone: BoardArrival[] = [];
    for (let i = 0; i < flat.length; i += 3) {
      const member = { clientId: String(flat[i + 1]), name: parseArrival(String(flat[i + 2])).name };
      alone.push({ boardId: String(flat[i]), member });
    }
    return alone;
  }

  /**
   * Runs a per-board script for this node's member; true when Redis says the member's presence
   * across all nodes changed (or, with Redis away, when it did locally).
   */
  function mirrorBoardMember(
    script: 'presenceJoin' | 'presenceLeave',
    boardId: string,
    clientId: string,
    ...extra: string[]
  ): Promise<boolean> {
    return mirror(
      async () =>
        (await client[script](
          keys.presenceNodes(),
          keys.presenceBoardNode(boardId, nodeUid),
          ownBoards,
          ...common,
          nodeUid,
          boardId,
          clientId,
          ...extra,
        )) === 1,
      true,
    );
  }

  /** Mirrors a local departure; it is a departure for the cluster only if no other node has the member there. */
  async function mirrorDeparture(departure: BoardDeparture): Promise<boolean> {
    return mirrorBoardMember('presenceLeave', departure.boardId, departure.clientId);
  }

  /** A board's members in arrival order, read at most once per turn of the loop (see sameTurnReads). */
  const readMembers = sameTurnReads(String, async (boardId: string) => {
    const flat = await read(() => client.presenceMembers(keys.presenceNodes(), ...common, boardId));
    const earliest = new Map<string, { arrivedAt: number; name: string }>();
    for (let i = 0; i < flat.length; i += 2) {
      const clientId = String(flat[i]);
      const arrival = parseArrival(String(flat[i + 1]));
      const known = earliest.get(clientId);
      if (!known || arrival.arrivedAt < known.arrivedAt) earliest.set(clientId, arrival);
    }
    // Ties by clientId, as the summary script orders them.
    return [...earliest]
      .sort(([idA, a], [idB, b]) => a.arrivedAt - b.arrivedAt || (idA < idB ? -1 : 1))
      .map(([clientId, { name }]) => ({ clientId, name }));
  });

  /** A board's summary, read at most once per turn of the loop for each limit. */
  const readSummary = sameTurnReads(
    (boardId: string, limit: number) => `${limit}:${boardId}`,
    async (boardId: string, limit: number): Promise<PresenceSummary> => {
      const [count, ...flat] = await read(() =>
        client.presenceSummary(keys.presenceNodes(), ...common, boardId, String(limit)),
      );
      const members = [];
      for (let i = 0; i < flat.length; i += 2) {
        members.push({ clientId: String(flat[i]), name: parseArrival(String(flat[i + 1])).name });
      }
      return { count: Number(count), members };
    },
  );

  return {
    nodeUid,

    async start() {
      if (client.status === 'wait') await read(() => client.connect());
      await heartbeat();
      heartbeatTimer = setInterval(() => {
        beating = beating.then(heartbeat);
      }, heartbeatMs);
      heartbeatTimer.unref();
    },

    async close() {
      clearInterval(heartbeatTimer);
      await beating;
      try {
        await client.presenceDeregister(...ownRegistration);
        await client.quit();
      } catch {
        // Redis is away: this node's entries expire with its heartbeat.
        client.disconnect();
      }
    },

    async connect(socketId, member) {
      if (local.connect(socketId, member).firstSocketOfClient) {
        await mirror(async () => {
          await client
            .multi()
            .sadd(ownClients, member.clientId)
            .pexpire(ownClients, Number(ttl) * 2)
            .exec();
        }, undefined);
      }
    },

    async disconnect(socketId) {
      const gone = local.disconnect(socketId);
      if (!gone) return [];
      const departures: BoardDeparture[] = [];
      for (const departure of gone.departures) {
        if (await mirrorDeparture(departure)) departures.push(departure);
      }
      if (gone.lastSocketOfClient) await mirror(() => client.srem(ownClients, gone.clientId), 0);
      return departures;
    },

    async join(boardId, socketId) {
      const { firstSocketOfMember, member } = local.join(boardId, socketId);
      if (!firstSocketOfMember) return { firstSocketOfMember };
      const first = await mirrorBoardMember(
        'presenceJoin',
        boardId,
        member.clientId,
        `${member.arrivedAt}|${member.name}`,
      );
      return { firstSocketOfMember: first };
    },

    async leave(boardId, socketId) {
      const departure = local.leave(boardId, socketId);
      return departure && (await mirrorDeparture(departure)) ? departure : null;
    },

    members: readMembers,

    summary: readSummary,

    async onlineByBoard(boardIds) {
      if (boardIds.length === 0) return new Map();
      const counts = await read(() =>
        client.presenceOnlineByBoard(keys.presenceNodes(), ...common, ...boardIds),
      );
      return new Map(boardIds.map((boardId, i) => [boardId, Number(counts[i] ?? 0)]));
    },

    async online() {
      return read(() =>
        client.presenceOnline(keys.presenceNodes(), ...common, ...splitKey(keys.presenceNodeClients)),
      );
    },
  };
}

/** A member's value in a board-node hash: `<arrivedAt>|<name>` (names may contain `|`). */
function parseArrival(value: string): { arrivedAt: number; name: string } {
  const bar = value.indexOf('|');
  return { arrivedAt: Number(value.slice(0, bar)), name: value.slice(bar + 1) };
}
