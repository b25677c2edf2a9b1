import { CHAT_PAGE_MAX, type ChatMessage } from '@tally/events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBoard } from './helpers/fixtures.js';
import { failedAck, type TestClient } from './helpers/test-client.js';
import { startTestServer, type TestServer } from './helpers/test-server.js';

/** `chat:history` (added for the web app): paging back through a board's chat over the socket. */

let server: TestServer;
beforeAll(async () => {
  // 120 messages from one socket in a row: more than the default burst of the rate limit.
  server = await startTestServer({ RATE_LIMIT_BURST: '1000' });
});
afterAll(() => server.close());

/** A successful `chat:history` answer. */
function page(messages: ChatMessage[], hasMore: boolean) {
  return { ok: true, messages, hasMore };
}

/** Sends `count` numbered messages ("message 1" first) and returns them as the acks gave them. */
async function sendMessages(client: TestClient, boardId: string, count: number): Promise<ChatMessage[]> {
  const sent: ChatMessage[] = [];
  for (let n = 1; n <= count; n++)
    sent.push((await client.ok('chat:send', { boardId, text: `message ${n}` })).message);
  return sent;
}

describe('chat:history', () => {
  it('pages back from the snapshot in pages of 50 to the first message, then says there is no more', async () => {
    const { board } = await createBoard(server);
    const ana = await server.connect();
    await ana.ok('board:join', { boardId: board.id });
    const sent = await sendMessages(ana, board.id, 120);

    const reader = await server.connect();
    const { board: snapshot } = await reader.ok('board:join', { boardId: board.id });
    expect(snapshot.messages).toEqual(sent.slice(70));

    const second = await reader.request('chat:history', {
      boardId: board.id,
      before: snapshot.messages[0]?.id,
    });
    expect(second).toEqual(page(sent.slice(20, 70), true));
    const third = await reader.request('chat:history', {
      boardId: board.id,
      before: second.ok ? second.messages[0]?.id : undefined,
    });
    expect(third).toEqual(page(sent.slice(0, 20), false));
    expect(await reader.request('chat:history', { boardId: board.id, before: sent[0]?.id })).toEqual(
      page([], false),
    );
  });

  it('takes a limit of 1 to 200 and gives the latest messages without a cursor', async () => {
    const { board } = await createBoard(server);
    const ana = await server.connect();
    await ana.ok('board:join', { boardId: board.id });
    const sent = await sendMessages(ana, board.id, 5);

    expect(await ana.request('chat:history', { boardId: board.id, limit: 2 })).toEqual(
      page(sent.slice(3), true),
    );
    expect(await ana.request('chat:history', { boardId: board.id, before: sent[3]?.id, limit: 3 })).toEqual(
      page(sent.slice(0, 3), false),
    );
    expect(await ana.request('chat:history', { boardId: board.id, limit: CHAT_PAGE_MAX })).toEqual(
      page(sent, false),
    );
  });

  it('refuses a bad cursor or limit with invalid_payload, and answers a message kept elsewhere with nothing', async () => {
    const { board } = await createBoard(server);
    const { board: other } = await createBoard(server);
    const ana = await server.connect();
    await ana.ok('board:join', { boardId: board.id });
    await ana.ok('board:join', { boardId: other.id });
    await sendMessages(ana, board.id, 3);
    const [elsewhere] = await sendMessages(ana, other.id, 1);

    const refused = [
      { boardId: board.id, before: '' },
      { boardId: board.id, before: 'not a message id' },
      { boardId: board.id, before: 'x'.repeat(65) },
      { boardId: board.id, before: 42 },
      { boardId: board.id, limit: 0 },
      { boardId: board.id, limit: CHAT_PAGE_MAX + 1 },
      { boardId: board.id, limit: 2.5 },
      { boardId: board.id, limit: '10' },
      { boardId: board.id, cursor: 'abc' },
      { before: elsewhere?.id },
    ];
    for (const payload of refused) {
      expect(await ana.requestRaw('chat:history', payload), JSON.stringify(payload)).toEqual(
        failedAck('invalid_payload'),
      );
    }
    // A message of another board (or one no longer kept) has nothing before it on this one.
    expect(await ana.request('chat:history', { boardId: board.id, before: elsewhere?.id })).toEqual(
      page([], false),
    );
  });

  it('needs the board joined, so a private board stays closed without its key', async () => {
    const keys = await createBoard(server, 'private');
    const boardId = keys.board.id;
    const ana = await server.connect();
    await ana.ok('board:join', { boardId, key: keys.accessKey });
    await sendMessages(ana, boardId, 2);

    const mallory = await server.connect();
    expect(await mallory.request('chat:history', { boardId })).toEqual(failedAck('not_joined'));
    expect(await mallory.request('board:join', { boardId })).toEqual(failedAck('forbidden'));
    expect(await mallory.request('chat:history', { boardId })).toEqual(failedAck('not_joined'));

    await ana.ok('board:leave', { boardId });
    expect(await ana.request('chat:history', { boardId })).toEqual(failedAck('not_joined'));
  });

  it('lets a viewer read the history it cannot write to', async () => {
    const keys = await createBoard(server, 'private');
    const boardId = keys.board.id;
    const ana = await server.connect();
    await ana.ok('board:join', { boardId, key: keys.accessKey });
    const sent = await sendMessages(ana, boardId, 3);

    const wall = await server.connect();
    expect((await wall.ok('board:join', { boardId, key: keys.viewerKey })).role).toBe('viewer');
    expect(await wall.request('chat:history', { boardId, before: sent[2]?.id })).toEqual(
      page(sent.slice(0, 2), false),
    );
    expect(await wall.request('chat:send', { boardId, text: 'from the wall' })).toEqual(
      failedAck('forbidden'),
    );
  });
});
