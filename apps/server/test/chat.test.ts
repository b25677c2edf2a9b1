import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBoard } from './helpers/fixtures.js';
import { connectPerson } from './helpers/people.js';
import { startTestServer, type TestServer } from './helpers/test-server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe('chat:send', () => {
  it('sends chat:message to the board, sender included, nobody else', async () => {
    const { board } = await createBoard(server);
    const { board: other } = await createBoard(server);
    // The message names the clientId the server gave Ana (v1.1: hello says which).
    const { client: ana, clientId: anaId } = await connectPerson((options) => server.connect(options), 'Ana');
    const ben = await server.connect();
    const cleo = await server.connect();
    await ana.ok('board:join', { boardId: board.id });
    await ben.ok('board:join', { boardId: board.id });
    await cleo.ok('board:join', { boardId: other.id });

    const { message } = await ana.ok('chat:send', { boardId: board.id, text: 'hello board' });
    expect(message).toEqual({
      id: expect.any(String),
      clientId: anaId,
      name: 'Ana',
      text: 'hello board',
      at: expect.any(Number),
    });
    expect(await ana.waitFor('chat:message')).toEqual({ boardId: board.id, message });
    expect(await ben.waitFor('chat:message')).toEqual({ boardId: board.id, message });
    await cleo.ok('latency:probe', { t: 0 });
    expect(cleo.all('chat:message')).toEqual([]);
  });

  it('keeps the text as data: HTML and every Unicode character verbatim, only trimmed', async () => {
    const { board } = await createBoard(server);
    const ana = await server.connect();
    await ana.ok('board:join', { boardId: board.id });
    const hostile = '<img src=x onerror=alert(1)> & "quotes" \u202e 👩‍👩‍👧 \u0000';
    const { message } = await ana.ok('chat:send', { boardId: board.id, text: `  ${hostile}\n` });
    expect(message.text).toBe(hostile);
    expect((await server.app.store.recentChatMessages(board.id, 1))[0]?.text).toBe(hostile);
  });

  it('counts code points, not UTF-16 units: 500 emoji pass, 501 do not', async () => {
    const { board } = await createBoard(server);
    const ana = await server.connect();
    await ana.ok('board:join', { boardId: board.id });
    expect(await ana.request('chat:send', { boardId: board.id, text: '😀'.repeat(500) })).toMatchObject({
      ok: true,
    });
    expect(await ana.request('chat:send', { boardId: board.id, text: '😀'.repeat(501) })).toMatchObject({
      ok: false,
      error: { code: 'invalid_payload' },
    });
    expect(await ana.request('chat:send', { boardId: board.id, text: '   ' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_payload' },
    });
  });

  it('needs the board joined', async () => {
    const { board } = await createBoard(server);
    const ana = await server.connect();
    expect(await ana.request('chat:send', { boardId: board.id, text: 'hi' })).toMatchObject({
      ok: false,
      error: { code: 'not_joined' },
    });
  });
});
