import { randomBytes } from 'node:crypto';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { createAdapterRedisClient, type RedisErrorListener } from '../redis/redis-client.js';

/** Socket.IO's connection state recovery window: a client that is back within it misses nothing. */
export const RECOVERY_WINDOW_MS = 2 * 60 * 1000;

export interface RedisSocketAdapter {
  /** For `new Server({ adapter })` / fastify-socket.io's options. */
  adapter: ReturnType<typeof createAdapter>;
  /** Disconnects the publishing client; the adapter's own duplicates stop with io.close(). */
  close(): void;
}

/**
 * The Socket.IO Redis streams adapter: broadcasts and recovery sessions go through one Redis
 * stream (`socket.io`, capped at ~10,000 entries), which survives short Redis outages: the
 * adapter resumes reading at its last offset. Its client queues commands across reconnection
 * attempts (see createAdapterRedisClient); the duplicates it makes get their own error listeners.
 */
export function createRedisSocketAdapter(url: string, onError: RedisErrorListener): RedisSocketAdapter {
  const client = createAdapterRedisClient({ url, name: 'socket-adapter', onError });
  return {
    adapter: createAdapter(client),
    close: () => client.disconnect(),
  };
}

/**
 * Engine.IO session ids of this node: `<nodeId>.<random>`. The load balancer routes every
 * request carrying `?sid=<nodeId>.…` to the node owning that session (deploy/nginx.conf.template),
 * so long-polling stays on its node without sticky client addresses. 15 random bytes, as
 * Engine.IO's own ids: a session id is a bearer secret of the connection.
 */
export function nodeSessionId(nodeId: string): string {
  return `${nodeId}.${randomBytes(15).toString('base64url')}`;
}
