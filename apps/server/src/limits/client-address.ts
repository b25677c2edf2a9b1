import type { IncomingHttpHeaders } from 'node:http';
import { createRequire } from 'node:module';
import { addressKey } from './address-key.js';

type Trust = (address: string, hop: number) => boolean;

/** What @fastify/proxy-addr reads of a request: its peer and its X-Forwarded-For. */
interface ForwardedRequest {
  headers: IncomingHttpHeaders;
  socket: { remoteAddress?: string | undefined };
}

interface ProxyAddr {
  all(request: ForwardedRequest, trust: Trust): string[];
  compile(list: string[]): Trust;
}

// The very module Fastify computes `request.ip` with, loaded from Fastify's own dependencies, so
// that a socket's address and an HTTP request's can never disagree on whom to believe.
const fromFastify = createRequire(createRequire(import.meta.url).resolve('fastify'));
const proxyAddr = fromFastify('@fastify/proxy-addr') as ProxyAddr;

/** What a Socket.IO handshake knows of its client (`socket.handshake`). */
export interface Handshake {
  address: string;
  headers: IncomingHttpHeaders;
}

/**
 * The limits' key (see addressKey) of a Socket.IO handshake, by Fastify's rule for `request.ip`
 * under the same TRUST_PROXY (lib/request.js): X-Forwarded-For is read only as far back as each
 * hop is a trusted proxy, so a client that reaches the node directly cannot claim another address.
 * The handshake's own address is Engine.IO's copy of its peer, kept after the request is gone.
 */
export function createHandshakeAddress(trustProxy: boolean | string): (handshake: Handshake) => string {
  if (trustProxy === false) return (handshake) => addressKey(handshake.address);
  const trust: Trust =
    trustProxy === true ? () => true : proxyAddr.compile(trustProxy.split(',').map((entry) => entry.trim()));
  return ({ address, headers }) => {
    const chain = proxyAddr.all({ headers, socket: { remoteAddress: address } }, trust);
    return addressKey(chain.at(-1) ?? address);
  };
}
