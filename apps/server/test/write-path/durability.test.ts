// The ack means "on disk": kill -9 the server in the middle of a load, start it again on the
// same DATA_DIR, and check that every acked increment is there exactly once and nothing else is.
import { randomUUID } from 'node:crypto';
import { LOBBY_BOARD_ID } from '@tally/events';
import { NO_ADDRESS_LIMITS_ENV, startTallyServer, type TallyServer } from '@tally/testbed';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type AckedIncrement,
  connectSocket,
  joinBoard,
  runIncrementLoad,
  type SentIncrement,
  sendIncrement,
  type TallySocket,
} from './increment-load.js';

const SOCKETS = 6;
const IN_FLIGHT_PER_SOCKET = 16;
/** The kill comes once this many increments were acked, while the rest keep coming. */
const KILL_AFTER_ACKS = 1_500;

describe('durability across kill -9', () => {
  const cleanups: Array<() => Promise<void> | void> = [];

  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function start(env: Record<string, string>): Promise<TallyServer> {
    const server = await startTallyServer({ entry: 'source', env });
    cleanups.push(async () => {
      await server.dispose(0);
    });
    return server;
  }

  async function connect(url: string): Promise<TallySocket> {
    const socket = await connectSocket(url);
    cleanups.push(() => {
      socket.disconnect();
    });
    return socket;
  }

  it('keeps every acked increment exactly once, and explains the rest by un-acked sends that landed', async () => {
    // The load is far past the default per-socket rate limit on purpose.
    const env = {
      RATE_LIMIT_BURST: '1000000',
      RATE_LIMIT_REFILL_PER_SEC: '1000000',
      ...NO_ADDRESS_LIMITS_ENV,
    };

    const server = await start(env);
    const setup = await connect(server.url);
    const [lobbyCount] = (await joinBoard(setup, LOBBY_BOARD_ID)).counters;
    const created = await setup.timeout(10_000).emitWithAck('counter:create', {
      boardId: LOBBY_BOARD_ID,
      name: `Durable ${randomUUID().slice(0, 8)}`,
      value: 0,
    });
    if (!lobbyCount || !created.ok) throw new Error('could not set up the counters');
    const counters = [lobbyCount, created.counter];

    const sent: SentIncrement[] = [];
    const acked = new Map<string, AckedIncrement>();
    let sentAtKill = 0;
    let killing: Promise<void> | undefined;
    const sockets = await Promise.all(Array.from({ length: SOCKETS }, () => connect(server.url)));
    await Promise.all(sockets.map((socket) => joinBoard(socket, LOBBY_BOARD_ID)));
    // Each lane ends once the kill is under way: no new sends, pending acks reject on disconnect.
    await Promise.all(
      sockets.map((socket, i) =>
        runIncrementLoad(socket, {
          counterId: (counters[i % counters.length] as { id: string }).id,
          count: Number.POSITIVE_INFINITY,
          inFlight: IN_FLIGHT_PER_SOCKET,
          shouldStop: () => killing !== undefined,
          onSent: (op) => sent.push(op),
          onAcked: (op) => {
            acked.set(op.opId, op);
            if (acked.size >= KILL_AFTER_ACKS && !killing) {
              sentAtKill = sent.length;
              killing = server.kill();
            }
          },
        }),
      ),
    );
    await killing;
    // The kill came with increments still in flight. Acks already on the wire may arrive after
    // it: they count, as the server sends an ack only after the commit.
    expect(sentAtKill).toBeGreaterThan(KILL_AFTER_ACKS);

    // Back on the same port and DATA_DIR.
    await server.restart();
    const checker = await connect(server.url);
    const before = new Map((await joinBoard(checker, LOBBY_BOARD_ID)).counters.map((c) => [c.id, c]));

    for (const counter of counters) {
      const after = before.get(counter.id);
      if (!after) throw new Error(`counter ${counter.id} is gone after the restart`);
      const ackedHere = [...acked.values()].filter((op) => op.counterId === counter.id);
      const unackedHere = sent.filter((op) => op.counterId === counter.id && !acked.has(op.opId));

      // Every acked opId is in the store: sent again, it answers its original result...
      const replays = await Promise.all(ackedHere.map((op) => sendIncrement(checker, op)));
      replays.forEach((replay, i) => {
        const op = ackedHere[i] as AckedIncrement;
        expect(replay).toEqual({ ok: true, value: op.value, version: op.version });
      });
      // ...and changes nothing.
      const unchanged = (await joinBoard(checker, LOBBY_BOARD_ID)).counters.find((c) => c.id === counter.id);
      expect(unchanged).toMatchObject({ value: after.value, version: after.version });

      // An un-acked op that landed before the kill replays with a version the counter already had;
      // one that did not land is applied now, with a newer version.
      const landed: AckedIncrement[] = [];
      await Promise.all(
        unackedHere.map(async (op) => {
          const result = await sendIncrement(checker, op);
          if (!result.ok) throw new Error(`resending ${op.opId} failed: ${result.error.code}`);
          if (result.version <= after.version)
            landed.push({ ...op, value: result.value, version: result.version });
        }),
      );

      const sum = (ops: readonly SentIncrement[]) => ops.reduce((total, op) => total + op.by, 0);
      expect(after.value - counter.value).toBe(sum(ackedHere) + sum(landed));
      // Exactly once: every applied op holds its own version, and together they fill every version.
      const versions = [...ackedHere, ...landed].map((op) => op.version).sort((a, b) => a - b);
      expect(versions).toEqual(
        Array.from({ length: after.version - counter.version }, (_, i) => counter.version + i + 1),
      );
      console.info(
        `durability ${counter.name}: ${ackedHere.length} acked, ${unackedHere.length} un-acked of which ${landed.length} had landed; value ${after.value}`,
      );
    }
  }, 60_000);
});
