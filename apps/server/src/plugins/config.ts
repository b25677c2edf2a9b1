import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../config.js';

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
  }
}

/** Makes the validated settings available to every other plugin as `fastify.config`. */
const configPlugin: FastifyPluginAsync<{ config: Config }> = async (fastify, { config }) => {
  fastify.decorate('config', config);
};

export default fp(configPlugin, { name: 'config' });
