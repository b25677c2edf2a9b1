import type { Counter, ErrorCode } from '@tally/events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_FRAME_BYTES } from '../src/plugins/socket.js';
import { RawClient } from './helpers/raw-client.js';
import { connectClient, type TestClient } from './helpers/test-client.js';
import { startTestServer, type TestServer } from './helpers/test-server.js';

/**
 * Malformed input, sent through socket.io-client and as raw Engine.IO / Socket.IO frames over
 * `ws`. After each one: the server is up, another socket is still connected and answered, the
 * store is unchanged, and the sender got the documented error or was disconnected.
 */

/** What the sender must see. */
type Outcome =
  | { ack: ErrorCode }
  /** The connection is closed (only the sender's). */
  | 'disconnect'
  /** No answer at all, and the connection stays (events without an ack, stray acks). */
  | 'no-answer'
  /** A server frame starting with this text, and the connection stays. */
  | { reply: string };

interface EventRow {
  name: string;
  event: string | number;
  /** The JSON text of the arguments after the event name ("COUNTER" is the lobby counter's id). */
  args: string;
  outcome: Outcome;
  /** socket.io-client refuses to send it (reserved names) or cannot express it. */
  rawOnly?: boolean;
}

interface FrameRow {
  name: string;
  frames: Array<string | Buffer>;
  outcome: Outcome;
}

const OP = '"opId":"bad-input-op-0001"';
const megabyte = 'x'.repeat(1024 * 1024);
const invalid = { ack: 'invalid_payload' } as const;
const unknown = { ack: 'unknown_event' } as const;

const eventRows: EventRow[] = [
  {
    name: 'by as a string',
    event: 'counter:increment',
    args: `{"counterId":"COUNTER","by":"1",${OP}}`,
    outcome: invalid,
  },
  {
    name: 'fractional by',
    event: 'counter:increment',
    args: `{"counterId":"COUNTER","by":1.5,${OP}}`,
    outcome: invalid,
  },
  {
    name: 'by 1e400 (Infinity)',
    event: 'counter:increment',
    args: `{"counterId":"COUNTER","by":1e400,${OP}}`,
    outcome: invalid,
  },
  {
    name: 'by -1e400',
    event: 'counter:increment',
    args: `{"counterId":"COUNTER","by":-1e400,${OP}}`,
    outcome: invalid,
  },
  {
    name: 'by past 1000',
    event: 'counter:increment',
    args: `{"counterId":"COUNTER","by":1001,${OP}}`,
    outcome: invalid,
  },
  {
    name: 'by 0',
    event: 'counter:increment',
    args: `{"counterId":"COUNTER","by":0,${OP}}`,
    outcome: invalid,
  },
  {
    name: 'by -0',
    event: 'counter:increment',
    args: `{"counterId":"COUNTER","by":-0,${OP}}`,
    outcome: invalid,
  },
  {
    name: 'by true',
    event: 'counter:increment',
    args: `{"counterId":"COUNTER","by":true,${OP}}`,
    outcome: invalid,
  },
  {
    name: 'by null',
    event: 'counter:increment',
    args: `{"counterId":"COUNTER","by":null,${OP}}`,
    outcome: invalid,
  },
  {
    name: 'by [1]',
    event: 'counter:increment',
    args: `{"counterId":"COUNTER","by":[1],${OP}}`,
    outcome: invalid,
  },
  { name: 'no opId', event: 'counter:increment', args: '{"counterId":"COUNTER"}', outcome: invalid },
  {
    name: 'a short opId',
    event: 'counter:increment',
    args: '{"counterId":"COUNTER","opId":"short"}',
    outcome: invalid,
  },
  {
    name: 'an opId with ../',
    event: 'counter:increment',
    args: '{"counterId":"COUNTER","opId":"../../etc/passwd"}',
    outcome: invalid,
  },
  {
    name: 'a numeric opId',
    event: 'counter:increment',
    args: '{"counterId":"COUNTER","opId":12345678}',
    outcome: invalid,
  },
  {
    name: 'a numeric counterId',
    event: 'counter:increment',
    args: `{"counterId":7,${OP}}`,
    outcome: invalid,
  },
  {
    name: 'a 10 KB counterId',
    event: 'counter:increment',
    args: `{"counterId":"${'c'.repeat(10_000)}",${OP}}`,
    outcome: invalid,
  },
  {
    name: 'a NUL in counterId',
    event: 'counter:increment',
    args: `{"counterId":"COUNTER\\u0000",${OP}}`,
    outcome: invalid,
  },
  {
    name: 'an extra key',
    event: 'counter:increment',
    args: `{"counterId":"COUNTER","admin":true,${OP}}`,
    outcome: invalid,
  },
  {
    name: 'a __proto__ key',
    event: 'counter:increment',
    args: `{"counterId":"COUNTER","__proto__":{"by":1000},${OP}}`,
    outcome: invalid,
  },
  {
    name: 'a constructor key',
    event: 'counter:increment',
    args: `{"counterId":"COUNTER","constructor":{"prototype":{"x":1}},${OP}}`,
    outcome: invalid,
  },
  {
    name: 'a nested __proto__',
    event: 'counter:increment',
    args: `{"counterId":"COUNTER","by":{"__proto__":{}},${OP}}`,
    outcome: invalid,
  },
  { name: 'a null payload', event: 'counter:increment', args: 'null', outcome: invalid },
  {
    name: 'an array payload',
    event: 'counter:increment',
    args: `[{"counterId":"COUNTER",${OP}}]`,
    outcome: invalid,
  },
  { name: 'a string payload', event: 'counter:increment', args: '"COUNTER"', outcome: invalid },
  { name: 'a number payload', event: 'latency:probe', args: '42', outcome: invalid },
  { name: 'two payloads', event: 'latency:probe', args: '{"t":1},{"t":2}', outcome: invalid },
  {
    name: 'a value of 2^53',
    event: 'counter:create',
    args: '{"boardId":"lobby","name":"big","value":9007199254740992}',
    outcome: invalid,
  },
  {
    name: 'a fractional value',
    event: 'counter:create',
    args: '{"boardId":"lobby","name":"frac","value":0.5}',
    outcome: invalid,
  },
  {
    name: 'a 65-char name',
    event: 'counter:create',
    args: `{"boardId":"lobby","name":"${'n'.repeat(65)}"}`,
    outcome: invalid,
  },
  {
    name: 'a blank name',
    event: 'counter:create',
    args: '{"boardId":"lobby","name":"   "}',
    outcome: invalid,
  },
  { name: 'a boardId with ../', event: 'board:join', args: '{"boardId":"../lobby"}', outcome: invalid },
  {
    name: 'a 129-char key',
    event: 'board:join',
    args: `{"boardId":"lobby","key":"${'k'.repeat(129)}"}`,
    outcome: invalid,
  },
  { name: 'a numeric key', event: 'board:join', args: '{"boardId":"lobby","key":12345}', outcome: invalid },
  {
    name: 'an unknown presence mode',
    event: 'board:join',
    args: '{"boardId":"lobby","presence":"names"}',
    outcome: invalid,
  },
  {
    name: 'presence: true',
    event: 'board:join',
    args: '{"boardId":"lobby","presence":true}',
    outcome: invalid,
  },
  { name: 'an empty boardId', event: 'board:leave', args: '{"boardId":""}', outcome: invalid },
  {
    name: '501 characters of chat',
    event: 'chat:send',
    args: `{"boardId":"lobby","text":"${'é'.repeat(501)}"}`,
    outcome: invalid,
  },
  {
    name: 'chat text as an array',
    event: 'chat:send',
    args: '{"boardId":"lobby","text":["hi"]}',
    outcome: invalid,
  },
  {
    name: 'a 20 KB chat text',
    event: 'chat:send',
    args: `{"boardId":"lobby","text":"${'t'.repeat(20_000)}"}`,
    outcome: invalid,
  },
  { name: 't as a string', event: 'latency:probe', args: '{"t":"now"}', outcome: invalid },
  { name: 't of 1e400', event: 'latency:probe', args: '{"t":1e400}', outcome: invalid },
  {
    name: 'a 65-char rename',
    event: 'counter:rename',
    args: `{"counterId":"COUNTER","name":"${'r'.repeat(65)}"}`,
    outcome: invalid,
  },
  { name: 'a reset without opId', event: 'counter:reset', args: '{"counterId":"COUNTER"}', outcome: invalid },
  {
    name: 'a delete with an extra key',
    event: 'counter:delete',
    args: '{"counterId":"COUNTER","force":true}',
    outcome: invalid,
  },
  {
    name: 'a bad presence:focus (no ack)',
    event: 'presence:focus',
    args: '{"boardId":"lobby","counterId":5}',
    outcome: 'no-answer',
  },
  { name: 'an unknown event', event: 'counter:explode', args: '{}', outcome: unknown },
  { name: 'the event __proto__', event: '__proto__', args: '{}', outcome: unknown },
  { name: 'the event constructor', event: 'constructor', args: '{}', outcome: unknown },
  { name: 'the event error', event: 'error', args: '{}', outcome: unknown },
  { name: 'a numeric event name', event: 42, args: '{}', outcome: unknown },
  {
    name: 'a megabyte string',
    event: 'chat:send',
    args: `{"boardId":"lobby","text":"${megabyte}"}`,
    outcome: 'disconnect',
  },
  {
    name: 'the reserved event disconnect',
    event: 'disconnect',
    args: '{}',
    outcome: 'disconnect',
    rawOnly: true,
  },
  { name: 'the reserved event connect', event: 'connect', args: '{}', outcome: 'disconnect', rawOnly: true },
  {
    name: 'the reserved event newListener',
    event: 'newListener',
    args: '{}',
    outcome: 'disconnect',
    rawOnly: true,
  },
  {
    name: 'a 10 000-deep array',
    event: 'latency:probe',
    args: `${'['.repeat(10_000)}${']'.repeat(10_000)}`,
    outcome: invalid,
    rawOnly: true,
  },
];

const frameRows: FrameRow[] = [
  {
    name: 'an attachment placeholder out of range',
    frames: ['451-1["latency:probe",{"_placeholder":true,"num":7}]', Buffer.from('x')],
    outcome: 'disconnect',
  },
  {
    name: 'a binary attachment as the payload',
    frames: ['451-1["latency:probe",{"_placeholder":true,"num":0}]', Buffer.from('x')],
    outcome: invalid,
  },
  {
    name: 'a non-numeric attachment count',
    frames: ['45abc-["latency:probe",{"t":1}]'],
    outcome: 'disconnect',
  },
  { name: 'eleven attachments', frames: ['4511-["latency:probe",{"t":1}]'], outcome: 'disconnect' },
  { name: 'zero attachments', frames: ['450-["latency:probe",{"t":1}]'], outcome: 'disconnect' },
  {
    name: 'an attachment header, then text',
    frames: ['451-["latency:probe",{"_placeholder":true,"num":0}]', '42["latency:probe",{"t":1}]'],
    outcome: 'disconnect',
  },
  { name: 'binary data out of the blue', frames: [Buffer.from([1, 2, 3])], outcome: 'disconnect' },
  {
    name: 'a frame past maxHttpBufferSize',
    frames: [`42["chat:send",{"boardId":"lobby","text":"${'x'.repeat(MAX_FRAME_BYTES + 1)}"}]`],
    outcome: 'disconnect',
  },
  { name: 'garbage text', frames: ['hello world'], outcome: 'disconnect' },
  { name: 'an unknown Socket.IO packet type', frames: ['4{{{'], outcome: 'disconnect' },
  { name: 'an event that is not JSON', frames: ['42not json'], outcome: 'disconnect' },
  { name: 'an event that is an object', frames: ['42{"event":"latency:probe"}'], outcome: 'disconnect' },
  { name: 'an empty event array', frames: ['42[]'], outcome: 'disconnect' },
  { name: 'a null event name', frames: ['42[null,{}]'], outcome: 'disconnect' },
  { name: 'truncated JSON', frames: ['421["latency:probe",{"t":1}'], outcome: 'disconnect' },
  { name: 'an ack for nothing', frames: ['4399[{"ok":true}]'], outcome: 'no-answer' },
  { name: 'a connect to an unknown namespace', frames: ['40/admin,'], outcome: { reply: '44/admin,' } },
  {
    name: 'an event on an unconnected namespace',
    frames: ['42/admin,["latency:probe",{"t":1}]'],
    outcome: 'disconnect',
  },
];

let server: TestServer;
let observer: TestClient;
let counterId: string;

beforeAll(async () => {
  server = await startTestServer({ RATE_LIMIT_BURST: '1000' });
  observer = await server.connect();
  await observer.ok('board:join', { boardId: 'lobby' });
  const counter = (await server.app.store.listCounters('lobby'))[0];
  if (!counter) throw new Error('the lobby has no counter');
  counterId = counter.id;
});
afterAll(() => server.close());

function withCounter(text: string): string {
  return text.replaceAll('COUNTER', counterId);
}

async function storeState(): Promise<{ counter: Counter | null; counters: number; messages: number }> {
  const { store } = server.app;
  return {
    counter: await store.getCounter(counterId),
    counters: (await store.listCounters('lobby')).length,
    messages: (await store.recentChatMessages('lobby', 100)).length,
  };
}

/** Everything that must hold after any bad input, whoever sent it. */
async function expectUnharmed(before: Awaited<ReturnType<typeof storeState>>): Promise<void> {
  expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
  expect(observer.socket.connected).toBe(true);
  expect(await observer.request('latency:probe', { t: 1 })).toMatchObject({ ok: true });
  expect(await storeState()).toEqual(before);
}

function disconnected(client: TestClient): Promise<void> {
  return new Promise((resolve) => {
    if (!client.socket.connected) resolve();
    else client.socket.once('disconnect', () => resolve());
  });
}

async function sendThroughClient(row: EventRow): Promise<void> {
  const sender = await server.connect();
  await sender.ok('board:join', { boardId: 'lobby' });
  const args = JSON.parse(`[${withCounter(row.args)}]`) as unknown[];
  const { outcome } = row;
  if (outcome === 'disconnect') {
    const gone = disconnected(sender);
    sender.raw.emit(String(row.event), ...args);
    await gone;
    return;
  }
  if (outcome === 'no-answer') {
    let answered = false;
    (sender.raw.emit as (...all: unknown[]) => void)(row.event, ...args, () => {
      answered = true;
    });
    await sender.ok('latency:probe', { t: 0 });
    expect(answered).toBe(false);
    expect(sender.socket.connected).toBe(true);
    return;
  }
  if ('ack' in outcome) {
    expect(await sender.requestRaw(row.event, ...args)).toEqual({
      ok: false,
      error: { code: outcome.ack, message: expect.any(String) },
    });
    expect(sender.socket.connected).toBe(true);
  }
}

async function sendRaw(frames: Array<string | Buffer>, outcome: Outcome): Promise<void> {
  const sender = await RawClient.connect(server.port);
  sender.send('420["board:join",{"boardId":"lobby"}]');
  expect(await sender.ack(0)).toMatchObject({ ok: true });
  for (const frame of frames) sender.send(frame);

  if (outcome === 'disconnect') {
    await sender.closed;
    return;
  }
  if (outcome !== 'no-answer' && 'reply' in outcome) {
    expect(await sender.next((message) => message.startsWith(outcome.reply))).not.toBeNull();
  }
  if (outcome !== 'no-answer' && 'ack' in outcome) {
    expect(await sender.ack(1)).toEqual({
      ok: false,
      error: { code: outcome.ack, message: expect.any(String) },
    });
  }
  // A marker: the connection still works, and nothing else was answered before it.
  sender.send('422["latency:probe",{"t":2}]');
  expect(await sender.ack(2)).toMatchObject({ ok: true });
  if (outcome === 'no-answer') {
    expect(sender.messages.filter((message) => /^43[13]/.test(message))).toEqual([]);
  }
  sender.close();
}

describe.each(eventRows.filter((row) => !row.rawOnly))('through socket.io-client: $name', (row) => {
  it('is answered as documented and harms nobody', async () => {
    const before = await storeState();
    await sendThroughClient(row);
    await expectUnharmed(before);
  });
});

describe.each(eventRows)('as a raw frame: $name', (row) => {
  it('is answered as documented and harms nobody', async () => {
    const before = await storeState();
    await sendRaw([`421[${JSON.stringify(row.event)},${withCounter(row.args)}]`], row.outcome);
    await expectUnharmed(before);
  });
});

describe.each(frameRows)('raw frames: $name', (row) => {
  it('is answered as documented and harms nobody', async () => {
    const before = await storeState();
    await sendRaw(row.frames, row.outcome);
    await expectUnharmed(before);
  });
});

describe('at the handshake', () => {
  it('a hostile Origin is refused with 403 and harms nobody', async () => {
    const before = await storeState();
    await expect(RawClient.open(server.port, { Origin: 'https://evil.example' })).rejects.toThrow('HTTP 403');
    await expectUnharmed(before);
  });

  it('a bad auth is refused with invalid_auth and harms nobody', async () => {
    const before = await storeState();
    await expect(connectClient(server.url, { auth: { clientId: '<script>' } })).rejects.toThrow(
      'invalid_auth',
    );
    await expectUnharmed(before);
  });
});
