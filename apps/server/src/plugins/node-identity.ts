import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import { nodeSessionId } from '../sockets/redis-socket-adapter.js';

/** The response header naming the node that answered. */
export const NODE_HEADER = 'x-tally-node';

/**
 * With several nodes behind one address (REDIS_URL): this node's Engine.IO session ids start
 * with its NODE_ID, which the load balancer uses to keep a long-polling session on its node, and
 * every response (HTTP API and Engine.IO alike) names the node in `x-tally-node`. A single node
 * changes nothing.
 */
const nodeIdentityPlugin: FastifyPluginAsync = async (fastify) => {
  const { redisUrl, nodeId } = fastify.config;
  if (!redisUrl) return;
  fastify.io.engine.generateId = () => nodeSessionId(nodeId);
  fastify.io.engine.on('headers', (headers: Record<string, string>) => {
    headers[NODE_HEADER] = nodeId;
  });
  fastify.addHook('onRequest', async (_request, reply) => {
    reply.header(NODE_HEADER, nodeId);
  });
};

export default fp(nodeIdentityPlugin, { name: 'node-identity', dependencies: ['config', 'socket'] });
