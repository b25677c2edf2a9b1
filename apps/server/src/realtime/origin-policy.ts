import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';

/** Where the allowed origins come from: the operator's settings. */
export interface OriginSettings {
  /** ALLOWED_ORIGINS: browser origins, each already normalised (`URL.origin`); null when unset. */
  allowedOrigins: readonly string[] | null;
  /** PUBLIC_URL: the server's own origin as browsers reach it; undefined when unset. */
  publicUrl: string | undefined;
  /** The Vite dev server, allowed when neither setting is given. */
  devServerOrigin: string;
  /**
   * Called when an Origin equal to the Host is refused (a DNS name, or https): most likely the
   * server's real address, which the operator has yet to declare with PUBLIC_URL.
   */
  onUndeclaredOrigin?: (origin: string) => void;
}

/**
 * Whether a handshake may open a socket, judged by its Origin header. Browsers always send
 * one, so this is what stops another site's page from talking to Tally in its visitor's name;
 * CORS settings do not cover websockets. No Origin at all (bots, CLIs, load generators) is allowed.
 *
 * With PUBLIC_URL or ALLOWED_ORIGINS, exactly those origins (scheme, host and port) are allowed.
 * Without either, the Host header cannot be what decides: under DNS rebinding, an attacker's page
 * at http://evil.example:3000, whose name now resolves to this server, sends Host
 * evil.example:3000 and Origin http://evil.example:3000, equal to each other. So an Origin equal
 * to the Host is trusted only when the Host is a name no DNS answer can rebind (an IP literal,
 * `localhost` or `*.localhost`, which browsers resolve to loopback themselves), and only over
 * http, the scheme this server speaks when nothing declared a TLS proxy in front of it (an
 * http page would otherwise pass for the https one). Any other deployment declares its address
 * with PUBLIC_URL. The dev server is allowed too, so that `pnpm dev` needs no setting.
 */
export function createOriginPolicy(settings: OriginSettings): (req: IncomingMessage) => boolean {
  const declared = [...(settings.allowedOrigins ?? []), ...(settings.publicUrl ? [settings.publicUrl] : [])];
  if (declared.length > 0) {
    const allowed = new Set(declared);
    return (req) => {
      const origin = req.headers.origin;
      if (origin === undefined) return true;
      const parsed = parseUrl(origin);
      return parsed !== null && allowed.has(parsed.origin);
    };
  }

  return (req) => {
    const origin = req.headers.origin;
    if (origin === undefined) return true;
    const parsed = parseUrl(origin);
    if (parsed === null) return false;
    if (parsed.origin === settings.devServerOrigin) return true;
    const host = parseUrl(`http://${req.headers.host ?? ''}`);
    if (host === null || parsed.host !== host.host) return false;
    if (parsed.protocol === 'http:' && cannotBeRebound(host.hostname)) return true;
    settings.onUndeclaredOrigin?.(parsed.origin);
    return false;
  };
}

/** A URL, or null for what is not one (`null`, garbage, a Host with spaces). */
function parseUrl(text: string): URL | null {
  try {
    return new URL(text);
  } catch {
    return null;
  }
}

/** IP literals and localhost: a browser reaches them without asking DNS, so no rebinding. */
function cannotBeRebound(hostname: string): boolean {
  const bare = hostname.startsWith('[') ? hostname.slice(1, -1) : hostname;
  return isIP(bare) !== 0 || bare === 'localhost' || bare.endsWith('.localhost');
}
