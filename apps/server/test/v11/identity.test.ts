import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { clientIdSchema, memberTokenSchema } from '@tally/events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBoard, newOpId, uniqueName } from '../helpers/fixtures.js';
import { readActivity } from '../helpers/http.js';
import { authOf, connectPerson, helloOf, type Person } from '../helpers/people.js';
import { connectClient, failedAck } from '../helpers/test-client.js';
import { startTestServer, startTestServerOn, type TestServer } from '../helpers/test-server.js';

/**
 * v1.1 member identity: `hello` carries a memberToken, and a handshake's clientId is honoured only
 * with its token. Without it (or with a wrong one) the socket is a new member: nobody can post,
 * point or appear under another member's clientId.
 */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ RATE_LIMIT_BURST: '1000' });
});
afterAll(() => server.close());

const connect = (options?: Parameters<TestServer['connect']>[0]) => server.connect(options);

/**
 * The token with its middle character changed: a character inside the string always carries data
 * (the last one of base64 may hold only padding bits, so changing it could decode to the same bytes).
 */
function alter(token: string): string {
  const middle = Math.floor(token.length / 2);
  const replacement = token[middle] === 'A' ? 'B' : 'A';
  return `${token.slice(0, middle)}${replacement}${token.slice(middle + 1)}`;
}

describe('hello', () => {
  it('greets every socket with a server-made clientId and a memberToken of 1–200 chars', async () => {
    const ana = await connectPerson(connect, 'Ana');
    const ben = await connectPerson(connect, 'Ben');
    for (const person of [ana, ben]) {
      expect(clientIdSchema.safeParse(person.clientId).success).toBe(true);
      expect(memberTokenSchema.safeParse(person.memberToken).success).toBe(true);
    }
    expect(ana.clientId).not.toBe(ben.clientId);
    expect(ana.memberToken).not.toBe(ben.memberToken);
  });
});

describe('a clientId with its memberToken', () => {
  it('keeps the clientId on every later handshake (another tab, a reconnect), whatever the name', async () => {
    const ana = await connectPerson(connect, 'Ana');
    const tab = await connectPerson(connect, 'Ana on her phone', {
      clientId: ana.clientId,
      memberToken: ana.memberToken,
    });
    expect(tab.clientId).toBe(ana.clientId);
    expect(tab.name).toBe('Ana on her phone');

    // The token a later hello gives proves the same clientId.
    ana.client.close();
    const back = await connectPerson(connect, 'Ana', {
      clientId: ana.clientId,
      memberToken: tab.memberToken,
    });
    expect(back.clientId).toBe(ana.clientId);
  });

  it('makes the tabs of one member one member of a board', async () => {
    const { board } = await createBoard(server);
    const ana = await connectPerson(connect, 'Ana');
    const tab = await connectPerson(connect, 'Ana', { clientId: ana.clientId, memberToken: ana.memberToken });
    await ana.client.ok('board:join', { boardId: board.id });
    const { board: snapshot } = await tab.client.ok('board:join', { boardId: board.id });
    expect(snapshot.members).toEqual([{ clientId: ana.clientId, name: 'Ana' }]);
  });
});

describe('a clientId without its memberToken', () => {
  const tokens: Array<[string, (ana: Person, ben: Person) => string | undefined]> = [
    ['without a token', () => undefined],
    ['with a wrong token', () => 'x'.repeat(200)],
    ["with a token made up from Ana's clientId", (ana) => `${ana.clientId}.${ana.clientId}`],
    ["with Ana's token altered", (ana) => alter(ana.memberToken)],
    ["with another member's token", (_ana, ben) => ben.memberToken],
  ];
  it.each(tokens)('makes a new member %s, and leaves the member it named alone', async (_label, tokenFor) => {
    const ana = await connectPerson(connect, 'Ana');
    const ben = await connectPerson(connect, 'Ben');
    const memberToken = tokenFor(ana, ben);
    const mallory = await connectPerson(connect, 'Mallory', {
      clientId: ana.clientId,
      ...(memberToken !== undefined && { memberToken }),
    });
    expect(mallory.clientId).not.toBe(ana.clientId);
    expect(mallory.clientId).not.toBe(ben.clientId);
    expect(clientIdSchema.safeParse(mallory.clientId).success).toBe(true);

    // Ana and Ben are untouched: still connected, and their tokens still prove them.
    expect(ana.client.socket.connected).toBe(true);
    expect((await connectPerson(connect, 'Ana', authOf(ana))).clientId).toBe(ana.clientId);
    expect((await connectPerson(connect, 'Ben', authOf(ben))).clientId).toBe(ben.clientId);
  });
});

describe('a memberToken of another type or length', () => {
  it.each([
    ['a number', 12345678],
    ['true', true],
    ['null', null],
    ['an object', { token: 'x' }],
    ['an array', ['x']],
    ['an empty string', ''],
    ['201 chars', 'x'.repeat(201)],
  ])('is refused with connect_error invalid_auth: %s', async (_label, memberToken) => {
    const ana = await connectPerson(connect, 'Ana');
    await expect(connect({ auth: { clientId: ana.clientId, memberToken } })).rejects.toThrow('invalid_auth');
    await expect(connect({ auth: { memberToken } })).rejects.toThrow('invalid_auth');
    // Refusing the handshake harmed nobody.
    expect(await ana.client.request('latency:probe', { t: 1 })).toMatchObject({ ok: true });
  });

  it('of exactly 200 chars is well-formed: the socket connects, as a new member', async () => {
    const ana = await connectPerson(connect, 'Ana');
    const other = await connectPerson(connect, 'Other', {
      clientId: ana.clientId,
      memberToken: 't'.repeat(200),
    });
    expect(other.clientId).not.toBe(ana.clientId);
  });
});

describe("nobody can post, point or appear under another member's clientId", () => {
  it("Mallory, claiming Ana's clientId without her token, chats, points, increments and undoes as herself", async () => {
    const { board, ownerKey } = await createBoard(server);
    const boardId = board.id;
    const olga = await connectPerson(connect, 'Olga');
    const ana = await connectPerson(connect, 'Ana');
    const ben = await connectPerson(connect, 'Ben');
    await olga.client.ok('board:join', { boardId, key: ownerKey });
    await ana.client.ok('board:join', { boardId });
    await ben.client.ok('board:join', { boardId });
    const { counter } = await olga.client.ok('counter:create', { boardId, name: uniqueName('laps') });
    const anasOp = newOpId();
    await ana.client.ok('counter:increment', { counterId: counter.id, by: 1, opId: anasOp });

    // Mallory even takes Ana's name: names are not identity, clientIds are.
    const mallory = await connectPerson(connect, 'Ana', { clientId: ana.clientId });
    expect(mallory.clientId).not.toBe(ana.clientId);
    await mallory.client.ok('board:join', { boardId });
    expect(
      await ben.client.waitFor('presence:joined', (event) => event.member.clientId === mallory.clientId),
    ).toEqual({
      boardId,
      member: { clientId: mallory.clientId, name: 'Ana' },
    });

    const sent = await mallory.client.ok('chat:send', { boardId, text: 'Ana here, please reset everything' });
    expect(sent.message.clientId).toBe(mallory.clientId);
    const heard = await ben.client.waitFor('chat:message', (event) => event.message.id === sent.message.id);
    expect(heard.message.clientId).toBe(mallory.clientId);

    mallory.client.socket.emit('presence:focus', { boardId, counterId: counter.id });
    expect(await ben.client.waitFor('presence:focus', (event) => event.counterId === counter.id)).toEqual({
      boardId,
      clientId: mallory.clientId,
      counterId: counter.id,
    });

    await mallory.client.ok('counter:increment', { counterId: counter.id, by: 7, opId: newOpId() });
    const update = await ben.client.waitFor('counter:updated', (event) =>
      event.updates.some((u) => u.counterId === counter.id && u.version === 2),
    );
    for (const actor of update.updates.flatMap((u) => u.actors ?? []))
      expect(actor.clientId).toBe(mallory.clientId);

    expect(await mallory.client.request('counter:undo', { opId: anasOp, undoOpId: newOpId() })).toEqual(
      failedAck('forbidden'),
    );
    expect(await server.app.store.getCounter(counter.id)).toMatchObject({ value: 8, version: 2 });

    // The record says who did what: Ana +1, Mallory (named "Ana") +7.
    const { entries } = await readActivity(server.url, boardId);
    const increments = entries.filter((entry) => entry.kind === 'increment');
    expect(increments.map((entry) => [entry.actor.clientId, entry.by])).toEqual([
      [mallory.clientId, 7],
      [ana.clientId, 1],
    ]);
    expect(entries.some((entry) => entry.kind === 'undo')).toBe(false);

    // The board lists two members named Ana: Ana once, and Mallory.
    const { board: snapshot } = await ben.client.ok('board:join', { boardId });
    expect(snapshot.members.filter((member) => member.clientId === ana.clientId)).toHaveLength(1);
    expect(snapshot.members).toContainEqual({ clientId: mallory.clientId, name: 'Ana' });
    // Ana heard only the real Ana's joins: Mallory's presence:joined names Mallory.
    expect(ana.client.all('presence:joined').map((event) => event.member.clientId)).not.toContain(
      ana.clientId,
    );
  });
});

describe('tokens outlive the process', () => {
  it('stay valid after a restart on the same DATA_DIR', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'tally-identity-restart-'));
    try {
      const first = await startTestServerOn(dataDir);
      const ana = await connectPerson((options) => first.connect(options), 'Ana');
      await first.close();

      const second = await startTestServerOn(dataDir);
      try {
        const back = await connectPerson((options) => second.connect(options), 'Ana', authOf(ana));
        expect(back.clientId).toBe(ana.clientId);
        // A made-up token is still refused after the restart.
        const forged = await connectPerson((options) => second.connect(options), 'Ana', {
          clientId: ana.clientId,
          memberToken: alter(ana.memberToken),
        });
        expect(forged.clientId).not.toBe(ana.clientId);
      } finally {
        await second.close();
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('MEMBER_SECRET: servers with the same secret accept each other’s tokens, a server with another does not', async () => {
    const secret = randomBytes(32).toString('hex');
    const [one, two, other] = await Promise.all([
      startTestServer({ MEMBER_SECRET: secret }),
      startTestServer({ MEMBER_SECRET: secret }),
      startTestServer({ MEMBER_SECRET: randomBytes(32).toString('hex') }),
    ]);
    try {
      const ana = await connectPerson((options) => one.connect(options), 'Ana');
      const onTwo = await connectPerson((options) => two.connect(options), 'Ana', authOf(ana));
      expect(onTwo.clientId).toBe(ana.clientId);
      const onOther = await connectPerson((options) => other.connect(options), 'Ana', authOf(ana));
      expect(onOther.clientId).not.toBe(ana.clientId);
      // And back: a token given by the second server proves the same member on the first.
      const viaTwo = await connectClient(one.url, {
        auth: { clientId: ana.clientId, memberToken: onTwo.memberToken },
      });
      try {
        expect((await helloOf(viaTwo)).clientId).toBe(ana.clientId);
      } finally {
        viaTwo.close();
      }
    } finally {
      await Promise.all([one.close(), two.close(), other.close()]);
    }
  });
});
