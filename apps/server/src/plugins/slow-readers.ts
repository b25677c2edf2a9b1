import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import { watchSlowReaders } from '../realtime/slow-readers.js';

/** Disconnects a connection whose unsent data passes SLOW_READER_MAX_BYTES (see realtime/slow-readers.ts). */
const slowReadersPlugin: FastifyPluginAsync = async (fastify) => {
  const maxBytes = fastify.config.slowReaderMaxBytes;
  const stop = watchSlowReaders(fastify.io, {
    maxBytes,
    onDrop: (reader) =>
      fastify.log.warn({ ...reader, maxBytes }, 'slow reader disconnected: too much unsent data'),
  });
  fastify.addHook('onClose', async () => stop());
};

export default fp(slowReadersPlugin, { name: 'slow-readers', dependencies: ['config', 'socket'] });
