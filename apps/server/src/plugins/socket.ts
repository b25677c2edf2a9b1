import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import fastifySocketIoModule from 'fastify-socket.io';
import { DEV_SERVER_ORIGIN } from '../config.js';
import { boundedParser, MAX_MESSAGE_BYTES } from '../realtime/bounded-parser.js';
import { createOriginPolicy } from '../realtime/origin-policy.js';
import { batchWebsocketWrites } from '../realtime/websocket-write-batching.js';
import { createRedisSocketAdapter, RECOVERY_WINDOW_MS } from '../sockets/redis-socket-adapter.js';
import { ListenedRoomsSessionAdapter } from '../sockets/session-adapter.js';
import type { TallyServer } from '../sockets/socket-types.js';

// CommonJS with `exports.default`: under NodeNext the default import is the module object.
const fastifySocketIo = fastifySocketIoModule.default;

declare module 'fastify' {
  interface FastifyInstance {
    io: TallyServer;
  }
}

/**
 * Socket.IO on the Fastify server: typed `io`, Origin check (the handshake's auth is member-identity's),
 * connection state recovery, and with REDIS_URL the Redis streams adapter, so that rooms,
 * broadcasts and recovery sessions span every node (else the in-memory one, see ListenedRoomsSessionAdapter).
 */
const socketPlugin: FastifyPluginAsync = async (fastify) => {
  const { allowedOrigins, publicUrl } = fastify.config;
  let warnedUndeclared = false;
  const isAllowed = createOriginPolicy({
    allowedOrigins,
    publicUrl,
    devServerOrigin: DEV_SERVER_ORIGIN,
    // Once: every browser of a deployment that lacks PUBLIC_URL would say the same thing.
    onUndeclaredOrigin: (origin) => {
      if (warnedUndeclared) return;
      warnedUndeclared = true;
      fastify.log.warn(
        { origin },
        'refused a browser whose Origin equals the Host: if this is the address of this server, set PUBLIC_URL to it',
      );
    },
  });
  const { redisUrl } = fastify.config;
  const redisAdapter = redisUrl
    ? createRedisSocketAdapter(redisUrl, (error, client) =>
        fastify.log.warn({ err: error, client }, 'Redis connection lost; reconnecting'),
      )
    : null;

  await fastify.register(fastifySocketIo, {
    adapter: redisAdapter ? redisAdapter.adapter : ListenedRoomsSessionAdapter,
    // A client back within the window gets the events it missed (from the Redis stream with
    // several nodes) and its rooms; the middlewares still run, so its auth is checked again.
    connectionStateRecovery: { maxDisconnectionDuration: RECOVERY_WINDOW_MS, skipMiddlewares: false },
    // Big enough for a 1 MB snapshot's attachment; text frames stay within 32 KB (boundedParser).
    maxHttpBufferSize: MAX_MESSAGE_BYTES,
    parser: boundedParser,
    // Polling handshakes are refused here, with 403.
    allowRequest: (req, callback) => {
      const allowed = isAllowed(req);
      callback(allowed ? null : 'origin not allowed', allowed);
    },
  });
  gateWebsocketUpgrades(fastify.server, isAllowed);
  batchWebsocketWrites(fastify.io.engine);

  if (redisAdapter) fastify.addHook('onClose', async () => redisAdapter.close());
};

type UpgradeListener = (req: IncomingMessage, socket: Duplex, head: Buffer) => void;

/**
 * Engine.IO answers an upgrade that allowRequest refuses with "400 Bad Request", but the
 * protocol promises 403: so Engine.IO's upgrade listeners are put behind one that refuses
 * disallowed origins itself and hands every other upgrade on unchanged.
 */
function gateWebsocketUpgrades(server: Server, isAllowed: (req: IncomingMessage) => boolean): void {
  const engineListeners = server.listeners('upgrade') as UpgradeListener[];
  server.removeAllListeners('upgrade');
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (!isAllowed(req)) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    for (const listener of engineListeners) listener.call(server, req, socket, head);
  });
}

export default fp(socketPlugin, { name: 'socket', dependencies: ['config'] });
