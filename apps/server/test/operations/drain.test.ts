import { type Ack, type BoardSnapshot, LOBBY_BOARD_ID } from '@tally/events';
import { startTallyServer, type TallyServer } from '@tally/testbed';
import { io, type Socket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { newOpId } from '../helpers/fixtures.js';
import { parseLogLines } from './log-lines.js';

const LOBBY_COUNTER_ID = 'lobby-count';

const servers: TallyServer[] = [];
const bots: Socket[] = [];

afterEach(async () => {
  for (const bot of bots.splice(0)) bot.disconnect();
  for (const server of servers.splice(0)) await server.dispose(0);
});

async function start(env: Record<string, string> = {}): Promise<TallyServer> {
  const server = await startTallyServer({ entry: 'source', env: { LOG_LEVEL: 'info', ...env } });
  servers.push(server);
  return server;
}

async function exitCode(server: TallyServer): Promise<number | null> {
  return (await server.exited).code;
}

/** A bot as anyone writes one: socket.io-client with its default options unless told. */
function plainBot(url: string, transports?: Array<'polling' | 'websocket'>): Socket {
  const bot = transports ? io(url, { transports }) : io(url);
  bots.push(bot);
  return bot;
}

function next(bot: Socket, event: 'connect' | 'disconnect'): Promise<string> {
  return new Promise((resolve) => bot.once(event, (reason?: string) => resolve(reason ?? event)));
}

function request<T extends object>(bot: Socket, event: string, payload: unknown): Promise<Ack<T>> {
  return new Promise((resolve) => bot.emit(event, payload, resolve));
}

/** Resolves once the bot's connection runs over websocket (after the upgrade from polling). */
function upgraded(bot: Socket): Promise<void> {
  const engine = bot.io.engine;
  if (engine.transport.name === 'websocket') return Promise.resolve();
  return new Promise((resolve) => engine.once('upgrade', () => resolve()));
}

async function joinLobby(bot: Socket): Promise<void> {
  expect(await request(bot, 'board:join', { boardId: LOBBY_BOARD_ID })).toMatchObject({ ok: true });
}

/** A polling session opened and never polled again: the drain cannot close it before it asks, so it holds the drain open. */
async function idlePollingSession(url: string): Promise<void> {
  const response = await fetch(`${url}/socket.io/?EIO=4&transport=polling`);
  expect(response.status).toBe(200);
  expect(await response.text()).toMatch(/^0\{"sid"/);
}

/** The status a websocket handshake (no session id) is answered with, or 101 when it opens. */
function websocketHandshakeStatus(url: string): Promise<number> {
  const ws = new WebSocket(`${url.replace('http', 'ws')}/socket.io/?EIO=4&transport=websocket`);
  return new Promise((resolve, reject) => {
    ws.once('open', () => {
      ws.close();
      resolve(101);
    });
    ws.once('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
    ws.once('error', reject);
  });
}

const messages = (server: TallyServer) => parseLogLines(server.output()).map((line) => line.msg);

describe('drain on SIGTERM', () => {
  it('closes transports, not sockets: plain clients see "transport close", keep every acked increment, and reconnect by themselves to a restarted server', async () => {
    const server = await start();
    // Defaults (polling, then the upgrade to websocket) and polling alone: both must come back.
    const bots = [plainBot(server.url), plainBot(server.url, ['polling'])];
    await Promise.all(bots.map((bot) => next(bot, 'connect')));
    await upgraded(bots[0] as Socket);
    await Promise.all(bots.map(joinLobby));

    let acked = 0;
    const increments = bots.flatMap((bot) =>
      Array.from({ length: 20 }, () =>
        request(bot, 'counter:increment', { counterId: LOBBY_COUNTER_ID, opId: newOpId() }).then((ack) => {
          if (ack.ok) acked++;
        }),
      ),
    );
    // Some acked, some still on their way when the signal comes.
    await Promise.race(increments);
    const disconnects = bots.map((bot) => next(bot, 'disconnect'));
    const exited = exitCode(server);
    server.signal('SIGTERM');

    expect(await Promise.all(disconnects)).toEqual(['transport close', 'transport close']);
    expect(await exited).toBe(0);
    const ackedBeforeStop = acked;
    expect(ackedBeforeStop).toBeGreaterThan(0);
    expect(messages(server)).toEqual(
      expect.arrayContaining([
        'drain: started',
        'not ready: the node is draining',
        'drain: not ready, new connections refused',
        'drain: write queue committed, acks sent',
        'drain: closing every connection; clients reconnect by themselves',
        'drain: every connection closed',
        'drain: done, exiting',
      ]),
    );

    const reconnected = bots.map((bot) => next(bot, 'connect'));
    // The same port and DATA_DIR, as an operator restarts it.
    await server.restart();
    await Promise.all(reconnected);
    await Promise.all(bots.map(joinLobby));
    for (const bot of bots) {
      const ack = await request(bot, 'counter:increment', { counterId: LOBBY_COUNTER_ID, opId: newOpId() });
      expect(ack).toMatchObject({ ok: true });
    }
    const lobby = (await (await fetch(`${server.url}/api/boards/${LOBBY_BOARD_ID}`)).json()) as BoardSnapshot;
    const count = lobby.counters.find((counter) => counter.id === LOBBY_COUNTER_ID);
    // Every acked increment is in the store; an unacked one may be too (its ack was lost with the transport).
    expect(count?.value).toBeGreaterThanOrEqual(ackedBeforeStop + bots.length);
  }, 90_000);

  it('is not ready from its first moment, refuses new sessions with 503 while live ones drain, and a second signal exits at once', async () => {
    const server = await start({ DRAIN_TIMEOUT_MS: '60000' });
    await idlePollingSession(server.url);
    const exited = exitCode(server);
    server.signal('SIGTERM');

    const ready = () => fetch(`${server.url}/api/ready`);
    await expect.poll(async () => (await ready()).status, { timeout: 10_000 }).toBe(503);
    expect(await (await ready()).json()).toEqual({
      error: { code: 'unavailable', message: 'not ready: the node is draining' },
    });
    const pollingHandshake = await fetch(`${server.url}/socket.io/?EIO=4&transport=polling`);
    expect(pollingHandshake.status).toBe(503);
    expect(pollingHandshake.headers.get('retry-after')).toBe('1');
    expect(await websocketHandshakeStatus(server.url)).toBe(503);
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    expect(server.running).toBe(true);

    server.signal('SIGTERM');
    // 128 + 15, as a shell reports a process SIGTERM ended.
    expect(await exited).toBe(143);
    expect(messages(server)).toContain('second signal: exiting now, without waiting for the drain');
  }, 60_000);

  it('exits 1 when the drain outlasts DRAIN_TIMEOUT_MS', async () => {
    const server = await start({ DRAIN_TIMEOUT_MS: '500' });
    await idlePollingSession(server.url);
    const exited = exitCode(server);
    server.signal('SIGTERM');
    expect(await exited).toBe(1);
    expect(messages(server)).toContain('drain: timed out, exiting anyway');
  }, 60_000);
});
