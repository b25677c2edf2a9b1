import type { FastifyBaseLogger } from 'fastify';
import type { BoardAccess } from '../boards/board-access.js';
import type { CounterBoards } from '../boards/counter-boards.js';
import type { WriteBatcher } from '../counters/write-batcher.js';
import type { AddressLimits } from '../limits/address-limits.js';
import type { MemberTokens } from '../members/member-tokens.js';
import type { TrafficMetrics } from '../metrics/traffic-metrics.js';
import type { PresenceRegistry } from '../presence/presence-registry.js';
import type { PresenceSummaries } from '../presence/presence-summaries.js';
import type { TallyServer, TallySocket } from '../sockets/socket-types.js';
import type { Store } from '../store/store.js';
import type { BoardFocusBudgets } from './focus-budget.js';
import type { JoinedBoards } from './joined-boards.js';
import type { SocketRateLimit } from './socket-rate-limit.js';
import type { StatsBroadcaster } from './stats-broadcaster.js';

/** What the socket handlers share across connections; passed in, never imported as singletons. */
export interface RealtimeDeps {
  store: Store;
  batcher: WriteBatcher;
  presence: PresenceRegistry;
  summaries: PresenceSummaries;
  access: BoardAccess;
  /** The board of each counter, kept in process (counter events authorise without a store read). */
  counterBoards: CounterBoards;
  stats: StatsBroadcaster;
  rateLimit: SocketRateLimit;
  /** Limits per client address: the socket's address, its event budget, board creations. */
  addressLimits: AddressLimits;
  memberTokens: MemberTokens;
  log: FastifyBaseLogger;
  /** Events by result, increment acks and refusals, for /metrics. */
  metrics: TrafficMetrics;
}

/** RealtimeDeps and the server they serve: built once per server, shared by all its sockets. */
export interface RealtimeServices extends RealtimeDeps {
  io: TallyServer;
  focusBudgets: BoardFocusBudgets;
}

/**
 * What a handler gets with an event's payload: the shared services, the socket that sent it and
 * the boards that socket joined. Made per event, so that a socket keeps no handler state of its own.
 */
export interface EventContext extends RealtimeServices {
  socket: TallySocket;
  joined: JoinedBoards;
}
