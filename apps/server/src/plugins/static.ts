import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { sendError } from './error-handler.js';

const NOT_BUILT_PAGE = `Tally's server is running, but the web app is not built.

Run \`pnpm build\` at the root of the repository, then start the server again
(or use \`pnpm dev\` and open the Vite dev server).
`;

/** A client-side route of the web app (/b/x, /boards): not the API, the socket, or a file. */
function isAppRoute(request: FastifyRequest): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  const { pathname } = new URL(request.url, 'http://tally.invalid');
  if (pathname.startsWith('/api/') || pathname === '/api' || pathname.startsWith('/socket.io/')) return false;
  // "/assets/old-1234.js" that no longer exists is a 404, not the app's HTML.
  return !path.posix.basename(pathname).includes('.');
}

/**
 * Serves the built web app (WEB_DIST_DIR) with a single-page-app fallback to index.html, and
 * answers every other unknown path with the shared JSON 404.
 */
const staticPlugin: FastifyPluginAsync = async (fastify) => {
  const root = path.resolve(fastify.config.webDistDir);
  const built = existsSync(path.join(root, 'index.html'));

  if (built) {
    await fastify.register(fastifyStatic, { root, wildcard: true });
  } else {
    fastify.log.warn({ webDistDir: root }, 'web app not built: run `pnpm build` to serve it');
  }

  fastify.setNotFoundHandler((request: FastifyRequest, reply: FastifyReply) => {
    if (!isAppRoute(request)) return sendError(reply, 404, 'not_found', 'no such route');
    if (!built) return reply.code(503).type('text/plain; charset=utf-8').send(NOT_BUILT_PAGE);
    // index.html names hashed assets: it must never be cached, or a deploy leaves stale tabs.
    return reply.sendFile('index.html', { maxAge: 0, immutable: false });
  });
};

export default fp(staticPlugin, { name: 'static', dependencies: ['config', 'error-handler'] });
