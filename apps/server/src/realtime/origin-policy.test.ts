import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { createOriginPolicy } from './origin-policy.js';

const DEV = 'http://localhost:5173';
function request(headers: Record<string, string>): IncomingMessage {
  return { headers } as IncomingMessage;
}

describe('origin policy', () => {
  it('by default allows no Origin, the same origin as Host, and the dev server', () => {
    const allowed = createOriginPolicy(null, DEV);
    expect(allowed(request({ host: 'tally.test:3000' }))).toBe(true);
    expect(allowed(request({ host: 'tally.test:3000', origin: 'http://tally.test:3000' }))).toBe(true);
    expect(allowed(request({ host: 'tally.test', origin: 'https://TALLY.test' }))).toBe(true);
    expect(allowed(request({ host: 'localhost:3000', origin: DEV }))).toBe(true);
  });

  it('by default refuses other origins, other ports, "null" and garbage', () => {
    const allowed = createOriginPolicy(null, DEV);
    for (const origin of ['http://evil.test', 'http://tally.test:4000', 'null', 'not a url']) {
      expect(allowed(request({ host: 'tally.test:3000', origin }))).toBe(false);
    }
    expect(allowed(request({ origin: 'http://tally.test:3000' }))).toBe(false);
  });

  it('with a list, allows exactly the list', () => {
    const allowed = createOriginPolicy(['https://tally.example.com'], DEV);
    expect(allowed(request({ host: 'tally.example.com', origin: 'https://tally.example.com' }))).toBe(true);
    expect(allowed(request({ host: 'localhost:3000', origin: 'http://localhost:3000' }))).toBe(false);
    expect(allowed(request({ host: 'localhost:3000', origin: DEV }))).toBe(false);
    expect(allowed(request({ host: 'localhost:3000' }))).toBe(true);
  });
});
