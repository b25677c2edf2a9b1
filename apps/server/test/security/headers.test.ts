import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

/** A built web app as Vite lays it out: its page and a hashed asset. */
const FILES: Record<string, string> = {
  'index.html':
    '<!doctype html><title>Tally</title><script type="module" src="/assets/index-abc123.js"></script>',
  'assets/index-abc123.js': 'console.log("tally")',
};

let webDir: string;
let plain: TestServer;
let behindTls: TestServer;

beforeAll(async () => {
  webDir = await mkdtemp(path.join(os.tmpdir(), 'tally-web-dist-'));
  for (const [name, content] of Object.entries(FILES)) {
    await mkdir(path.dirname(path.join(webDir, name)), { recursive: true });
    await writeFile(path.join(webDir, name), content);
  }
  plain = await startTestServer({ WEB_DIST_DIR: webDir });
  behindTls = await startTestServer({ WEB_DIST_DIR: webDir, PUBLIC_URL: 'https://tally.example.com' });
});

afterAll(async () => {
  await plain.close();
  await behindTls.close();
  await rm(webDir, { recursive: true, force: true });
});

/** The CSP's directives by name, e.g. { 'script-src': ["'self'"] }. */
function directives(response: Response): Record<string, string[]> {
  const policy = response.headers.get('content-security-policy') ?? '';
  return Object.fromEntries(
    policy
      .split(';')
      .map((directive) => directive.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name = '', ...sources]) => [name, sources]),
  );
}

describe('security headers (issue 14)', () => {
  it('are on the page, its SPA fallback, its assets, the API and a 404 alike', async () => {
    for (const route of [
      '/',
      '/b/lobby',
      '/b/lobby/display',
      '/assets/index-abc123.js',
      '/api/health',
      '/api/nope',
    ]) {
      const response = await fetch(`${plain.url}${route}`);
      expect(response.headers.get('x-content-type-options'), route).toBe('nosniff');
      expect(response.headers.get('x-frame-options'), route).toBe('DENY');
      expect(response.headers.get('referrer-policy'), route).toBe('no-referrer');
      expect(directives(response)['frame-ancestors'], route).toEqual(["'none'"]);
    }
  });

  it('give the built page a CSP with nothing inline, no eval and no other site', async () => {
    const page = await fetch(`${plain.url}/b/lobby`);
    expect(await page.text()).toContain('<title>Tally</title>');
    expect(directives(page)).toMatchObject({
      'default-src': ["'self'"],
      'script-src': ["'self'"],
      'script-src-attr': ["'none'"],
      'style-src': ["'self'"],
      'img-src': ["'self'", 'data:'],
      'connect-src': ["'self'"],
      'worker-src': ["'self'"],
      'object-src': ["'none'"],
    });
    // Over plain http (a LAN address, no PUBLIC_URL) nothing may push the browser to https.
    expect(directives(page)).not.toHaveProperty('upgrade-insecure-requests');
    expect(page.headers.get('strict-transport-security')).toBeNull();
  });

  it('with an https PUBLIC_URL, name its wss: socket, upgrade requests and send HSTS', async () => {
    const page = await fetch(`${behindTls.url}/`);
    expect(directives(page)['connect-src']).toEqual(["'self'", 'wss://tally.example.com']);
    expect(directives(page)['upgrade-insecure-requests']).toEqual([]);
    expect(page.headers.get('strict-transport-security')).toBe('max-age=31536000');
  });
});
