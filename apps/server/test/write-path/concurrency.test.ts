// 50 sockets × 200 increments with random `by` on two boards at once, through the real app:
// nothing lost, nothing doubled, everyone ends on the same value and version, and the group
// commit figures are logged for the notes. And the order the web app relies on: on every socket,
// an increment's ack comes before the counter:updated that carries it.
import { randomUUID } from 'node:crypto';
import { type CounterUpdate, createBoardResponseSchema, LOBBY_BOARD_ID } from '@tally/events';
import { NO_ADDRESS_LIMITS_ENV } from '@tally/testbed';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import {
  type AckedIncrement,
  connectSocket,
  joinBoard,
  randomBy,
  runIncrementLoad,
  type TallySocket,
  trackLatestUpdates,
  waitForVersion,
} from './increment-load.js';

const SOCKETS = 50;
const INCREMENTS_PER_SOCKET = 200;
const IN_FLIGHT_PER_SOCKET = 10;
const ORDER_SOCKETS = 8;
const ORDER_INCREMENTS_PER_SOCKET = 150;
const ORDER_IN_FLIGHT = 5;

describe('concurrent increments through the write batcher', () => {
  let server: TestServer | undefined;
  const sockets: TallySocket[] = [];

  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.disconnect();
    await server?.close();
    server = undefined;
  });

  async function connect(url: string): Promise<TallySocket> {
    const socket = await connectSocket(url);
    sockets.push(socket);
    return socket;
  }

  it(`${SOCKETS} sockets × ${INCREMENTS_PER_SOCKET} increments: the value is the sum of the acked ones, on every socket`, async () => {
    // The load is far past the default per-socket rate limit on purpose.
    server = await startTestServer({
      RATE_LIMIT_BURST: '1000000',
      RATE_LIMIT_REFILL_PER_SEC: '1000000',
      ...NO_ADDRESS_LIMITS_ENV,
    });
    const { url, app } = server;

    const response = await fetch(`${url}/api/boards`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: `Load ${randomUUID().slice(0, 8)}` }),
    });
    expect(response.status).toBe(201);
    const freshBoardId = createBoardResponseSchema.parse(await response.json()).board.id;
    const creator = await connect(url);
    await joinBoard(creator, freshBoardId);
    const created = await creator
      .timeout(10_000)
      .emitWithAck('counter:create', { boardId: freshBoardId, name: 'Load' });
    const [lobbyCount] = (await joinBoard(creator, LOBBY_BOARD_ID)).counters;
    if (!created.ok || !lobbyCount) throw new Error('could not set up the counters');
    // Half the sockets on the lobby's counter, half on a fresh board's.
    const targets = [
      { boardId: LOBBY_BOARD_ID, counter: lobbyCount },
      { boardId: freshBoardId, counter: created.counter },
    ];

    const players = await Promise.all(
      Array.from({ length: SOCKETS }, async (_, i) => {
        const target = targets[i % targets.length] as (typeof targets)[number];
        const socket = await connect(url);
        const latest = trackLatestUpdates(socket);
        await joinBoard(socket, target.boardId);
        return { socket, target, latest };
      }),
    );

    const statsBefore = app.writeBatcher.stats();
    const startedAt = performance.now();
    const acked: AckedIncrement[] = (
      await Promise.all(
        players.map(({ socket, target }) =>
          runIncrementLoad(socket, {
            counterId: target.counter.id,
            count: INCREMENTS_PER_SOCKET,
            inFlight: IN_FLIGHT_PER_SOCKET,
          }),
        ),
      )
    ).flat();
    const elapsedSec = (performance.now() - startedAt) / 1000;
    const stats = app.writeBatcher.stats();

    expect(acked).toHaveLength(SOCKETS * INCREMENTS_PER_SOCKET);

    const observer = await connect(url);
    for (const { boardId, counter } of targets) {
      const mine = acked.filter((op) => op.counterId === counter.id);
      const expected: CounterUpdate = {
        counterId: counter.id,
        value: counter.value + mine.reduce((sum, op) => sum + op.by, 0),
        version: counter.version + mine.length,
      };
      // Every acked increment got its own version: none lost, none applied twice.
      expect(new Set(mine.map((op) => op.version)).size).toBe(mine.length);
      for (const player of players.filter((p) => p.target.counter.id === counter.id)) {
        // The last update may still be held by the broadcast window when the last ack arrives.
        await waitForVersion(player.socket, player.latest, counter.id, expected.version);
        expect(player.latest.get(counter.id)).toMatchObject(expected);
      }
      const snapshot = await joinBoard(observer, boardId);
      expect(snapshot.counters.find((c) => c.id === counter.id)).toMatchObject({
        value: expected.value,
        version: expected.version,
      });
    }

    const batches = stats.batchesCommitted - statsBefore.batchesCommitted;
    const ops = stats.opsCommitted - statsBefore.opsCommitted;
    expect(stats.opsApplied - statsBefore.opsApplied).toBe(SOCKETS * INCREMENTS_PER_SOCKET);
    // Under this much concurrency, group commit must have put several ops in one transaction.
    expect(stats.maxBatchSize).toBeGreaterThan(1);
    console.info(
      [
        `concurrency: ${ops} increments from ${SOCKETS} sockets in ${elapsedSec.toFixed(2)} s (${Math.round(ops / elapsedSec)} ops/s)`,
        `${batches} batches committed (${Math.round(batches / elapsedSec)} commits/s), mean ${(ops / batches).toFixed(1)} ops/batch, max ${stats.maxBatchSize}`,
        `mean commit time ${(stats.commitMsTotal / stats.batchesCommitted).toFixed(2)} ms`,
      ].join('; '),
    );
  }, 60_000);

  it(`${ORDER_SOCKETS} sockets on one counter: every ack arrives before the update that carries it`, async () => {
    // A long window, so that most updates are held and merge several commits.
    server = await startTestServer({
      RATE_LIMIT_BURST: '1000000',
      RATE_LIMIT_REFILL_PER_SEC: '1000000',
      ...NO_ADDRESS_LIMITS_ENV,
      BATCH_WINDOW_MS: '50',
    });
    const { url, app } = server;
    const players = await Promise.all(Array.from({ length: ORDER_SOCKETS }, () => connect(url)));
    const snapshots = await Promise.all(players.map((socket) => joinBoard(socket, LOBBY_BOARD_ID)));
    const counterId = snapshots[0]?.counters[0]?.id;
    if (!counterId) throw new Error('the lobby has no counter');

    const violations = (
      await Promise.all(players.map((socket) => incrementCheckingOrder(socket, counterId)))
    ).flat();

    expect(violations).toEqual([]);
    const stats = app.writeBatcher.stats();
    expect(stats.opsApplied).toBe(ORDER_SOCKETS * ORDER_INCREMENTS_PER_SOCKET);
    // The window did hold updates back: fewer broadcasts than commits.
    expect(stats.broadcastsSent).toBeLessThan(stats.batchesCommitted);
  }, 60_000);
});

interface OrderViolation {
  opId: string;
  ackedVersion: number;
  seenBeforeAck: number;
}

/**
 * Sends ORDER_INCREMENTS_PER_SOCKET increments, ORDER_IN_FLIGHT at a time, and checks each ack
 * against the highest version the socket had seen in a counter:updated when the ack arrived.
 * Both are recorded in the socket's own callbacks, synchronously, so in the order the frames came.
 */
function incrementCheckingOrder(socket: TallySocket, counterId: string): Promise<OrderViolation[]> {
  let seen = 0;
  socket.on('counter:updated', ({ updates }) => {
    for (const update of updates) if (update.counterId === counterId) seen = Math.max(seen, update.version);
  });
  const violations: OrderViolation[] = [];
  let sent = 0;
  let answered = 0;
  return new Promise((resolve, reject) => {
    const sendNext = () => {
      if (sent >= ORDER_INCREMENTS_PER_SOCKET) return;
      sent++;
      const opId = `op-${randomUUID()}`;
      socket.timeout(15_000).emit('counter:increment', { counterId, by: randomBy(), opId }, (error, ack) => {
        if (error || !ack.ok) {
          reject(error ?? new Error(`increment refused: ${ack.ok ? '' : ack.error.code}`));
          return;
        }
        if (seen >= ack.version) violations.push({ opId, ackedVersion: ack.version, seenBeforeAck: seen });
        answered++;
        if (answered === ORDER_INCREMENTS_PER_SOCKET) resolve(violations);
        else sendNext();
      });
    };
    for (let lane = 0; lane < ORDER_IN_FLIGHT; lane++) sendNext();
  });
}
