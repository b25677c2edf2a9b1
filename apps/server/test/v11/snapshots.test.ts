import { encode } from '@msgpack/msgpack';
import {
  BOARD_KEY_HEADER,
  type Counter,
  type CreateBoardResponse,
  createBoardResponseSchema,
  MAX_COUNTERS_PER_BOARD,
  SNAPSHOT_FORMAT_VERSION,
  SNAPSHOT_MAGIC,
  SNAPSHOT_MAX_BYTES,
  SNAPSHOT_MEDIA_TYPE,
  type SnapshotBody,
  snapshotBodySchema,
} from '@tally/events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBoard, newOpId, uniqueName } from '../helpers/fixtures.js';
import { expectHttpError, keyHeader, readActivity } from '../helpers/http.js';
import { connectPerson, joinOlgaAndAna } from '../helpers/people.js';
import {
  decodeSnapshotFile,
  encodeSnapshotFile,
  flipBit,
  withChecksum,
  withVersion,
} from '../helpers/snapshot-file.js';
import { failedAck, type TestClient } from '../helpers/test-client.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

/**
 * v1.1 binary board snapshots: `board:export` / `GET /api/boards/:id/snapshot` (owner) write the
 * board's counters to a versioned, checksummed file; `board:import` / `POST /api/boards/import`
 * (anyone) make a new board of one. Anything else than a valid file is `invalid_payload` and
 * creates nothing; binary stays refused in every other event.
 */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ RATE_LIMIT_BURST: '1000', HTTP_RATE_LIMIT_PER_MIN: '100000' });
});
afterAll(() => server.close());

const connect = (options?: Parameters<TestServer['connect']>[0]) => server.connect(options);

/** What a snapshot keeps of a counter. */
const settingsOf = ({ name, value, min, max, step, goal }: Counter) => ({
  name,
  value,
  min,
  max,
  step,
  goal,
});
const byName = <T extends { name: string }>(items: T[]) =>
  [...items].sort((a, b) => a.name.localeCompare(b.name));

/** A board with counters of every kind of setting, some changes, a chat message, its owner and a member. */
async function sourceBoard(visibility: 'public' | 'private' = 'public') {
  const keys = await createBoard(server, visibility);
  const boardId = keys.board.id;
  const { olga, ana } = await joinOlgaAndAna(connect, keys);
  const { counter: laps } = await olga.client.ok('counter:create', {
    boardId,
    name: 'Laps',
    value: 7,
    min: 0,
    max: 100,
    step: 5,
    goal: 50,
  });
  await olga.client.ok('counter:create', { boardId, name: 'Debt', value: -3 });
  await olga.client.ok('counter:create', { boardId, name: 'Zoë ✓ 🎉', max: -2 });
  await ana.client.ok('counter:increment', { counterId: laps.id, by: 1, opId: newOpId() });
  await ana.client.ok('chat:send', { boardId, text: 'not part of a snapshot' });
  const counters = await server.app.store.listCounters(boardId);
  return { keys, boardId, olga, ana, counters };
}

/** The bytes of an ack's or a response's snapshot, whichever binary type it came as. */
function bytesOf(snapshot: Uint8Array | ArrayBuffer): Buffer {
  return Buffer.from(snapshot instanceof ArrayBuffer ? new Uint8Array(snapshot) : snapshot);
}

function expectValidFile(file: Buffer, boardName: string, counters: Counter[]): SnapshotBody {
  expect(file.length).toBeLessThanOrEqual(SNAPSHOT_MAX_BYTES);
  const decoded = decodeSnapshotFile(file);
  expect(decoded).toMatchObject({
    magic: SNAPSHOT_MAGIC,
    version: SNAPSHOT_FORMAT_VERSION,
    checksumOk: true,
  });
  const body = snapshotBodySchema.parse(decoded.body);
  expect(body.name).toBe(boardName);
  expect(Math.abs(body.exportedAt - Date.now())).toBeLessThan(60_000);
  expect(byName(body.counters)).toEqual(byName(counters.map(settingsOf)));
  return body;
}

/** A new board as an import must make it: the snapshot's counters at version 0, nobody, no messages. */
function expectImported(
  created: CreateBoardResponse,
  name: string,
  counters: Counter[],
  sourceId: string,
): void {
  const { board } = created;
  expect(board.id).not.toBe(sourceId);
  expect(board).toMatchObject({ name, members: [], messages: [] });
  expect(byName(board.counters.map(settingsOf))).toEqual(byName(counters.map(settingsOf)));
  for (const counter of board.counters) {
    expect(counter).toMatchObject({ boardId: board.id, version: 0 });
    expect(counters.map((c) => c.id)).not.toContain(counter.id);
  }
  expect(created.ownerKey).toEqual(expect.any(String));
  expect(created.viewerKey).toEqual(expect.any(String));
  if (board.visibility === 'private') expect(created.accessKey).toEqual(expect.any(String));
  else expect(created).not.toHaveProperty('accessKey');
}

function getSnapshot(boardId: string, key?: string): Promise<Response> {
  return fetch(`${server.url}/api/boards/${boardId}/snapshot`, { headers: keyHeader(key) });
}

function postImport(
  query: string,
  body: Uint8Array,
  contentType: string = SNAPSHOT_MEDIA_TYPE,
): Promise<Response> {
  return fetch(`${server.url}/api/boards/import${query}`, {
    method: 'POST',
    headers: { 'content-type': contentType },
    body,
  });
}

async function publicBoardCount(): Promise<number> {
  return (await server.app.store.listPublicBoards()).length;
}

describe('board:export', () => {
  it('answers the owner with the board’s counters as a binary attachment in the documented format', async () => {
    const { keys, boardId, olga, counters } = await sourceBoard();
    const { snapshot } = await olga.client.ok('board:export', { boardId });
    expect(Buffer.isBuffer(snapshot)).toBe(true);
    expectValidFile(bytesOf(snapshot), keys.board.name, counters);
  });

  it('needs the board joined (not_joined) as its owner (forbidden for a member)', async () => {
    const { keys, boardId, ana } = await sourceBoard();
    const stranger = await connectPerson(connect, 'Stranger');
    expect(await stranger.client.request('board:export', { boardId })).toEqual(failedAck('not_joined'));
    expect(await ana.client.request('board:export', { boardId })).toEqual(failedAck('forbidden'));
    // The owner key alone is not enough: the owner must have joined with it.
    const owner = await connectPerson(connect, 'Olga elsewhere');
    expect(await owner.client.request('board:export', { boardId })).toEqual(failedAck('not_joined'));
    await owner.client.ok('board:join', { boardId, key: keys.ownerKey });
    expect(await owner.client.request('board:export', { boardId })).toMatchObject({ ok: true });
  });
});

describe('board:import', () => {
  it('makes a new board with the same counters (names, values, limits, step, goal), versions 0, nothing else', async () => {
    const { boardId, olga, counters } = await sourceBoard();
    const { snapshot } = await olga.client.ok('board:export', { boardId });
    // Anyone may import, without having joined anything.
    const importer = await connectPerson(connect, 'Importer');
    const created = await importer.client.ok('board:import', { name: '  Copy of laps  ', snapshot });
    expectImported(created, 'Copy of laps', counters, boardId);
    expect(created.board.visibility).toBe('public');

    // Its keys work, and no activity came along (at most its counters' creation).
    const owner = await connectPerson(connect, 'New owner');
    const joined = await owner.client.ok('board:join', { boardId: created.board.id, key: created.ownerKey });
    expect(joined).toMatchObject({ role: 'owner', keys: { viewerKey: created.viewerKey } });
    const wall = await connectPerson(connect, 'Wall');
    expect(
      await wall.client.ok('board:join', { boardId: created.board.id, key: created.viewerKey }),
    ).toMatchObject({
      role: 'viewer',
    });
    const { entries } = await readActivity(server.url, created.board.id);
    expect(entries.filter((entry) => entry.kind !== 'counter_created')).toEqual([]);
  });

  it('makes a private board with an access key when asked', async () => {
    const { boardId, olga, counters } = await sourceBoard();
    const { snapshot } = await olga.client.ok('board:export', { boardId });
    const importer = await connectPerson(connect, 'Importer');
    const created = await importer.client.ok('board:import', {
      name: 'Secret copy',
      snapshot,
      visibility: 'private',
    });
    expectImported(created, 'Secret copy', counters, boardId);
    expect(created.board.visibility).toBe('private');
    const outsider = await connectPerson(connect, 'Outsider');
    expect(await outsider.client.request('board:join', { boardId: created.board.id })).toEqual(
      failedAck('forbidden'),
    );
    expect(
      await outsider.client.ok('board:join', { boardId: created.board.id, key: created.accessKey ?? '' }),
    ).toMatchObject({ role: 'member' });
  });

  it('reads a file written by another tool from the documented format', async () => {
    const body: SnapshotBody = {
      name: 'Written by hand',
      exportedAt: 1_700_000_000_000,
      counters: [
        { name: 'Cups', value: 12, min: 0, max: 12, step: 2, goal: 12 },
        { name: 'Temperature', value: -40, min: -273, max: null, step: 1, goal: null },
      ],
    };
    const importer = await connectPerson(connect, 'Importer');
    const created = await importer.client.ok('board:import', {
      name: 'Hand-made',
      snapshot: encodeSnapshotFile(body),
    });
    expect(byName(created.board.counters.map(settingsOf))).toEqual(byName(body.counters));
  });

  it('imports a board without counters, and one with the most counters a board may have', async () => {
    const importer = await connectPerson(connect, 'Importer');
    const empty = encodeSnapshotFile({ name: 'Empty', exportedAt: 0, counters: [] });
    expect(
      (await importer.client.ok('board:import', { name: 'Empty', snapshot: empty })).board.counters,
    ).toEqual([]);
    const counters = Array.from({ length: MAX_COUNTERS_PER_BOARD }, (_, i) => ({
      name: `Counter ${i}`,
      value: i,
      min: null,
      max: null,
      step: 1,
      goal: null,
    }));
    const full = encodeSnapshotFile({ name: 'Full', exportedAt: 0, counters });
    const created = await importer.client.ok('board:import', { name: 'Full', snapshot: full });
    expect(created.board.counters).toHaveLength(MAX_COUNTERS_PER_BOARD);
  });
});

describe('over HTTP', () => {
  it('GET /api/boards/:id/snapshot gives the owner the same content as board:export', async () => {
    const { keys, boardId, olga, counters } = await sourceBoard('private');
    const response = await getSnapshot(boardId, keys.ownerKey);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/vnd\.tally\.board/);
    const fromHttp = expectValidFile(Buffer.from(await response.arrayBuffer()), keys.board.name, counters);
    const { snapshot } = await olga.client.ok('board:export', { boardId });
    const fromSocket = snapshotBodySchema.parse(decodeSnapshotFile(bytesOf(snapshot)).body);
    expect({ ...fromHttp, exportedAt: 0 }).toEqual({ ...fromSocket, exportedAt: 0 });
  });

  it('GET /api/boards/:id/snapshot needs the owner key: 403 without it, with the access or viewer key, 404 for no board', async () => {
    const { keys, boardId } = await sourceBoard('private');
    for (const key of [undefined, keys.accessKey, keys.viewerKey, 'not-a-key-of-this-board']) {
      await expectHttpError(await getSnapshot(boardId, key), 403, 'forbidden');
    }
    const open = await sourceBoard('public');
    await expectHttpError(await getSnapshot(open.boardId), 403, 'forbidden');
    await expectHttpError(await getSnapshot(uniqueName('nowhere'), keys.ownerKey), 404, 'not_found');
  });

  it('POST /api/boards/import makes a board like POST /api/boards: 201 with its keys', async () => {
    const { keys, boardId, counters } = await sourceBoard();
    const file = new Uint8Array(await (await getSnapshot(boardId, keys.ownerKey)).arrayBuffer());
    const response = await postImport(`?name=${encodeURIComponent('Imported ✓')}`, file);
    expect(response.status).toBe(201);
    const created = createBoardResponseSchema.parse(await response.json());
    expectImported(created, 'Imported ✓', counters, boardId);
    expect(created.board.visibility).toBe('public');

    const secret = createBoardResponseSchema.parse(
      await (await postImport('?name=Secret&visibility=private', file)).json(),
    );
    expectImported(secret, 'Secret', counters, boardId);
    expect(secret.board.visibility).toBe('private');
    const read = await fetch(`${server.url}/api/boards/${secret.board.id}`, {
      headers: { [BOARD_KEY_HEADER]: secret.accessKey ?? '' },
    });
    expect(read.status).toBe(200);
  });

  it('POST /api/boards/import takes only application/vnd.tally.board (415) and a good name and visibility (400)', async () => {
    const { keys, boardId } = await sourceBoard();
    const file = new Uint8Array(await (await getSnapshot(boardId, keys.ownerKey)).arrayBuffer());
    const before = await publicBoardCount();
    for (const type of ['application/json', 'application/octet-stream', 'text/plain']) {
      await expectHttpError(await postImport('?name=Copy', file, type), 415, 'invalid_payload');
    }
    for (const query of [
      '',
      '?name=',
      '?name=%20%20',
      `?name=${'n'.repeat(65)}`,
      '?name=Copy&visibility=secret',
    ]) {
      await expectHttpError(await postImport(query, file), 400, 'invalid_payload');
    }
    expect(await publicBoardCount()).toBe(before);
  });
});

describe('bad snapshots: invalid_payload, and no board', () => {
  const body: SnapshotBody = {
    name: 'Good',
    exportedAt: 1_700_000_000_000,
    counters: [{ name: 'Laps', value: 3, min: 0, max: 10, step: 1, goal: null }],
  };
  const good = encodeSnapshotFile(body);
  const headerBytes = SNAPSHOT_MAGIC.length + 1;
  const png = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    Buffer.alloc(120, 7),
  ]);
  const cases: Array<[string, Buffer]> = [
    ['empty', Buffer.alloc(0)],
    ['the magic alone', Buffer.from(SNAPSHOT_MAGIC)],
    ['truncated by one byte', good.subarray(0, good.length - 1)],
    ['truncated to its header', good.subarray(0, headerBytes + 4)],
    ['cut in half', good.subarray(0, Math.floor(good.length / 2))],
    ['a bit flipped in the magic', flipBit(good, 0)],
    ['a bit flipped in the version', flipBit(good, SNAPSHOT_MAGIC.length)],
    ['a bit flipped in the body', flipBit(good, headerBytes + 3, 5)],
    ['a bit flipped in the last body byte', flipBit(good, -33)],
    ['a bit flipped in the checksum', flipBit(good, -32)],
    ['a bit flipped in the last byte', flipBit(good, -1, 7)],
    ['a future format version, checksummed again', withVersion(good, SNAPSHOT_FORMAT_VERSION + 1)],
    ['format version 0, checksummed again', withVersion(good, 0)],
    ['a PNG', png],
    ['another magic', withChecksum(Buffer.concat([Buffer.from('TALLYSNAQ'), good.subarray(9, -32)]))],
    ['a body with an extra key', encodeSnapshotFile({ ...body, owner: 'me' })],
    [
      'a counter with an extra key',
      encodeSnapshotFile({ ...body, counters: [{ ...body.counters[0], id: 'x' }] }),
    ],
    [
      'a counter with min > max',
      encodeSnapshotFile({ ...body, counters: [{ ...body.counters[0], min: 5, max: 1 }] }),
    ],
    [
      'a counter outside its bounds',
      encodeSnapshotFile({ ...body, counters: [{ ...body.counters[0], value: 11 }] }),
    ],
    ['a counter with step 0', encodeSnapshotFile({ ...body, counters: [{ ...body.counters[0], step: 0 }] })],
    [
      'a counter with a 65-char name',
      encodeSnapshotFile({ ...body, counters: [{ ...body.counters[0], name: 'n'.repeat(65) }] }),
    ],
    [
      'a value past 2^53',
      encodeSnapshotFile({ ...body, counters: [{ ...body.counters[0], max: null, value: 2 ** 60 }] }),
    ],
    ['a fractional value', encodeSnapshotFile({ ...body, counters: [{ ...body.counters[0], value: 1.5 }] })],
    [
      `${MAX_COUNTERS_PER_BOARD + 1} counters`,
      encodeSnapshotFile({
        ...body,
        counters: Array.from({ length: MAX_COUNTERS_PER_BOARD + 1 }, () => body.counters[0]),
      }),
    ],
    ['a body that is a string', encodeSnapshotFile('a board')],
    ['a body without counters', encodeSnapshotFile({ name: 'Good', exportedAt: 0 })],
    ['bytes after the body, checksummed', withChecksum(Buffer.concat([good.subarray(0, -32), encode(1)]))],
    [
      'a body that is not MessagePack',
      withChecksum(Buffer.concat([good.subarray(0, headerBytes), Buffer.from([0xc1])])),
    ],
  ];

  it.each(cases)('over the socket: %s', async (_label, file) => {
    const importer = await connectPerson(connect, 'Importer');
    const before = await publicBoardCount();
    expect(await importer.client.request('board:import', { name: 'Bad', snapshot: file })).toEqual(
      failedAck('invalid_payload'),
    );
    expect(await publicBoardCount()).toBe(before);
    expect(importer.client.socket.connected).toBe(true);
  });

  it.each(cases)('over HTTP: %s', async (_label, file) => {
    const before = await publicBoardCount();
    await expectHttpError(await postImport('?name=Bad', file), 400, 'invalid_payload');
    expect(await publicBoardCount()).toBe(before);
  });

  it('over HTTP: 2 MB of bytes', async () => {
    const before = await publicBoardCount();
    const big = Buffer.concat([good.subarray(0, -32), Buffer.alloc(2 * 1024 * 1024, 1)]);
    await expectHttpError(await postImport('?name=Big', withChecksum(big)), 400, 'invalid_payload');
    await expectHttpError(
      await postImport('?name=Big', Buffer.alloc(SNAPSHOT_MAX_BYTES + 1, 1)),
      400,
      'invalid_payload',
    );
    expect(await publicBoardCount()).toBe(before);
  });

  it('over the socket: 200 KB of bytes (within the message limit) is refused, the link stays', async () => {
    const importer = await connectPerson(connect, 'Importer');
    expect(
      await importer.client.request('board:import', { name: 'Big', snapshot: Buffer.alloc(200 * 1024, 1) }),
    ).toEqual(failedAck('invalid_payload'));
    expect(await importer.client.request('latency:probe', { t: 1 })).toMatchObject({ ok: true });
  });

  it.each([
    ['base64 text', good.toString('base64')],
    ['an array of numbers', [...good]],
    ['a JSON Buffer', good.toJSON()],
    ['an object', { data: 'x' }],
    ['null', null],
  ])('over the socket, JSON instead of binary: %s', async (_label, snapshot) => {
    const importer = await connectPerson(connect, 'Importer');
    const before = await publicBoardCount();
    expect(await importer.client.requestRaw('board:import', { name: 'Json', snapshot })).toEqual(
      failedAck('invalid_payload'),
    );
    expect(await publicBoardCount()).toBe(before);
  });
});

describe('binary in any other event', () => {
  it('is refused with invalid_payload, changing nothing', async () => {
    const { boardId, olga, counters } = await sourceBoard();
    const [counter] = counters;
    if (!counter) throw new Error('no counter');
    const bytes = Buffer.from('hi');
    const attempts: Array<[string, Record<string, unknown>]> = [
      ['chat:send', { boardId, text: bytes }],
      ['counter:create', { boardId, name: bytes }],
      ['counter:increment', { counterId: counter.id, opId: Buffer.from(newOpId()) }],
      ['counter:increment', { counterId: counter.id, by: Buffer.from([1]), opId: newOpId() }],
      ['counter:rename', { counterId: counter.id, name: bytes }],
      ['board:join', { boardId: Buffer.from(boardId) }],
      ['board:export', { boardId: Buffer.from(boardId) }],
      ['latency:probe', { t: bytes }],
    ];
    const client: TestClient = olga.client;
    for (const [event, payload] of attempts) {
      expect({ event, answer: await client.requestRaw(event, payload) }).toEqual({
        event,
        answer: failedAck('invalid_payload'),
      });
    }
    expect(await client.requestRaw('chat:send', bytes)).toEqual(failedAck('invalid_payload'));
    expect(await server.app.store.listCounters(boardId)).toEqual(counters);
    expect(await server.app.store.recentChatMessages(boardId, 100)).toHaveLength(1);
    expect(client.socket.connected).toBe(true);
  });
});
