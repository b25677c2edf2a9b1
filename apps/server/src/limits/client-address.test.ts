import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { addressKey } from './address-key.js';
import { createHandshakeAddress } from './client-address.js';

const CASES: Array<{ peer: string; forwardedFor?: string }> = [
  { peer: '127.0.0.1' },
  { peer: '127.0.0.1', forwardedFor: '203.0.113.7' },
  { peer: '127.0.0.1', forwardedFor: '198.51.100.1, 127.0.0.1' },
  { peer: '127.0.0.1', forwardedFor: '198.51.100.1, 203.0.113.7' },
  { peer: '203.0.113.9', forwardedFor: '198.51.100.1' },
  { peer: '::ffff:127.0.0.1', forwardedFor: '2001:db8::7' },
];

/** What Fastify itself says `request.ip` is, for the same peer and header. */
async function fastifyIp(trustProxy: boolean | string, { peer, forwardedFor }: (typeof CASES)[number]) {
  const app = Fastify({ trustProxy });
  app.get('/', async (request) => request.ip);
  const response = await app.inject({
    url: '/',
    remoteAddress: peer,
    headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor },
  });
  await app.close();
  return response.body;
}

describe('createHandshakeAddress', () => {
  for (const trustProxy of [false, true, '127.0.0.1', 'loopback, 10.0.0.0/8']) {
    it(`agrees with Fastify's request.ip under TRUST_PROXY=${String(trustProxy)}`, async () => {
      const addressOf = createHandshakeAddress(trustProxy);
      for (const item of CASES) {
        const headers = item.forwardedFor === undefined ? {} : { 'x-forwarded-for': item.forwardedFor };
        expect({ item, key: addressOf({ address: item.peer, headers }) }).toEqual({
          item,
          key: addressKey(await fastifyIp(trustProxy, item)),
        });
      }
    });
  }

  it('believes X-Forwarded-For only from a trusted proxy', () => {
    const addressOf = createHandshakeAddress('127.0.0.1');
    const headers = { 'x-forwarded-for': '198.51.100.1' };
    expect(addressOf({ address: '127.0.0.1', headers })).toBe('198.51.100.1');
    expect(addressOf({ address: '203.0.113.9', headers })).toBe('203.0.113.9');
  });
});
