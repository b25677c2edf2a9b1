import { type RedisServer, startRedisServer } from '@tally/testbed';
import { io, type Socket } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { newOpId } from '../helpers/fixtures.js';
import { expectHttpError } from '../helpers/http.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

const ADMIN_KEY = 'operator-key-for-the-admin-ui';
const WAIT_MS = 5000;

/** admin-ui's figures of one node, sent every 2 s to the namespace (so to every node's UI). */
interface ServerStats {
  serverId: string;
  namespaces: Array<{ name: string; socketsCount: number }>;
}

/** A socket of the Admin UI's namespace, and every event it received from its first moment on. */
class AdminClient {
  private readonly received: Array<{ event: string; args: unknown[] }> = [];
  private readonly waiters = new Set<() => void>();

  constructor(readonly socket: Socket) {
    // Recorded from the start: admin-ui sends `config` as the socket connects.
    socket.onAny((event: string, ...args: unknown[]) => {
      this.received.push({ event, args });
      for (const wake of [...this.waiters]) wake();
    });
  }

  /** The first `event` (past or future) whose first argument passes `matches`, within WAIT_MS. */
  async next<T>(event: string, matches: (payload: T) => boolean = () => true): Promise<T> {
    const [payload] = await this.nextArgs(event, (args) => matches(args[0] as T));
    return payload as T;
  }

  /** The arguments of the first `event` (past or future) that pass `matches`, within WAIT_MS. */
  nextArgs(event: string, matches: (args: unknown[]) => boolean): Promise<unknown[]> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = this.received.find((item) => item.event === event && matches(item.args));
        if (!found) return false;
        this.waiters.delete(check);
        clearTimeout(timer);
        resolve(found.args);
        return true;
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`no matching ${event} within ${WAIT_MS} ms`));
      }, WAIT_MS);
      if (!check()) this.waiters.add(check);
    });
  }
}

const opened: Socket[] = [];

afterEach(() => {
  for (const socket of opened.splice(0)) socket.disconnect();
});

/** Connects to the Admin UI's namespace as its UI does; rejects with the connect_error. */
function connectAdmin(url: string, auth: Record<string, unknown>): Promise<AdminClient> {
  const socket = io(`${url}/admin`, { auth, transports: ['websocket'], reconnection: false, forceNew: true });
  opened.push(socket);
  const client = new AdminClient(socket);
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(client));
    socket.once('connect_error', reject);
  });
}

describe('Admin UI with ADMIN_KEY (issue 14)', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ ADMIN_KEY, NODE_ID: 'solo' });
  });

  afterAll(async () => {
    await server.close();
  });

  it('lets `admin` / ADMIN_KEY in, read-only, and sends the node figures, next to the app sockets', async () => {
    const member = await server.connect();
    const admin = await connectAdmin(server.url, { username: 'admin', password: ADMIN_KEY });
    const config = await admin.next<{ supportedFeatures: string[] }>('config');
    // Production mode: aggregated figures only, and none of the features that act on sockets.
    expect(config.supportedFeatures).toEqual(['AGGREGATED_EVENTS']);
    const stats = await admin.next<ServerStats>('server_stats');
    expect(stats.serverId).toBe('solo');
    expect(stats.namespaces).toEqual(
      expect.arrayContaining([
        { name: '/', socketsCount: 1 },
        { name: '/admin', socketsCount: 1 },
      ]),
    );
    // The app's own handlers never saw the admin socket: the member is alone and still served.
    expect(await member.ok('board:join', { boardId: 'lobby' })).toMatchObject({ ok: true });
  });

  it('refuses a wrong key, another user name and no credentials with "invalid credentials"', async () => {
    for (const auth of [
      { username: 'admin', password: `${ADMIN_KEY}x` },
      { username: 'root', password: ADMIN_KEY },
      { username: 'admin' },
      {},
    ]) {
      await expect(connectAdmin(server.url, auth), JSON.stringify(auth)).rejects.toThrow(
        'invalid credentials',
      );
    }
  });

  it('serves its UI from the package at /admin/, with nothing from another site', async () => {
    const redirect = await fetch(`${server.url}/admin`, { redirect: 'manual' });
    expect(redirect.status).toBe(301);
    expect(redirect.headers.get('location')).toBe('/admin/');
    await redirect.body?.cancel();

    const page = await fetch(`${server.url}/admin/`);
    const html = await page.text();
    expect(html).toContain('<title>Socket.IO Admin UI</title>');
    expect(html).not.toMatch(/(href|src)="https?:/);
    const policy = page.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("style-src 'self' 'unsafe-inline'");
    expect(policy).toContain("script-src 'self';");
    expect(policy).toContain("frame-ancestors 'none'");

    const scripts = [...html.matchAll(/<script src="([^"]+)"/g)].map((match) => match[1]);
    expect(scripts.length).toBeGreaterThan(1);
    for (const script of scripts) {
      const response = await fetch(`${server.url}/admin/${script}`);
      expect(response.status, script).toBe(200);
      expect(response.headers.get('content-type'), script).toMatch(/^(text|application)\/javascript/);
      expect((await response.text()).length, script).toBeGreaterThan(0);
    }
    await expectHttpError(await fetch(`${server.url}/admin/no-such-file`), 404, 'not_found');
  });
});

describe('Admin UI in development mode', () => {
  it('shows every socket and event, and the app still works under its instrumentation', async () => {
    const server = await startTestServer({ ADMIN_KEY, ADMIN_UI_MODE: 'development' });
    try {
      const admin = await connectAdmin(server.url, { username: 'admin', password: ADMIN_KEY });
      const config = await admin.next<{ supportedFeatures: string[] }>('config');
      expect(config.supportedFeatures).toEqual(expect.arrayContaining(['ALL_EVENTS', 'EMIT', 'MDISCONNECT']));

      const connected = admin.next<{ nsp: string }>('socket_connected', (socket) => socket.nsp === '/');
      const member = await server.connect({ auth: { name: 'Watched' } });
      await connected;
      const { board } = await member.ok('board:join', { boardId: 'lobby' });
      const counterId = board.counters[0]?.id ?? '';
      // event_received: namespace, socket id, the event's arguments (its ack left out), time.
      const increment = { counterId, opId: newOpId() };
      const received = admin.nextArgs(
        'event_received',
        ([nsp, socketId, args]) =>
          nsp === '/' &&
          socketId === member.socket.id &&
          JSON.stringify(args) === JSON.stringify(['counter:increment', increment]),
      );
      expect(await member.ok('counter:increment', increment)).toMatchObject({
        ok: true,
        value: expect.any(Number),
      });
      await received;
      await member.ok('board:leave', { boardId: 'lobby' });
    } finally {
      await server.close();
    }
  });
});

describe('Admin UI without ADMIN_KEY', () => {
  it('has no namespace, and /admin says what turns it on', async () => {
    const server = await startTestServer();
    try {
      await expect(connectAdmin(server.url, { username: 'admin', password: ADMIN_KEY })).rejects.toThrow(
        'Invalid namespace',
      );
      for (const route of ['/admin', '/admin/', '/admin/js/app.js']) {
        const response = await fetch(`${server.url}${route}`);
        expect(response.status, route).toBe(404);
        expect(await response.json()).toEqual({
          error: { code: 'not_found', message: expect.stringContaining('ADMIN_KEY') },
        });
      }
    } finally {
      await server.close();
    }
  });
});

describe('Admin UI across two nodes on Redis', () => {
  let redis: RedisServer;
  const nodes: TestServer[] = [];

  beforeAll(async () => {
    redis = await startRedisServer({ appendOnly: false });
    for (const nodeId of ['east', 'west']) {
      nodes.push(await startTestServer({ ADMIN_KEY, REDIS_URL: redis.url, NODE_ID: nodeId }));
    }
  });

  afterAll(async () => {
    for (const node of nodes) await node.close();
    await redis?.dispose();
  });

  it("shows, to a UI logged in on one node, the other node's figures too", async () => {
    const [east, west] = nodes;
    if (!east || !west) throw new Error('two nodes expected');
    await west.connect();
    const admin = await connectAdmin(east.url, { username: 'admin', password: ADMIN_KEY });
    const fromWest = await admin.next<ServerStats>('server_stats', (stats) => stats.serverId === 'west');
    expect(fromWest.namespaces).toContainEqual({ name: '/', socketsCount: 1 });
    const fromEast = await admin.next<ServerStats>('server_stats', (stats) => stats.serverId === 'east');
    expect(fromEast.namespaces).toContainEqual({ name: '/admin', socketsCount: 1 });
  });
});
