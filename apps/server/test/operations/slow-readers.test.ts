import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBoard, newOpId, uniqueName } from '../helpers/fixtures.js';
import { RawClient } from '../helpers/raw-client.js';
import type { TestClient } from '../helpers/test-client.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { captureLogs, WARN } from './log-lines.js';

const SLOW_READER_MAX_BYTES = 64 * 1024;
/** The longest chat message: 500 code points of 4 UTF-8 bytes each. */
const BIG_TEXT = '😀'.repeat(500);
/** Engine.IO's separator between packets in one polling payload. */
const RECORD_SEPARATOR = '\x1e';

const logs = captureLogs();
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer(
    {
      LOG_LEVEL: 'warn',
      SLOW_READER_MAX_BYTES: String(SLOW_READER_MAX_BYTES),
      // The flood is the test's own: the per-socket limit must not be what stops it.
      RATE_LIMIT_BURST: '100000',
      RATE_LIMIT_REFILL_PER_SEC: '100000',
    },
    { logStream: logs.stream },
  );
});

afterAll(async () => {
  await server.close();
});

/** Resolves with the reason the server gives when the socket `sid` disconnects. */
function serverSideDisconnect(sid: string): Promise<string> {
  const socket = server.app.io.sockets.sockets.get(sid);
  if (!socket) throw new Error(`no socket ${sid} on the server`);
  return new Promise((resolve) => socket.once('disconnect', resolve));
}

/** A member who keeps reading, on a board of its own with a counter. */
async function healthyMember(): Promise<{ member: TestClient; boardId: string; counterId: string }> {
  const { board } = await createBoard(server);
  const member = await server.connect({ auth: { name: 'Ana' } });
  await member.ok('board:join', { boardId: board.id });
  const { counter } = await member.ok('counter:create', { boardId: board.id, name: uniqueName('count') });
  return { member, boardId: board.id, counterId: counter.id };
}

/** Runs `step` (which must succeed: the healthy client's acks) until `done` settles; bounded. */
async function keepGoingUntil(done: Promise<unknown>, step: () => Promise<void>): Promise<void> {
  let settled = false;
  void done.then(() => {
    settled = true;
  });
  for (let round = 0; round < 2000 && !settled; round++) await step();
  if (!settled) throw new Error('the slow reader was never disconnected');
}

const droppedLines = () =>
  logs.lines().filter((line) => line.msg === 'slow reader disconnected: too much unsent data');

describe('slow readers', () => {
  it('disconnects a websocket reader that stopped reading once its unsent data passes the bound, while others keep their acks', async () => {
    const { member, boardId, counterId } = await healthyMember();
    // A board with a long chat: each page of it is ~200 KB for whoever asks.
    await Promise.all(Array.from({ length: 100 }, () => member.ok('chat:send', { boardId, text: BIG_TEXT })));

    const paused = await RawClient.connect(server.port, { name: 'Paused' });
    const connected = paused.messages.find((message) => message.startsWith('40{')) as string;
    const { sid } = JSON.parse(connected.slice(2)) as { sid: string };
    const disconnected = serverSideDisconnect(sid);
    paused.send(`421${JSON.stringify(['board:join', { boardId }])}`);
    expect(await paused.ack(1)).toMatchObject({ ok: true });

    paused.pauseReading();
    // It asks for far more than the kernel's socket buffers (a few MB on loopback) hold, and reads none of it.
    for (let id = 2; id < 62; id++) {
      paused.send(`42${id}${JSON.stringify(['chat:history', { boardId, limit: 200 }])}`);
    }
    await keepGoingUntil(disconnected, async () => {
      const ack = await member.request('counter:increment', { counterId, opId: newOpId() });
      expect(ack).toMatchObject({ ok: true });
    });

    expect(await disconnected).toBe('forced close');
    expect(server.app.io.sockets.sockets.has(sid)).toBe(false);
    expect(await member.ok('counter:increment', { counterId, opId: newOpId() })).toMatchObject({
      version: expect.any(Number),
    });
    expect(droppedLines().at(-1)).toMatchObject({
      level: WARN,
      transport: 'websocket',
      maxBytes: SLOW_READER_MAX_BYTES,
      unsentBytes: expect.any(Number),
    });
    expect(droppedLines().at(-1)?.unsentBytes).toBeGreaterThan(SLOW_READER_MAX_BYTES);
    paused.close();
  });

  it('disconnects a polling reader that stopped polling once its queued packets pass the bound', async () => {
    const { member, boardId } = await healthyMember();
    const base = `${server.url}/socket.io/?EIO=4&transport=polling`;
    const open = await (await fetch(base)).text();
    const { sid: engineSid } = JSON.parse(open.slice(1)) as { sid: string };
    const session = `${base}&sid=${engineSid}`;
    const post = (body: string) => fetch(session, { method: 'POST', body });
    await post('40');
    const connected = (await (await fetch(session)).text())
      .split(RECORD_SEPARATOR)
      .find((packet) => packet.startsWith('40{')) as string;
    const { sid } = JSON.parse(connected.slice(2)) as { sid: string };
    const disconnected = serverSideDisconnect(sid);
    await post(`421${JSON.stringify(['board:join', { boardId }])}`);

    // It never polls again: everything the board says waits in Engine.IO's buffer for it.
    await keepGoingUntil(disconnected, async () => {
      await member.ok('chat:send', { boardId, text: BIG_TEXT });
    });

    expect(await disconnected).toBe('forced close');
    expect(droppedLines().at(-1)).toMatchObject({ level: WARN, transport: 'polling' });
    expect(droppedLines().at(-1)?.unsentBytes).toBeGreaterThan(SLOW_READER_MAX_BYTES);
  });
});
