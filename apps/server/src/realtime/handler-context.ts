import type { FastifyBaseLogger } from 'fastify';
import type { BoardAccess } from '../boards/board-access.js';
import type { WriteBatcher } from '../counters/write-batcher.js';
import type { Store } from '../store/store.js';
import type { EventDispatcher } from './event-dispatcher.js';
import type { JoinedBoards } from './joined-boards.js';
import type { PresenceRegistry } from './presence-registry.js';
import type { PresenceSummaries } from './presence-summaries.js';
import type { SocketRateLimit } from './socket-rate-limit.js';
import type { StatsBroadcaster } from './stats-broadcaster.js';

/** What the socket handlers share across connections; passed in, never imported as singletons. */
export interface RealtimeDeps {
  store: Store;
  batcher: WriteBatcher;
  presence: PresenceRegistry;
  summaries: PresenceSummaries;
  access: BoardAccess;
  stats: StatsBroadcaster;
  rateLimit: SocketRateLimit;
  log: FastifyBaseLogger;
}

/** RealtimeDeps plus what belongs to one socket. */
export interface SocketContext extends RealtimeDeps {
  dispatcher: EventDispatcher;
  joined: JoinedBoards;
}
