import type { BoardSnapshot } from '@tally/events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { STORAGE_KEYS } from '../storage/client-storage.js';
import { memoryStorage } from '../storage/memory-storage.js';
import type { BoardView } from './board-view.js';
import { createLastKnownBoards, MAX_LAST_KNOWN_BOARDS } from './last-known-boards.js';

function viewOf(id: string, changes: Partial<BoardSnapshot> = {}): BoardView {
  return {
    board: {
      id,
      name: `Board ${id}`,
      visibility: 'private',
      counters: [
        {
          id: `${id}-c1`,
          boardId: id,
          name: 'Count',
          value: 7,
          version: 7,
          min: null,
          max: null,
          step: 1,
          goal: 10,
        },
      ],
      members: [{ clientId: 'member-0001', name: 'Ana' }],
      memberCount: 12,
      messages: [],
      ...changes,
    },
    role: 'owner',
    keys: { viewerKey: 'viewer-secret-key', accessKey: 'access-secret-key' },
    loadedAt: 1,
  };
}

function setUp() {
  const storage = memoryStorage();
  let now = 5_000;
  const lastKnown = createLastKnownBoards({ storage, now: () => now });
  return { storage, lastKnown, later: (ms: number) => (now += ms) };
}

afterEach(() => vi.useRealTimers());

describe('last known boards', () => {
  it('keeps what the board showed and when, without its keys or who was there', async () => {
    const { storage, lastKnown } = setUp();
    lastKnown.remember(viewOf('b1'));
    await lastKnown.flush();
    const found = await lastKnown.read('b1');
    expect(found).toEqual({
      savedAt: 5_000,
      view: {
        board: { ...viewOf('b1').board, members: [], memberCount: undefined },
        role: 'owner',
        loadedAt: 5_000,
      },
    });
    expect(JSON.stringify(await storage.get(STORAGE_KEYS.lastKnownBoards))).not.toContain('secret');
    expect(await lastKnown.read('b2')).toBeUndefined();
  });

  it('keeps the latest 50 chat messages of a board', async () => {
    const { lastKnown } = setUp();
    const messages = Array.from({ length: 80 }, (_, n) => ({
      id: `m${n}`,
      clientId: 'member-0001',
      name: 'Ana',
      text: `message ${n}`,
      at: n,
    }));
    lastKnown.remember(viewOf('b1', { messages }));
    await lastKnown.flush();
    const kept = (await lastKnown.read('b1'))?.view.board.messages;
    expect(kept).toHaveLength(50);
    expect(kept?.[0]?.id).toBe('m30');
  });

  it('writes at most once a second, the latest view of each board', async () => {
    vi.useFakeTimers();
    const { storage, lastKnown } = setUp();
    const update = vi.spyOn(storage, 'update');
    for (let value = 1; value <= 20; value += 1) {
      lastKnown.remember(viewOf('b1', { name: `Name ${value}` }));
      await vi.advanceTimersByTimeAsync(100);
    }
    // 2 s of changes every 100 ms: two writes, not twenty.
    expect(update).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(update).toHaveBeenCalledTimes(2);
    expect((await lastKnown.read('b1'))?.view.board.name).toBe('Name 20');
  });

  it('keeps only the boards seen most recently', async () => {
    const { lastKnown, later } = setUp();
    for (let n = 1; n <= MAX_LAST_KNOWN_BOARDS + 2; n += 1) {
      lastKnown.remember(viewOf(`b${n}`));
      await lastKnown.flush();
      later(1_000);
    }
    // Seen again: the oldest kept board becomes the newest.
    lastKnown.remember(viewOf('b3'));
    await lastKnown.flush();
    lastKnown.remember(viewOf('b8'));
    await lastKnown.flush();
    const kept = [];
    for (let n = 1; n <= 8; n += 1) if ((await lastKnown.read(`b${n}`)) !== undefined) kept.push(`b${n}`);
    expect(kept).toEqual(['b3', 'b5', 'b6', 'b7', 'b8']);
  });

  it('forgets a board the server refused', async () => {
    const { lastKnown } = setUp();
    lastKnown.remember(viewOf('b1'));
    lastKnown.remember(viewOf('b2'));
    await lastKnown.flush();
    lastKnown.forget('b1');
    await lastKnown.flush();
    expect(await lastKnown.read('b1')).toBeUndefined();
    expect(await lastKnown.read('b2')).toBeDefined();
  });

  it('drops what fails the contract (another version of the app wrote it) and keeps the rest', async () => {
    const { storage, lastKnown } = setUp();
    lastKnown.remember(viewOf('b1'));
    await lastKnown.flush();
    const stored = (await storage.get(STORAGE_KEYS.lastKnownBoards)) as { boards: unknown[] };
    await storage.set(STORAGE_KEYS.lastKnownBoards, {
      version: 1,
      boards: [
        { savedAt: 1, role: 'member', board: { id: 'b2', counters: 'many' } },
        { savedAt: 1, role: 'emperor', board: viewOf('b3').board },
        ...stored.boards,
      ],
    });
    expect(await lastKnown.read('b2')).toBeUndefined();
    expect(await lastKnown.read('b3')).toBeUndefined();
    expect((await lastKnown.read('b1'))?.view.board.name).toBe('Board b1');
    await storage.set(STORAGE_KEYS.lastKnownBoards, { version: 2, boards: stored.boards });
    expect(await lastKnown.read('b1')).toBeUndefined();
  });
});
