import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { createOriginPolicy, type OriginSettings } from './origin-policy.js';

const DEV = 'http://localhost:5173';
const DEFAULTS: OriginSettings = { allowedOrigins: null, publicUrl: undefined, devServerOrigin: DEV };

function request(headers: Record<string, string>): IncomingMessage {
  return { headers } as IncomingMessage;
}

describe('origin policy without PUBLIC_URL or ALLOWED_ORIGINS', () => {
  const allowed = createOriginPolicy(DEFAULTS);

  it('allows no Origin, the dev server, and http origins equal to a Host that DNS cannot rebind', () => {
    expect(allowed(request({ host: 'tally.test:3000' }))).toBe(true);
    expect(allowed(request({ host: 'localhost:3000', origin: DEV }))).toBe(true);
    for (const host of [
      '127.0.0.1:3000',
      '192.168.1.20',
      '[::1]:3000',
      'localhost:3000',
      'tally.localhost',
    ]) {
      expect(allowed(request({ host, origin: `http://${host}` })), host).toBe(true);
    }
    expect(allowed(request({ host: '127.0.0.1:80', origin: 'http://127.0.0.1' }))).toBe(true);
  });

  it('refuses a DNS-rebinding page: its Origin equals the Host, but the Host is a name', () => {
    const refused: string[] = [];
    const policy = createOriginPolicy({ ...DEFAULTS, onUndeclaredOrigin: (origin) => refused.push(origin) });
    expect(policy(request({ host: 'evil.example:3000', origin: 'http://evil.example:3000' }))).toBe(false);
    expect(policy(request({ host: 'tally.test', origin: 'https://TALLY.test' }))).toBe(false);
    expect(refused).toEqual(['http://evil.example:3000', 'https://tally.test']);
  });

  it('refuses https for an IP literal: nothing says a TLS proxy is in front (an http page could pose as it)', () => {
    expect(allowed(request({ host: '10.0.0.5', origin: 'https://10.0.0.5' }))).toBe(false);
  });

  it('refuses other origins, other ports, "null" and garbage', () => {
    for (const origin of ['http://evil.test', 'http://127.0.0.1:4000', 'null', 'not a url']) {
      expect(allowed(request({ host: '127.0.0.1:3000', origin })), origin).toBe(false);
    }
    expect(allowed(request({ origin: 'http://127.0.0.1:3000' }))).toBe(false);
    expect(allowed(request({ host: 'bad host', origin: 'http://bad host' }))).toBe(false);
  });
});

describe('origin policy with PUBLIC_URL', () => {
  const allowed = createOriginPolicy({ ...DEFAULTS, publicUrl: 'https://tally.example.com' });

  it('allows exactly that origin (scheme, host and port), and no Origin', () => {
    expect(allowed(request({ host: 'tally.example.com', origin: 'https://tally.example.com' }))).toBe(true);
    expect(allowed(request({ host: 'tally.example.com', origin: 'https://TALLY.example.com:443' }))).toBe(
      true,
    );
    expect(allowed(request({ host: 'tally.example.com' }))).toBe(true);
    for (const origin of [
      'http://tally.example.com',
      'https://tally.example.com:8443',
      'https://evil.example',
      DEV,
    ]) {
      expect(allowed(request({ host: 'tally.example.com', origin })), origin).toBe(false);
    }
  });

  it('refuses a rebinding Origin equal to the Host, even an IP literal', () => {
    expect(allowed(request({ host: 'evil.example:3000', origin: 'http://evil.example:3000' }))).toBe(false);
    expect(allowed(request({ host: '127.0.0.1:3000', origin: 'http://127.0.0.1:3000' }))).toBe(false);
  });
});

describe('origin policy with ALLOWED_ORIGINS', () => {
  it('allows exactly the list, plus PUBLIC_URL when both are given', () => {
    const listOnly = createOriginPolicy({ ...DEFAULTS, allowedOrigins: ['https://ops.example.com'] });
    expect(listOnly(request({ host: 'x', origin: 'https://ops.example.com' }))).toBe(true);
    expect(listOnly(request({ host: 'localhost:3000', origin: 'http://localhost:3000' }))).toBe(false);
    expect(listOnly(request({ host: 'localhost:3000', origin: DEV }))).toBe(false);
    expect(listOnly(request({ host: 'localhost:3000' }))).toBe(true);

    const both = createOriginPolicy({
      ...DEFAULTS,
      allowedOrigins: ['https://ops.example.com'],
      publicUrl: 'https://tally.example.com',
    });
    expect(both(request({ host: 'x', origin: 'https://ops.example.com' }))).toBe(true);
    expect(both(request({ host: 'x', origin: 'https://tally.example.com' }))).toBe(true);
    expect(both(request({ host: 'x', origin: 'https://evil.example' }))).toBe(false);
  });
});
