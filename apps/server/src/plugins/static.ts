import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic, { type SetHeadersResponse } from '@fastify/static';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { sendError } from './error-handler.js';

const NOT_BUILT_PAGE = `Tally's server is running, but the web app is not built.

Run \`pnpm build\` at the root of the repository, then start the server again
(or use \`pnpm dev\` and open the Vite dev server).
`;

/** Vite's output with a content hash in each name: a new build makes new names. */
const HASHED_ASSETS_DIR = 'assets';
const ONE_YEAR_S = 365 * 24 * 60 * 60;

/**
 * Hashed assets never change under their name: cached for a year. Every other file keeps its
 * name across deploys (index.html, the service worker sw.js and its workbox-*.js, the manifest,
 * the icons): `no-cache`, so the browser asks each time (a 304 when unchanged) and a deploy is
 * seen at once. A service worker served stale would keep serving the old app; browsers cap its
 * HTTP caching at a day, which is still a day of it.
 */
function setCacheControl(root: string) {
  const assets = path.join(root, HASHED_ASSETS_DIR) + path.sep;
  return (response: SetHeadersResponse, filePath: string) => {
    response.setHeader(
      'cache-control',
      filePath.startsWith(assets) ? `public, max-age=${ONE_YEAR_S}, immutable` : 'no-cache',
    );
  };
}

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
    // The Cache-Control header is ours (setCacheControl); `send` sets the content type, and knows
    // .webmanifest (application/manifest+json).
    await fastify.register(fastifyStatic, {
      root,
      wildcard: true,
      cacheControl: false,
      setHeaders: setCacheControl(root),
    });
  } else {
    fastify.log.warn({ webDistDir: root }, 'web app not built: run `pnpm build` to serve it');
  }

  fastify.setNotFoundHandler((request: FastifyRequest, reply: FastifyReply) => {
    if (!isAppRoute(request)) return sendError(reply, 404, 'not_found', 'no such route');
    if (!built) return reply.code(503).type('text/plain; charset=utf-8').send(NOT_BUILT_PAGE);
    // index.html names hashed assets: `no-cache` like every unhashed file, or a deploy leaves stale tabs.
    return reply.sendFile('index.html');
  });
};

export default fp(staticPlugin, { name: 'static', dependencies: ['config', 'error-handler'] });
