import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BoardSnapshot, ChatMessage } from '@tally/events';
import { startTallyServer, type TallyServer } from '@tally/testbed';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTallyClient, type TallyClient } from './create-client.js';
import { STORAGE_KEYS } from './storage/client-storage.js';
import { fileStorage } from './storage/file-storage.js';
import { memoryStorage } from './storage/memory-storage.js';

let server: TallyServer;
const clients: TallyClient[] = [];

beforeAll(async () => {
  // The server's source through tsx: the client's tests need no build. Ready = it serves sockets.
  server = await startTallyServer({ entry: 'source', readyPath: '/api/ready' });
}, 40_000);
afterAll(async () => {
  await server?.dispose();
});
afterEach(() => {
  for (const client of clients.splice(0)) client.close();
});

function nodeClient(options: Parameters<typeof createTallyClient>[0] = {}): TallyClient {
  const client = createTallyClient({ url: server.url, storage: memoryStorage(), ...options });
  clients.push(client);
  return client;
}

/** The server's JSON at an API path. */
async function getJson<T>(path: string): Promise<T> {
  return (await (await fetch(`${server.url}${path}`)).json()) as T;
}

async function serverValue(boardId: string, counterId: string): Promise<number | undefined> {
  const board = await getJson<BoardSnapshot>(`/api/boards/${boardId}`);
  return board.counters.find((counter) => counter.id === counterId)?.value;
}

describe('@tally/client against a real server', () => {
  it('joins a board, shows a click at once and confirms it exactly once', async () => {
    const client = nodeClient({ name: 'Bot' });
    client.openBoard('lobby');
    const view = await client.boardReady('lobby');
    const counter = view.board.counters[0];
    if (counter === undefined) throw new Error('the lobby has no counter');
    expect(client.connection.get().kind).toBe('connected');
    expect(client.identity.get()).toMatchObject({ greetedName: 'Bot' });

    client.increment('lobby', counter.id, 2);
    expect(client.pendingOps.get()).toHaveLength(1);
    await vi.waitFor(() => expect(client.pendingOps.get()).toHaveLength(0));
    expect(client.getBoard('lobby').view?.board.counters[0]?.value).toBe(counter.value + 2);
    expect(await serverValue('lobby', counter.id)).toBe(counter.value + 2);
  });

  it('keeps clicks made while disconnected and sends each once when the link is back', async () => {
    const client = nodeClient();
    client.openBoard('lobby');
    const counter = (await client.boardReady('lobby')).board.counters[0];
    if (counter === undefined) throw new Error('the lobby has no counter');
    const start = (await serverValue('lobby', counter.id)) ?? 0;

    client.socket.disconnect();
    for (let n = 0; n < 3; n += 1) client.increment('lobby', counter.id, 1);
    expect(client.pendingOps.get()).toHaveLength(3);
    await new Promise((done) => setTimeout(done, 200));
    expect(await serverValue('lobby', counter.id)).toBe(start);

    client.socket.connect();
    await vi.waitFor(() => expect(client.pendingOps.get()).toHaveLength(0), { timeout: 10_000 });
    expect(await serverValue('lobby', counter.id)).toBe(start + 3);
  });

  it('sends the clicks an earlier run left in storage, though this run makes none', async () => {
    const storage = memoryStorage();
    const counterId = (await getJson<BoardSnapshot>('/api/boards/lobby')).counters[0]?.id;
    if (counterId === undefined) throw new Error('the lobby has no counter');
    const start = (await serverValue('lobby', counterId)) ?? 0;
    const earlier = nodeClient({ storage, socketOptions: { autoConnect: false } });
    earlier.increment('lobby', counterId, 2);
    await vi.waitFor(async () =>
      expect(await storage.get(STORAGE_KEYS.pendingOps)).toMatchObject({ ops: [{}] }),
    );
    earlier.close();

    const later = nodeClient({ storage });
    await later.ready;
    expect(later.pendingOps.get()).toHaveLength(1);
    await vi.waitFor(() => expect(later.pendingOps.get()).toHaveLength(0), { timeout: 10_000 });
    expect(await serverValue('lobby', counterId)).toBe(start + 2);
  });

  it('hears another client’s clicks as validated events, with who made them', async () => {
    const watcher = nodeClient({ name: 'Watcher' });
    const clicker = nodeClient({ name: 'Clicker' });
    watcher.openBoard('lobby');
    clicker.openBoard('lobby');
    const counter = (await watcher.boardReady('lobby')).board.counters[0];
    await clicker.boardReady('lobby');
    if (counter === undefined) throw new Error('the lobby has no counter');
    const heard = vi.fn();
    watcher.on('counter:updated', heard);

    clicker.increment('lobby', counter.id, 1);
    await vi.waitFor(() => expect(heard).toHaveBeenCalled());
    expect(heard.mock.calls[0]?.[0].updates[0].actors).toEqual([
      expect.objectContaining({ name: 'Clicker', delta: 1 }),
    ]);
    expect(watcher.protocolErrors.get()).toBe(0);
  });

  it('keeps its identity in a file across runs (a bot is the same member tomorrow)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tally-identity-'));
    try {
      const first = nodeClient({ storage: fileStorage(join(dir, 'state.json')) });
      await vi.waitFor(() => expect(first.identity.get().clientId).not.toBe(''));
      const { clientId } = first.identity.get();
      // The identity is written once the server handed it out.
      await new Promise((done) => setTimeout(done, 100));
      first.close();

      const second = nodeClient({ storage: fileStorage(join(dir, 'state.json')) });
      await vi.waitFor(() => expect(second.connection.get().kind).toBe('connected'));
      await vi.waitFor(() => expect(second.identity.get().greetedName).not.toBe(''));
      expect(second.identity.get().clientId).toBe(clientId);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses a board that does not exist with a final error', async () => {
    const client = nodeClient();
    client.openBoard('no-such-board');
    await expect(client.boardReady('no-such-board')).rejects.toMatchObject({ code: 'not_found' });
    expect(client.getBoard('no-such-board').status).toBe('error');
  });

  it('pages back through a board’s chat with checked pages', async () => {
    const response = await fetch(`${server.url}/api/boards`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Chat pages' }),
    });
    const boardId = ((await response.json()) as { board: BoardSnapshot }).board.id;
    const client = nodeClient({ name: 'Reader' });
    client.openBoard(boardId);
    await client.boardReady(boardId);
    const sent: ChatMessage[] = [];
    for (const text of ['one', 'two', 'three']) {
      const ack = await client.sendChat(boardId, text);
      if (ack.ok) sent.push(ack.message);
    }

    expect(await client.chatHistory(boardId, { before: sent[2]?.id, limit: 1 })).toEqual({
      ok: true,
      messages: [sent[1]],
      hasMore: true,
    });
    expect(await client.chatHistory(boardId, { before: sent[1]?.id })).toEqual({
      ok: true,
      messages: [sent[0]],
      hasMore: false,
    });
    expect(client.protocolErrors.get()).toBe(0);
  });
});
