import type { IncomingMessage } from 'node:http';

/**
 * Whether a handshake may open a socket, judged by its Origin header. Browsers always send
 * one, so this is what stops another site's page from talking to Tally in its visitor's name;
 * CORS settings do not cover websockets. No Origin at all (bots, CLIs, load generators) is allowed.
 *
 * `allowedOrigins` null means the default: the server's own origin (the Origin's host equals the
 * request's Host, which holds behind any port or proxy that keeps Host) plus the dev server.
 */
export function createOriginPolicy(
  allowedOrigins: readonly string[] | null,
  devServerOrigin: string,
): (req: IncomingMessage) => boolean {
  const allowed = new Set(allowedOrigins ?? [devServerOrigin]);
  return (req) => {
    const origin = req.headers.origin;
    if (origin === undefined) return true;
    if (allowed.has(origin)) return true;
    return allowedOrigins === null && isSameOrigin(origin, req.headers.host);
  };
}

function isSameOrigin(origin: string, host: string | undefined): boolean {
  if (!host) return false;
  try {
    return new URL(origin).host === host.toLowerCase();
  } catch {
    return false;
  }
}
