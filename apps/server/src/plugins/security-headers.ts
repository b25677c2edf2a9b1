import fastifyHelmet from '@fastify/helmet';
import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';

type Directives = Record<string, string[]>;

/**
 * The Content-Security-Policy of the web app, as built by Vite (apps/web/dist): its scripts, styles,
 * lazy chunks, service worker and manifest are files of this origin; the only other source is the
 * favicon, inlined as a data: URL so that it never fails offline. No inline script or style
 * (React's style props go through the CSSOM, which CSP does not govern), no eval, no frames.
 * connect-src 'self' covers the same-origin websocket in CSP Level 3 browsers; with PUBLIC_URL
 * the socket's ws(s): origin is named too, for browsers that predate that rule.
 */
export function appDirectives(publicUrl: string | undefined): Directives {
  return {
    'default-src': ["'self'"],
    'base-uri': ["'self'"],
    'object-src': ["'none'"],
    'script-src': ["'self'"],
    'script-src-attr': ["'none'"],
    'style-src': ["'self'"],
    'img-src': ["'self'", 'data:'],
    'font-src': ["'self'"],
    'connect-src': ["'self'", ...(publicUrl ? [publicUrl.replace(/^http/, 'ws')] : [])],
    'worker-src': ["'self'"],
    'manifest-src': ["'self'"],
    'form-action': ["'self'"],
    // Nobody frames the board UI (owner actions included): no clickjacking.
    'frame-ancestors': ["'none'"],
    // Only where browsers are known to reach the server over https: on a plain-http LAN address,
    // upgrading the app's own requests would break every one of them.
    ...(publicUrl?.startsWith('https:') ? { 'upgrade-insecure-requests': [] } : {}),
  };
}

/**
 * Security headers on every response Fastify sends (the app's HTML, its SPA fallback, its assets,
 * the API), through @fastify/helmet: the CSP above, `X-Content-Type-Options: nosniff`,
 * `X-Frame-Options: DENY` for browsers without frame-ancestors, `Referrer-Policy: no-referrer`
 * (board ids are in paths; nothing here needs a referrer), and HSTS only when PUBLIC_URL is
 * https (HSTS over http is ignored, and pinning https on an http address would lock users out).
 * Engine.IO's own responses (/socket.io/) do not pass through Fastify: they carry no HTML.
 * A route may set its own policy with `reply.helmet(...)` (the Admin UI does).
 */
const securityHeadersPlugin: FastifyPluginAsync = async (fastify) => {
  const { publicUrl } = fastify.config;
  await fastify.register(fastifyHelmet, {
    contentSecurityPolicy: { useDefaults: false, directives: appDirectives(publicUrl) },
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: publicUrl?.startsWith('https:')
      ? { maxAge: 365 * 24 * 60 * 60, includeSubDomains: false }
      : false,
  });
};

export default fp(securityHeadersPlugin, { name: 'security-headers', dependencies: ['config'] });
