import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './helpers/test-server.js';

/** A built web app as vite-plugin-pwa lays it out: hashed assets, the service worker, the manifest. */
const FILES: Record<string, string> = {
  'index.html': '<!doctype html><title>Tally</title>',
  'assets/index-abc123.js': 'console.log("tally")',
  'sw.js': 'self.addEventListener("install", () => {})',
  'workbox-1a2b3c.js': 'define([], () => {})',
  'manifest.webmanifest': '{"name":"Tally"}',
  'pwa-192x192.png': 'png',
};

let webDir: string;
let web: TestServer;

beforeAll(async () => {
  webDir = await mkdtemp(path.join(os.tmpdir(), 'tally-web-dist-'));
  for (const [name, content] of Object.entries(FILES)) {
    await mkdir(path.dirname(path.join(webDir, name)), { recursive: true });
    await writeFile(path.join(webDir, name), content);
  }
  web = await startTestServer({ WEB_DIST_DIR: webDir });
});

afterAll(async () => {
  await web.close();
  await rm(webDir, { recursive: true, force: true });
});

describe('caching of the web app', () => {
  it('revalidates the service worker, its runtime and the manifest every time, so a deploy is seen', async () => {
    for (const file of ['/sw.js', '/workbox-1a2b3c.js', '/manifest.webmanifest']) {
      const response = await fetch(`${web.url}${file}`);
      expect(response.status, file).toBe(200);
      expect(response.headers.get('cache-control'), file).toBe('no-cache');
    }
  });

  it('revalidates index.html, served at / and for app routes alike', async () => {
    for (const route of ['/', '/index.html', '/boards', '/b/some-board', '/b/some-board/display']) {
      const response = await fetch(`${web.url}${route}`);
      expect(await response.text(), route).toContain('<title>Tally</title>');
      expect(response.headers.get('cache-control'), route).toBe('no-cache');
    }
  });

  it('keeps hashed assets for a year', async () => {
    const response = await fetch(`${web.url}/assets/index-abc123.js`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });

  it('sends the manifest and the scripts with their content types', async () => {
    const manifest = await fetch(`${web.url}/manifest.webmanifest`);
    expect(manifest.headers.get('content-type')).toMatch(/^application\/manifest\+json\b/);
    const worker = await fetch(`${web.url}/sw.js`);
    expect(worker.headers.get('content-type')).toMatch(/^(application|text)\/javascript\b/);
  });
});
