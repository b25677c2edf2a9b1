import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FOCUS_DELIVERIES_PER_SEC } from '../src/realtime/focus-budget.js';
import { createBoard, newOpId } from './helpers/fixtures.js';
import type { TestClient } from './helpers/test-client.js';
import { startTestServer, type TestServer } from './helpers/test-server.js';

const FOCUS_EVENTS = 600;
const BIG_BOARD = 60;

let server: TestServer;
beforeAll(async () => {
  // Each focus is followed by a probe: the sender's own limit lets them all through, so what
  // cuts the relays is the board's budget.
  server = await startTestServer({ RATE_LIMIT_BURST: String(4 * FOCUS_EVENTS) });
});
afterAll(() => server.close());

interface Board {
  boardId: string;
  counterId: string;
  people: [TestClient, TestClient, ...TestClient[]];
}

/** A board with `size` (≥ 2) joined sockets and a counter. */
async function boardOf(size: number): Promise<Board> {
  const { board } = await createBoard(server);
  const people: TestClient[] = [];
  for (let i = 0; i < size; i++) {
    // Each socket is a member of its own: the server gives every one without a memberToken a new clientId.
    const person = await server.connect({ auth: { name: `Focus ${i}` } });
    await person.ok('board:join', { boardId: board.id, presence: 'summary' });
    people.push(person);
  }
  const { counter } = await (people[0] as TestClient).ok('counter:create', {
    boardId: board.id,
    name: 'Count',
  });
  return { boardId: board.id, counterId: counter.id, people: people as Board['people'] };
}

/**
 * Sends `count` focus events one at a time: each is followed by a probe whose ack says the server
 * has handled it, so the links are ready again and Socket.IO itself drops none of the relays.
 */
async function pointRepeatedly(sender: TestClient, boardId: string, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    sender.socket.emit('presence:focus', { boardId, counterId: `counter-${i}` });
    await sender.ok('latency:probe', { t: i });
  }
}

/** The sender increments; the watcher's counter:updated comes after every relay it was sent. */
async function incrementSeenBy(board: Board, watcher: TestClient): Promise<void> {
  const [sender] = board.people;
  expect(await sender.ok('counter:increment', { counterId: board.counterId, opId: newOpId() })).toMatchObject(
    {
      value: 1,
    },
  );
  await watcher.waitFor('counter:updated');
}

describe('presence:focus budget per board', () => {
  it('relays every focus on a small board', async () => {
    const board = await boardOf(3);
    const [ana, ben] = board.people;
    await pointRepeatedly(ana, board.boardId, 100);
    await incrementSeenBy(board, ben);
    expect(ben.all('presence:focus')).toHaveLength(100);
  });

  it('cuts a burst on a big board to the budget, silently, and the board goes on', async () => {
    const board = await boardOf(BIG_BOARD);
    const [ana, ben] = board.people;
    await pointRepeatedly(ana, board.boardId, FOCUS_EVENTS);
    await incrementSeenBy(board, ben);
    // At least the burst (each relay costs one delivery per other socket), then the refill's trickle.
    const relayed = ben.all('presence:focus').length;
    expect(relayed).toBeGreaterThanOrEqual(Math.floor(FOCUS_DELIVERIES_PER_SEC / (BIG_BOARD - 1)));
    expect(relayed).toBeLessThan(FOCUS_EVENTS);
    expect(ana.all('presence:focus')).toEqual([]);
    expect(board.people.every((person) => person.socket.connected)).toBe(true);
  });
});
