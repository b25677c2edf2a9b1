import {
  ACTOR_NAME_HEADER,
  BOARD_KEY_HEADER,
  type ErrorCode,
  SNAPSHOT_FORMAT_VERSION,
  SNAPSHOT_MAX_BYTES,
  SNAPSHOT_MEDIA_TYPE,
} from '@tally/events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ATTACHMENT_TIMEOUT_MS, MAX_TEXT_FRAME_CHARS } from '../src/realtime/bounded-parser.js';
import { createBoard, newOpId } from './helpers/fixtures.js';
import { connectPerson, helloOf } from './helpers/people.js';
import { RawClient } from './helpers/raw-client.js';
import { encodeSnapshotFile, flipBit, withVersion } from './helpers/snapshot-file.js';
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
  /**
   * The JSON text of the arguments after the event name. "COUNTER" is the lobby counter's id;
   * "OTHER_OP" an increment of another member, "RESET_OP" a reset and "UNDO_OP" an undo (see
   * beforeAll); "SNAPSHOT" stands for `snapshot`, sent as a binary attachment.
   */
  args: string;
  outcome: Outcome;
  /** socket.io-client refuses to send it (reserved names) or cannot express it. */
  rawOnly?: boolean;
  /** The sender joins the lobby as its owner (ADMIN_KEY) instead of as a member. */
  asOwner?: boolean;
  /** The binary attachment that "SNAPSHOT" in `args` stands for. */
  snapshot?: Buffer;
}

interface FrameRow {
  name: string;
  frames: Array<string | Buffer>;
  outcome: Outcome;
  /** How long the outcome may take, when the server answers on a timer of its own. */
  waitMs?: number;
}

const OP = '"opId":"bad-input-op-0001"';
const UNDO = '"undoOpId":"bad-input-undo-0001"';
const ADMIN_KEY = 'admin-key-for-the-bad-input-tests';
const megabyte = 'x'.repeat(1024 * 1024);
const invalid = { ack: 'invalid_payload' } as const;
const unknown = { ack: 'unknown_event' } as const;

/** A valid snapshot file (never sent as is: it would make a board) and the damaged ones made of it. */
const goodSnapshot = encodeSnapshotFile({
  name: 'Bad input',
  exportedAt: 0,
  counters: [{ name: 'C', value: 1, min: null, max: null, step: 1, goal: null }],
});
const importArgs = '{"name":"bad import","snapshot":"SNAPSHOT"}';
const snapshotRows: EventRow[] = [
  ['a truncated snapshot', goodSnapshot.subarray(0, -1)],
  ['a snapshot cut to its header', goodSnapshot.subarray(0, 12)],
  ['a snapshot with a bit flipped in its magic', flipBit(goodSnapshot, 0)],
  ['a snapshot with a bit flipped in its body', flipBit(goodSnapshot, 14, 3)],
  ['a snapshot with a bit flipped in its checksum', flipBit(goodSnapshot, -1)],
  ['a snapshot of a future format version', withVersion(goodSnapshot, SNAPSHOT_FORMAT_VERSION + 1)],
  ['a PNG as a snapshot', Buffer.concat([Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'), Buffer.alloc(64)])],
  ['a snapshot of 1 MB + 1 byte (within the message limit)', Buffer.alloc(SNAPSHOT_MAX_BYTES + 1, 1)],
].map(([name, snapshot]) => ({
  name: name as string,
  event: 'board:import',
  args: importArgs,
  outcome: invalid,
  snapshot: snapshot as Buffer,
}));

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
  {
    name: "an undo of someone else's increment",
    event: 'counter:undo',
    args: `{"opId":"OTHER_OP",${UNDO}}`,
    outcome: { ack: 'forbidden' },
  },
  {
    name: 'an undo of a reset',
    event: 'counter:undo',
    args: `{"opId":"RESET_OP",${UNDO}}`,
    outcome: invalid,
    asOwner: true,
  },
  {
    name: 'an undo of an undo',
    event: 'counter:undo',
    args: `{"opId":"UNDO_OP",${UNDO}}`,
    outcome: invalid,
    asOwner: true,
  },
  {
    name: 'an undo of an unknown op',
    event: 'counter:undo',
    args: `{"opId":"bad-input-unknown-op",${UNDO}}`,
    outcome: { ack: 'not_found' },
    asOwner: true,
  },
  { name: 'an undo without undoOpId', event: 'counter:undo', args: '{"opId":"OTHER_OP"}', outcome: invalid },
  {
    name: 'an undo with a numeric opId',
    event: 'counter:undo',
    args: `{"opId":12345678,${UNDO}}`,
    outcome: invalid,
  },
  {
    name: 'an undo with an extra key',
    event: 'counter:undo',
    args: `{"opId":"OTHER_OP",${UNDO},"counterId":"COUNTER"}`,
    outcome: invalid,
  },
  {
    name: 'a counter with min > max',
    event: 'counter:create',
    args: '{"boardId":"lobby","name":"bounds","min":5,"max":1}',
    outcome: invalid,
  },
  {
    name: 'a counter with a value past its max',
    event: 'counter:create',
    args: '{"boardId":"lobby","name":"bounds","value":11,"max":10}',
    outcome: { ack: 'out_of_range' },
  },
  {
    name: 'a counter with step 0',
    event: 'counter:create',
    args: '{"boardId":"lobby","name":"step","step":0}',
    outcome: invalid,
  },
  {
    name: 'a configure with min > max',
    event: 'counter:configure',
    args: '{"counterId":"COUNTER","min":5,"max":1}',
    outcome: invalid,
    asOwner: true,
  },
  {
    name: 'a configure the value breaks',
    event: 'counter:configure',
    args: '{"counterId":"COUNTER","max":-1}',
    outcome: { ack: 'out_of_range' },
    asOwner: true,
  },
  {
    name: 'a configure with step 1001',
    event: 'counter:configure',
    args: '{"counterId":"COUNTER","step":1001}',
    outcome: invalid,
    asOwner: true,
  },
  {
    name: 'a configure with a string min',
    event: 'counter:configure',
    args: '{"counterId":"COUNTER","min":"1"}',
    outcome: invalid,
    asOwner: true,
  },
  {
    name: 'a configure by a member',
    event: 'counter:configure',
    args: '{"counterId":"COUNTER","max":1000}',
    outcome: { ack: 'forbidden' },
  },
  {
    name: 'an export by a member',
    event: 'board:export',
    args: '{"boardId":"lobby"}',
    outcome: { ack: 'forbidden' },
  },
  {
    name: 'an export with an extra key',
    event: 'board:export',
    args: '{"boardId":"lobby","format":"json"}',
    outcome: invalid,
    asOwner: true,
  },
  ...snapshotRows,
  {
    name: 'a 2 MB snapshot (past the message limit)',
    event: 'board:import',
    args: importArgs,
    outcome: 'disconnect',
    snapshot: Buffer.alloc(2 * 1024 * 1024, 1),
  },
  {
    name: 'a snapshot as base64 text',
    event: 'board:import',
    args: `{"name":"bad import","snapshot":"${goodSnapshot.toString('base64')}"}`,
    outcome: invalid,
  },
  {
    name: 'a snapshot as an array of numbers',
    event: 'board:import',
    args: `{"name":"bad import","snapshot":${JSON.stringify([...goodSnapshot])}}`,
    outcome: invalid,
  },
  {
    name: 'chat text as binary',
    event: 'chat:send',
    args: '{"boardId":"lobby","text":"SNAPSHOT"}',
    outcome: invalid,
    snapshot: Buffer.from('hi'),
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
    frames: [`42["chat:send",{"boardId":"lobby","text":"${'x'.repeat(MAX_TEXT_FRAME_CHARS + 1)}"}]`],
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
  {
    // Held, it would keep the packet and the connection forever: the server gives up on it.
    name: 'a binary event whose attachment never comes',
    frames: ['451-["board:import",{"name":"x","snapshot":{"_placeholder":true,"num":0}}]'],
    outcome: 'disconnect',
    waitMs: ATTACHMENT_TIMEOUT_MS + 10_000,
  },
];

let server: TestServer;
let observer: TestClient;
let counterId: string;
/** Applied ops the undo rows name: an increment of the observer's, the owner's reset and undo. */
const ops = { OTHER_OP: newOpId(), RESET_OP: newOpId(), OWN_OP: newOpId(), UNDO_OP: newOpId() };

beforeAll(async () => {
  server = await startTestServer({ RATE_LIMIT_BURST: '1000', ADMIN_KEY });
  observer = await server.connect();
  await observer.ok('board:join', { boardId: 'lobby' });
  const counter = (await server.app.store.listCounters('lobby'))[0];
  if (!counter) throw new Error('the lobby has no counter');
  counterId = counter.id;
  const owner = await server.connect();
  await owner.ok('board:join', { boardId: 'lobby', key: ADMIN_KEY });
  await observer.ok('counter:increment', { counterId, opId: ops.OTHER_OP });
  await owner.ok('counter:reset', { counterId, opId: ops.RESET_OP });
  await owner.ok('counter:increment', { counterId, opId: ops.OWN_OP });
  await owner.ok('counter:undo', { opId: ops.OWN_OP, undoOpId: ops.UNDO_OP });
  owner.close();
});
afterAll(() => server.close());

function withCounter(text: string): string {
  return text
    .replaceAll('COUNTER', counterId)
    .replaceAll('OTHER_OP', ops.OTHER_OP)
    .replaceAll('RESET_OP', ops.RESET_OP)
    .replaceAll('UNDO_OP', ops.UNDO_OP);
}

/** The arguments with "SNAPSHOT" (a top-level field of a payload) replaced by the binary itself. */
function withSnapshot(args: unknown[], snapshot: Buffer | undefined): unknown[] {
  if (snapshot === undefined) return args;
  return args.map((arg) =>
    arg !== null && typeof arg === 'object' && !Array.isArray(arg)
      ? Object.fromEntries(
          Object.entries(arg).map(([key, value]) => [key, value === 'SNAPSHOT' ? snapshot : value]),
        )
      : arg,
  );
}

/** The raw frames of an event row with ack id 1: one text frame, or a binary header and its attachment. */
function rawEventFrames(row: EventRow): Array<string | Buffer> {
  const args = withCounter(row.args);
  if (row.snapshot === undefined) return [`421[${JSON.stringify(row.event)},${args}]`];
  const placeholder = args.replace('"SNAPSHOT"', '{"_placeholder":true,"num":0}');
  return [`451-1[${JSON.stringify(row.event)},${placeholder}]`, row.snapshot];
}

async function storeState() {
  const { store } = server.app;
  const activity = await store.listActivity('lobby', { order: 'newest_first', limit: 1 });
  return {
    counter: await store.getCounter(counterId),
    counters: (await store.listCounters('lobby')).length,
    messages: (await store.recentChatMessages('lobby', 100)).length,
    boards: (await store.listPublicBoards()).length,
    latestActivity: activity.entries[0]?.id ?? null,
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
  await sender.ok('board:join', { boardId: 'lobby', ...(row.asOwner && { key: ADMIN_KEY }) });
  const args = withSnapshot(JSON.parse(`[${withCounter(row.args)}]`) as unknown[], row.snapshot);
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

async function sendRaw(frames: Array<string | Buffer>, outcome: Outcome, asOwner = false): Promise<void> {
  const sender = await RawClient.connect(server.port);
  sender.send(
    `420["board:join",${JSON.stringify({ boardId: 'lobby', ...(asOwner && { key: ADMIN_KEY }) })}]`,
  );
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
    await sendRaw(rawEventFrames(row), row.outcome, row.asOwner);
    await expectUnharmed(before);
  });
});

describe.each(frameRows)('raw frames: $name', (row) => {
  it(
    'is answered as documented and harms nobody',
    async () => {
      const before = await storeState();
      await sendRaw(row.frames, row.outcome);
      await expectUnharmed(before);
    },
    row.waitMs,
  );
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

  it.each([
    ['a number', 12345678],
    ['an object', { forged: true }],
    ['201 chars', 't'.repeat(201)],
  ])(
    'a memberToken of another type or length (%s) is refused with invalid_auth and harms nobody',
    async (_label, memberToken) => {
      const before = await storeState();
      const { clientId } = await helloOf(observer);
      await expect(connectClient(server.url, { auth: { clientId, memberToken } })).rejects.toThrow(
        'invalid_auth',
      );
      await expectUnharmed(before);
    },
  );

  it("a forged memberToken for the observer's clientId makes a new member and harms nobody", async () => {
    const before = await storeState();
    const observerHello = await helloOf(observer);
    const forged = await connectPerson((options) => server.connect(options), 'Forger', {
      clientId: observerHello.clientId,
      memberToken: `${observerHello.memberToken.slice(0, 10)}forged${observerHello.memberToken.slice(16)}`,
    });
    expect(forged.clientId).not.toBe(observerHello.clientId);
    await forged.client.ok('board:join', { boardId: 'lobby' });
    const { message } = await forged.client.ok('chat:send', { boardId: 'lobby', text: 'who am I?' });
    expect(message.clientId).toBe(forged.clientId);
    // The chat message is the one change this made: the rest of the store is as it was.
    await expectUnharmed({ ...before, messages: before.messages + 1 });
  });

  it('a stale memberToken (from another deployment) makes a new member and harms nobody', async () => {
    const before = await storeState();
    const elsewhere = await startTestServer();
    try {
      const there = await connectPerson((options) => elsewhere.connect(options), 'Traveller');
      const here = await connectPerson((options) => server.connect(options), 'Traveller', {
        clientId: there.clientId,
        memberToken: there.memberToken,
      });
      expect(here.clientId).not.toBe(there.clientId);
    } finally {
      await elsewhere.close();
    }
    await expectUnharmed(before);
  });
});

interface HttpRow {
  name: string;
  /** The request, given the ids of the test's private board and of the lobby counter. */
  request: (ids: { privateBoardId: string; counterId: string }) => Promise<Response>;
  status: number;
  code: ErrorCode;
}

const httpRows: HttpRow[] = [
  {
    name: 'the activity CSV of a private board without a key',
    request: ({ privateBoardId }) => fetch(`${server.url}/api/boards/${privateBoardId}/activity.csv`),
    status: 403,
    code: 'forbidden',
  },
  {
    name: 'the activity of a private board without a key',
    request: ({ privateBoardId }) => fetch(`${server.url}/api/boards/${privateBoardId}/activity`),
    status: 403,
    code: 'forbidden',
  },
  {
    name: 'an activity page of limit 0',
    request: () => fetch(`${server.url}/api/boards/lobby/activity?limit=0`),
    status: 400,
    code: 'invalid_payload',
  },
  {
    name: 'a malformed activity cursor',
    request: () => fetch(`${server.url}/api/boards/lobby/activity?before=x'%20OR%201=1`),
    status: 400,
    code: 'invalid_payload',
  },
  {
    name: 'the lobby snapshot without the owner key',
    request: () => fetch(`${server.url}/api/boards/lobby/snapshot`),
    status: 403,
    code: 'forbidden',
  },
  {
    name: "a private board's snapshot with a wrong key",
    request: ({ privateBoardId }) =>
      fetch(`${server.url}/api/boards/${privateBoardId}/snapshot`, {
        headers: { [BOARD_KEY_HEADER]: 'wrong' },
      }),
    status: 403,
    code: 'forbidden',
  },
  ...(
    [
      ['a truncated snapshot', goodSnapshot.subarray(0, -1)],
      ['a bit-flipped snapshot', flipBit(goodSnapshot, 20)],
      ['a snapshot of a future version', withVersion(goodSnapshot, SNAPSHOT_FORMAT_VERSION + 1)],
      ['2 MB of bytes', Buffer.alloc(2 * 1024 * 1024, 1)],
    ] as const
  ).map(([name, body]) => ({
    name: `an import of ${name}`,
    request: () =>
      fetch(`${server.url}/api/boards/import?name=bad`, {
        method: 'POST',
        headers: { 'content-type': SNAPSHOT_MEDIA_TYPE },
        body,
      }),
    status: 400,
    code: 'invalid_payload' as const,
  })),
  {
    name: 'an import sent as JSON',
    request: () =>
      fetch(`${server.url}/api/boards/import?name=bad`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ snapshot: goodSnapshot.toString('base64') }),
      }),
    status: 415,
    code: 'invalid_payload',
  },
  {
    name: 'an increment with a 33-char x-actor-name',
    request: ({ counterId: id }) =>
      fetch(`${server.url}/api/counters/${id}/increment`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [ACTOR_NAME_HEADER]: 'a'.repeat(33) },
        body: '{}',
      }),
    status: 400,
    code: 'invalid_payload',
  },
];

describe.each(httpRows)('over HTTP: $name', (row) => {
  it('is answered as documented and harms nobody', async () => {
    const { board } = await createBoard(server, 'private');
    const before = await storeState();
    const response = await row.request({ privateBoardId: board.id, counterId });
    expect({ status: response.status, body: await response.json() }).toEqual({
      status: row.status,
      body: { error: { code: row.code, message: expect.any(String) } },
    });
    await expectUnharmed(before);
  });
});
