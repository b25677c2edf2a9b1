import type { Counter } from '@tally/events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../http/fetch-json.js';
import { createServerEventHub } from '../protocol/server-event-hub.js';
import { memoryStorage } from '../storage/memory-storage.js';
import { FakeSocket } from '../testing/fake-socket.js';
import { sampleCounter as counter, sampleSnapshot as snapshot } from '../testing/sample-board.js';
import { createBoardMembership } from './board-membership.js';
import { createBoardRegistry } from './board-registry.js';
import { createLastKnownBoards } from './last-known-boards.js';

/** A browser that saw board b1 on an earlier visit with `seen` as its counter, now without a link. */
async function setUp(options: { seen: Partial<Counter>; offline: boolean }) {
  const storage = memoryStorage();
  const lastKnown = createLastKnownBoards({ storage, now: () => 500 });
  lastKnown.remember({
    board: { ...snapshot, name: 'Door (last visit)', counters: [{ ...counter, ...options.seen }] },
    role: 'owner',
    loadedAt: 400,
  });
  await lastKnown.flush();

  const socket = new FakeSocket();
  socket.connected = false;
  socket.answer('board:join', () => ({ ok: true, board: snapshot, role: 'owner' }));
  const reporter = { report: vi.fn() };
  const registry = createBoardRegistry({
    socket: socket.asSocket(),
    hub: createServerEventHub(socket.asSocket(), reporter),
    membership: createBoardMembership(),
    reporter,
    getJson: () => Promise.reject(new ApiError('network', 'The server is not reachable.')),
    boardKey: () => undefined,
    guessRole: () => 'member',
    handshakeReady: Promise.resolve(),
    now: () => 1_000,
    selfId: () => 'self-00001',
    lastKnown,
    isOffline: () => options.offline,
  });
  /** The link comes back: the load waiting for it joins. */
  const connect = () => {
    socket.connected = true;
    socket.serverSends('connect', undefined);
  };
  return { socket, registry, lastKnown, connect };
}

afterEach(() => vi.useRealTimers());

describe('board registry: the board as last seen', () => {
  it('offline, shows the board as last seen at once, and the snapshot replaces it once the link is back', async () => {
    const { registry, connect } = await setUp({ seen: { value: 3, version: 3 }, offline: true });
    registry.open('b1');
    let ready = false;
    void registry.ready('b1').then(() => {
      ready = true;
    });
    await vi.waitFor(() => expect(registry.get('b1').view).toBeDefined());
    expect(registry.get('b1')).toMatchObject({
      status: 'loading',
      lastKnownAt: 500,
      view: { role: 'owner', board: { name: 'Door (last visit)', members: [], counters: [{ value: 3 }] } },
    });
    // Ready means loaded from the server: the last visit's view is not that.
    await Promise.resolve();
    expect(ready).toBe(false);

    connect();
    await expect(registry.ready('b1')).resolves.toMatchObject({ board: { name: 'Door' } });
    expect(registry.get('b1')).toMatchObject({
      status: 'ready',
      lastKnownAt: undefined,
      view: { role: 'owner', board: { counters: [{ value: 5, version: 5 }] } },
    });
    // Ana was not "heard" arriving: the view from the last visit is no earlier state of the live feed.
    expect(registry.get('b1').live).toEqual([]);
  });

  it('a last seen value with a newer version than the snapshot stays (the version rules)', async () => {
    const { registry, connect } = await setUp({ seen: { value: 9, version: 7 }, offline: true });
    registry.open('b1');
    await vi.waitFor(() => expect(registry.get('b1').lastKnownAt).toBe(500));
    connect();
    await expect(registry.ready('b1')).resolves.toMatchObject({
      board: { name: 'Door', counters: [{ value: 9, version: 7 }] },
    });
  });

  it('online, it shows only once a load failed (the server unreachable)', async () => {
    vi.useFakeTimers();
    const { registry } = await setUp({ seen: { value: 3, version: 3 }, offline: false });
    registry.open('b1');
    await vi.advanceTimersByTimeAsync(1_000);
    expect(registry.get('b1').view).toBeUndefined();
    // The socket's grace (2 s) is over, and HTTP cannot reach the server either.
    await vi.advanceTimersByTimeAsync(1_100);
    expect(registry.get('b1')).toMatchObject({ failureCount: 1, lastKnownAt: 500, status: 'loading' });
  });

  it('a board the server refuses for good is no longer shown from the last visit, and forgotten', async () => {
    const { socket, registry, lastKnown, connect } = await setUp({ seen: {}, offline: true });
    socket.answer('board:join', () => ({
      ok: false,
      error: { code: 'not_found', message: 'no such board' },
    }));
    registry.open('b1');
    await vi.waitFor(() => expect(registry.get('b1').lastKnownAt).toBe(500));
    connect();
    await expect(registry.ready('b1')).rejects.toMatchObject({ code: 'not_found' });
    expect(registry.get('b1')).toMatchObject({ status: 'error', view: undefined, lastKnownAt: undefined });
    await lastKnown.flush();
    expect(await lastKnown.read('b1')).toBeUndefined();
  });

  it('remembers the board as loaded and as it changes, never the last visit view itself', async () => {
    const { socket, registry, lastKnown, connect } = await setUp({ seen: {}, offline: true });
    const remember = vi.spyOn(lastKnown, 'remember');
    registry.open('b1');
    await vi.waitFor(() => expect(registry.get('b1').lastKnownAt).toBe(500));
    expect(remember).not.toHaveBeenCalled();
    connect();
    await registry.ready('b1');
    socket.serverSends('counter:updated', {
      boardId: 'b1',
      updates: [{ counterId: 'c1', value: 6, version: 6 }],
    });
    await lastKnown.flush();
    expect((await lastKnown.read('b1'))?.view.board).toMatchObject({
      name: 'Door',
      counters: [{ value: 6, version: 6 }],
    });
  });
});
