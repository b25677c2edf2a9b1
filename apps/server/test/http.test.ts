import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  BOARD_KEY_HEADER,
  type CreateBoardResponse,
  IDEMPOTENCY_KEY_HEADER,
  MAX_SAFE_VALUE,
} from '@tally/events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { HISTORY_MAX_POINTS } from '../src/boards/counter-history.js';
import { loadConfig } from '../src/config.js';
import { type Actor, DEFAULT_COUNTER_SETTINGS } from '../src/store/store.js';
import { createBoard, newOpId, uniqueName } from './helpers/fixtures.js';
import { authOf, connectPerson } from './helpers/people.js';
import { startTestServer, type TestServer } from './helpers/test-server.js';

/** Counters made straight in the store for a test are recorded as made by the test itself. */
const SETUP_ACTOR: Actor = { clientId: null, name: 'test setup' };

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

function api(pathname: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${server.url}${pathname}`, init);
}

function postJson(pathname: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return api(pathname, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

async function expectError(response: Response, status: number, code: string): Promise<void> {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  expect(await response.json()).toEqual({ error: { code, message: expect.any(String) } });
}

async function boardWithCounter(visibility: 'public' | 'private' = 'public') {
  const created = await createBoard(server, visibility);
  const counter = await server.app.store.createCounter(
    {
      ...DEFAULT_COUNTER_SETTINGS,
      id: uniqueName('c'),
      boardId: created.board.id,
      name: 'C',
      value: 0,
    },
    SETUP_ACTOR,
  );
  return { ...created, counter };
}

describe('health and readiness', () => {
  it('GET /api/health and /api/ready answer ok', async () => {
    expect(await (await api('/api/health')).json()).toEqual({ status: 'ok' });
    expect(await (await api('/api/ready')).json()).toEqual({ status: 'ok' });
  });

  it('GET /api/ready is 503 unavailable when the store does not answer', async () => {
    const broken = await startTestServer();
    try {
      await broken.app.store.close();
      // Readiness learns it from its write probe (each second while no write succeeds), not per request.
      const ready = () => fetch(`${broken.url}/api/ready`);
      await expect.poll(async () => (await ready()).status, { timeout: 5000 }).toBe(503);
      await expectError(await ready(), 503, 'unavailable');
      expect((await fetch(`${broken.url}/api/health`)).status).toBe(200);
    } finally {
      await broken.close();
    }
  });
});

describe('boards', () => {
  it('POST /api/boards creates a public board: 201, owner and viewer keys of ≥ 128 bits, never stored', async () => {
    const name = uniqueName('Standup');
    const response = await postJson('/api/boards', { name: `  ${name} ` });
    expect(response.status).toBe(201);
    const body = (await response.json()) as CreateBoardResponse;
    expect(body).toEqual({
      board: {
        id: expect.any(String),
        name,
        visibility: 'public',
        counters: [],
        members: [],
        memberCount: 0,
        messages: [],
      },
      ownerKey: expect.stringMatching(/^[A-Za-z0-9_-]{22,}$/),
      // v1.1: every board has a viewer key (derived from the server's secret, so not stored).
      viewerKey: expect.stringMatching(/^[A-Za-z0-9_-]{22,}$/),
    });
    expect(body.viewerKey).not.toBe(body.ownerKey);
    const stored = await server.app.store.getBoard(body.board.id);
    expect(stored?.ownerKeyHash).toBe(createHash('sha256').update(body.ownerKey).digest('hex'));
    expect(JSON.stringify(stored)).not.toContain(body.ownerKey);
    expect(JSON.stringify(stored)).not.toContain(body.viewerKey);
  });

  it('POST /api/boards makes an access key for a private board, which then needs x-board-key', async () => {
    const { board, ownerKey, accessKey, viewerKey } = await createBoard(server, 'private');
    expect(accessKey).toMatch(/^[A-Za-z0-9_-]{22,}$/);
    await expectError(await api(`/api/boards/${board.id}`), 403, 'forbidden');
    await expectError(
      await api(`/api/boards/${board.id}`, { headers: { [BOARD_KEY_HEADER]: 'wrong' } }),
      403,
      'forbidden',
    );
    // v1.1: the viewer key opens the board's reads too.
    for (const key of [accessKey ?? '', ownerKey, viewerKey]) {
      const response = await api(`/api/boards/${board.id}`, { headers: { [BOARD_KEY_HEADER]: key } });
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ id: board.id, visibility: 'private' });
    }
  });

  it('POST /api/boards refuses bad bodies with 4xx invalid_payload', async () => {
    await expectError(await postJson('/api/boards', {}), 400, 'invalid_payload');
    await expectError(await postJson('/api/boards', { name: '   ' }), 400, 'invalid_payload');
    await expectError(await postJson('/api/boards', { name: 'x'.repeat(65) }), 400, 'invalid_payload');
    await expectError(
      await postJson('/api/boards', { name: 'ok', visibility: 'secret' }),
      400,
      'invalid_payload',
    );
    await expectError(await postJson('/api/boards', { name: 'ok', owner: 'me' }), 400, 'invalid_payload');
    await expectError(await postJson('/api/boards', ['ok']), 400, 'invalid_payload');
    await expectError(
      await api('/api/boards', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"name":',
      }),
      400,
      'invalid_payload',
    );
    await expectError(
      await api('/api/boards', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'name=x' }),
      400,
      'invalid_payload',
    );
    await expectError(
      await api('/api/boards', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'name=x',
      }),
      415,
      'invalid_payload',
    );
    await expectError(await postJson('/api/boards', { name: 'x'.repeat(20_000) }), 413, 'invalid_payload');
  });

  it('GET /api/boards lists public boards with counters and distinct members online', async () => {
    const { board } = await boardWithCounter('public');
    const { board: hidden } = await createBoard(server, 'private');
    // Two tabs of one member: the second proves the first one's clientId with its memberToken.
    const member = await connectPerson((options) => server.connect(options), 'Two tabs');
    const secondTab = await server.connect({ auth: authOf(member) });
    for (const tab of [member.client, secondTab]) await tab.ok('board:join', { boardId: board.id });
    const list = (await (await api('/api/boards')).json()) as Array<{ id: string }>;
    expect(list).toContainEqual({
      id: board.id,
      name: board.name,
      counters: 1,
      online: 1,
      lastActivityAt: expect.any(Number),
    });
    expect(list).toContainEqual(expect.objectContaining({ id: 'lobby', name: expect.any(String) }));
    expect(list.map((item) => item.id)).not.toContain(hidden.id);
  });

  it('GET /api/boards/:id answers 404 for an unknown board and 400 for a malformed id', async () => {
    await expectError(await api(`/api/boards/${uniqueName('nowhere')}`), 404, 'not_found');
    await expectError(await api('/api/boards/bad%20id!'), 400, 'invalid_payload');
  });
});

describe('POST /api/counters/:id/increment', () => {
  it('goes through the socket write path: same ack, counter:updated to the board', async () => {
    const { board, counter } = await boardWithCounter();
    const watcher = await server.connect();
    await watcher.ok('board:join', { boardId: board.id });
    const response = await postJson(`/api/counters/${counter.id}/increment`, { by: 7 });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ value: 7, version: 1 });
    expect(await watcher.waitFor('counter:updated')).toEqual({
      boardId: board.id,
      updates: [{ counterId: counter.id, value: 7, version: 1 }],
    });
  });

  it('counts 1 without a body, and applies an Idempotency-Key once', async () => {
    const { counter } = await boardWithCounter();
    const noBody = await api(`/api/counters/${counter.id}/increment`, { method: 'POST' });
    expect(await noBody.json()).toEqual({ value: 1, version: 1 });
    const key = newOpId();
    const first = await postJson(
      `/api/counters/${counter.id}/increment`,
      { by: 3 },
      { [IDEMPOTENCY_KEY_HEADER]: key },
    );
    const second = await postJson(
      `/api/counters/${counter.id}/increment`,
      { by: 3 },
      { [IDEMPOTENCY_KEY_HEADER]: key },
    );
    expect(await first.json()).toEqual({ value: 4, version: 2 });
    expect(await second.json()).toEqual({ value: 4, version: 2 });
    await expectError(
      await postJson(`/api/counters/${counter.id}/increment`, { by: 5 }, { [IDEMPOTENCY_KEY_HEADER]: key }),
      400,
      'invalid_payload',
    );
    expect(await server.app.store.getCounter(counter.id)).toMatchObject({ value: 4, version: 2 });
  });

  it('refuses bad input and keys with 4xx bodies, changing nothing', async () => {
    const { counter } = await boardWithCounter();
    const url = `/api/counters/${counter.id}/increment`;
    for (const body of [{ by: 0 }, { by: 1.5 }, { by: 1001 }, { by: '1' }, { by: 1, extra: true }]) {
      await expectError(await postJson(url, body), 400, 'invalid_payload');
    }
    await expectError(
      await postJson(url, { by: 1 }, { [IDEMPOTENCY_KEY_HEADER]: 'short' }),
      400,
      'invalid_payload',
    );
    await expectError(await postJson(`/api/counters/${uniqueName('ghost')}/increment`, {}), 404, 'not_found');
    expect(await server.app.store.getCounter(counter.id)).toMatchObject({ value: 0, version: 0 });
  });

  it('answers 409 out_of_range past ±(2^53 − 1) and 403 on a private board without its key', async () => {
    const { board } = await createBoard(server);
    const big = await server.app.store.createCounter(
      {
        ...DEFAULT_COUNTER_SETTINGS,
        id: uniqueName('big'),
        boardId: board.id,
        name: 'Big',
        value: MAX_SAFE_VALUE,
      },
      SETUP_ACTOR,
    );
    await expectError(await postJson(`/api/counters/${big.id}/increment`, { by: 1 }), 409, 'out_of_range');
    const secret = await boardWithCounter('private');
    await expectError(await postJson(`/api/counters/${secret.counter.id}/increment`, {}), 403, 'forbidden');
    const allowed = await postJson(
      `/api/counters/${secret.counter.id}/increment`,
      {},
      { [BOARD_KEY_HEADER]: secret.accessKey ?? '' },
    );
    expect(await allowed.json()).toEqual({ value: 1, version: 1 });
  });
});

describe('GET /api/counters/:id/history', () => {
  it('answers the start value and the changes of the window, bucketed, ending now', async () => {
    const { counter } = await boardWithCounter();
    for (const by of [2, 3]) await postJson(`/api/counters/${counter.id}/increment`, { by });
    const response = await api(`/api/counters/${counter.id}/history?minutes=5`);
    const { points } = (await response.json()) as { points: Array<{ t: number; value: number }> };
    expect(points[0]?.value).toBe(0);
    expect(points.at(-1)?.value).toBe(5);
    expect(points.length).toBeLessThanOrEqual(HISTORY_MAX_POINTS);
    expect(points.map((point) => point.t)).toEqual([...points.map((point) => point.t)].sort((a, b) => a - b));
    expect((points.at(-1)?.t ?? 0) - (points[0]?.t ?? 0)).toBeGreaterThanOrEqual(5 * 60_000 - 1000);
  });

  it('answers 7 days (10,080 minutes), from the start value to now', async () => {
    const { counter } = await boardWithCounter();
    await postJson(`/api/counters/${counter.id}/increment`, { by: 4 });
    const response = await api(`/api/counters/${counter.id}/history?minutes=10080`);
    expect(response.status).toBe(200);
    const { points } = (await response.json()) as { points: Array<{ t: number; value: number }> };
    expect(points.map((point) => point.value)).toEqual([0, 4, 4]);
    expect((points.at(-1)?.t ?? 0) - (points[0]?.t ?? 0)).toBe(10_080 * 60_000);
  });

  it('checks minutes (1–10080), the counter and the board key', async () => {
    const { counter } = await boardWithCounter();
    await expectError(await api(`/api/counters/${counter.id}/history?minutes=0`), 400, 'invalid_payload');
    await expectError(await api(`/api/counters/${counter.id}/history?minutes=10081`), 400, 'invalid_payload');
    await expectError(await api(`/api/counters/${counter.id}/history?minutes=abc`), 400, 'invalid_payload');
    await expectError(await api(`/api/counters/${uniqueName('ghost')}/history`), 404, 'not_found');
    const secret = await boardWithCounter('private');
    await expectError(await api(`/api/counters/${secret.counter.id}/history`), 403, 'forbidden');
  });
});

describe('errors, limits, metrics', () => {
  it('answers an unknown API route with a JSON 404', async () => {
    await expectError(await api('/api/nothing-here'), 404, 'not_found');
    await expectError(await api('/api/boards', { method: 'DELETE' }), 404, 'not_found');
  });

  it('answers an unexpected failure with a bare 500 internal, never its text', async () => {
    const app = buildApp(loadConfig({ DATA_DIR: server.dataDir, LOG_LEVEL: 'silent', PORT: '0' }));
    app.get('/api/test-failure', async () => {
      throw new Error('SELECT secret FROM internals /home/tally/db.sqlite');
    });
    try {
      const response = await app.inject({ method: 'GET', url: '/api/test-failure' });
      expect(response.statusCode).toBe(500);
      expect(response.json()).toEqual({
        error: { code: 'internal', message: 'Something went wrong on the server' },
      });
      expect(response.body).not.toContain('secret');
    } finally {
      await app.close();
    }
  });

  it('limits HTTP requests per client address with 429 rate_limited', async () => {
    const limited = await startTestServer({ HTTP_RATE_LIMIT_PER_MIN: '3' });
    try {
      for (let i = 0; i < 3; i++) expect((await fetch(`${limited.url}/api/health`)).status).toBe(200);
      await expectError(await fetch(`${limited.url}/api/health`), 429, 'rate_limited');
      // The web app's pages and files are not the API: a first visit precaches dozens of them.
      for (let i = 0; i < 5; i++) expect((await fetch(`${limited.url}/b/some-board`)).status).not.toBe(429);
    } finally {
      await limited.close();
    }
  });

  it('GET /metrics answers Prometheus text with sockets, increments and batches', async () => {
    const { counter } = await boardWithCounter();
    await postJson(`/api/counters/${counter.id}/increment`, {});
    await server.connect();
    const response = await api('/metrics');
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await response.text();
    for (const name of [
      'tally_sockets_connected',
      'tally_increments_applied_total',
      'tally_batches_committed_total',
      'tally_batch_size_max',
    ]) {
      expect(text).toMatch(new RegExp(`^# TYPE ${name} (gauge|counter)$`, 'm'));
      expect(text).toMatch(new RegExp(`^${name} [0-9.]+$`, 'm'));
    }
    expect(Number(/^tally_sockets_connected (\d+)$/m.exec(text)?.[1])).toBeGreaterThanOrEqual(1);
  });
});

describe('the web app', () => {
  it('serves WEB_DIST_DIR, falls back to index.html for app routes, and 404s missing files', async () => {
    const webDir = path.join(server.dataDir, 'web-dist');
    await mkdir(path.join(webDir, 'assets'), { recursive: true });
    await writeFile(path.join(webDir, 'index.html'), '<!doctype html><title>Tally</title>');
    await writeFile(path.join(webDir, 'assets', 'app.js'), 'console.log("tally")');
    const web = await startTestServer({ WEB_DIST_DIR: webDir });
    try {
      for (const route of ['/', '/boards', '/b/some-board']) {
        const response = await fetch(`${web.url}${route}`);
        expect(response.status).toBe(200);
        expect(await response.text()).toContain('<title>Tally</title>');
      }
      expect(await (await fetch(`${web.url}/assets/app.js`)).text()).toContain('tally');
      await expectError(await fetch(`${web.url}/assets/gone.js`), 404, 'not_found');
      await expectError(await fetch(`${web.url}/api/nothing`), 404, 'not_found');
    } finally {
      await web.close();
    }
  });

  it('says to run pnpm build when the web app is not built', async () => {
    const response = await api('/');
    expect(response.status).toBe(503);
    expect(await response.text()).toContain('pnpm build');
  });
});
