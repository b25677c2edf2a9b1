import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import { instrument } from '@socket.io/admin-ui';
import bcrypt from 'bcryptjs';
import type { FastifyInstance, FastifyPluginAsync, FastifyReply } from 'fastify';
import fp from 'fastify-plugin';
import { ADMIN_USERNAME, createAdminLoginGate } from '../realtime/admin-login.js';
import { sendError } from './error-handler.js';
import { appDirectives } from './security-headers.js';

/** The Admin UI's page and its Socket.IO namespace share one name. */
const ADMIN_PATH = '/admin';

/** bcrypt's lowest cost factor (2^4 rounds). */
const BCRYPT_MIN_COST = 4;

/** @socket.io/admin-ui ships its built UI (a Vue app) next to its code. */
const UI_DIR = path.join(
  path.dirname(createRequire(import.meta.url).resolve('@socket.io/admin-ui/package.json')),
  'ui/dist',
);

/**
 * Fills the UI's connection form with this page's origin: the UI served here talks to the server
 * that serves it. (The form keeps what it was given in localStorage under `server_url`.)
 */
const PREFILL_SCRIPT = `try{localStorage.getItem("server_url")||localStorage.setItem("server_url",location.origin)}catch(e){}\n`;
const PREFILL_FILE = 'tally-admin.js';

/**
 * The UI's page as served here: without its two stylesheets from other sites (Google Fonts and an
 * icon font on a CDN; the UI works with the browser's fonts and no icons), and with the prefill
 * script first. Nothing is fetched from another site, so the CSP below names none.
 */
function adminPage(html: string): string {
  return html
    .replace(/<link rel="stylesheet" href="https?:\/\/[^"]*">/g, '')
    .replace('<script', `<script src="${PREFILL_FILE}"></script><script`);
}

/** The app's policy, plus inline styles: Vuetify writes its theme into a <style> element. */
function adminDirectives(publicUrl: string | undefined) {
  const directives = appDirectives(publicUrl);
  return { ...directives, 'style-src': [...(directives['style-src'] ?? []), "'unsafe-inline'"] };
}

/**
 * @socket.io/admin-ui at /admin when ADMIN_KEY is set: its namespace `/admin` on this server's
 * Socket.IO (login `admin` / ADMIN_KEY, read-only in the default production mode; with REDIS_URL
 * every node's figures reach the UI through the adapter), and its UI served from the package
 * itself (no external site). Without ADMIN_KEY there is no namespace, and /admin says why.
 */
const adminUiPlugin: FastifyPluginAsync = async (fastify) => {
  const { adminKey, adminUiMode, nodeId } = fastify.config;
  if (!adminKey) {
    const off = (_request: unknown, reply: FastifyReply) =>
      sendError(reply, 404, 'not_found', 'the Admin UI is off: set ADMIN_KEY to turn it on');
    fastify.get(ADMIN_PATH, off);
    fastify.get(`${ADMIN_PATH}/*`, off);
    return;
  }

  // Registered first, so it runs before admin-ui's own check (see createAdminLoginGate).
  fastify.io.of(ADMIN_PATH).use(createAdminLoginGate(adminKey));
  instrument(fastify.io, {
    // admin-ui wants a bcrypt hash. Its cost buys nothing here: the hash never leaves this process
    // (which holds ADMIN_KEY itself), and the gate above checks every password before bcrypt does.
    // The lowest cost keeps it from adding a second of CPU to each start and each login.
    auth: { type: 'basic', username: ADMIN_USERNAME, password: await bcrypt.hash(adminKey, BCRYPT_MIN_COST) },
    mode: adminUiMode,
    readonly: adminUiMode === 'production',
    serverId: nodeId,
    namespaceName: ADMIN_PATH,
  });

  // fastify-socket.io closes the main namespace's connections before the server closes; a UI left
  // open would keep the HTTP server (so the whole close) waiting.
  fastify.addHook('preClose', async () => {
    fastify.io.of(ADMIN_PATH).local.disconnectSockets(true);
  });

  await fastify.register(serveUi, {
    page: adminPage(await readFile(path.join(UI_DIR, 'index.html'), 'utf8')),
  });
};

/** The UI's files under /admin/, in a context of their own: their own CSP and their own 404. */
async function serveUi(admin: FastifyInstance, { page }: { page: string }): Promise<void> {
  const directives = adminDirectives(admin.config.publicUrl);
  admin.addHook('onRequest', async (_request, reply) => {
    reply.helmet({ contentSecurityPolicy: { useDefaults: false, directives } });
  });
  // A route per file of the UI (wildcard: false), so that the catch-all below answers the rest;
  // its page is ours (adminPage).
  await admin.register(fastifyStatic, {
    root: UI_DIR,
    prefix: `${ADMIN_PATH}/`,
    decorateReply: false,
    wildcard: false,
    globIgnore: ['index.html'],
  });
  const sendPage = (_request: unknown, reply: FastifyReply) =>
    reply.type('text/html; charset=utf-8').send(page);
  admin.get(`${ADMIN_PATH}/`, sendPage);
  admin.get(`${ADMIN_PATH}/index.html`, sendPage);
  admin.get(`${ADMIN_PATH}/${PREFILL_FILE}`, (_request, reply) =>
    reply.type('text/javascript; charset=utf-8').send(PREFILL_SCRIPT),
  );
  // Its assets are named relative to the page: /admin without the slash would lose them.
  admin.get(ADMIN_PATH, (_request, reply) => reply.redirect(`${ADMIN_PATH}/`, 301));
  admin.get(`${ADMIN_PATH}/*`, (_request, reply) =>
    sendError(reply, 404, 'not_found', 'no such file in the Admin UI'),
  );
}

export default fp(adminUiPlugin, {
  name: 'admin-ui',
  dependencies: ['config', 'socket', 'security-headers', 'error-handler'],
});
