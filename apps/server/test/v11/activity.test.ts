import { ACTIVITY_CSV_HEADER, type ActivityEntry, HTTP_ACTOR_NAME } from '@tally/events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBoard, newOpId, uniqueName } from '../helpers/fixtures.js';
import {
  expectHttpError,
  fetchActivity,
  incrementOverHttp,
  keyHeader,
  postIncrement,
  readActivity,
} from '../helpers/http.js';
import { connectPerson, joinOlgaAndAna, type Person } from '../helpers/people.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

/**
 * v1.1 activity: every applied change recorded with its actor and time, read newest first a page
 * at a time (`GET /api/boards/:id/activity`) or whole, oldest first, as CSV (`…/activity.csv`).
 */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ RATE_LIMIT_BURST: '1000', HTTP_RATE_LIMIT_PER_MIN: '100000' });
});
afterAll(() => server.close());

const connect = (options?: Parameters<TestServer['connect']>[0]) => server.connect(options);

/** A board with its owner Olga and a member Ana, both joined. */
async function board(visibility: 'public' | 'private' = 'public') {
  const created = await createBoard(server, visibility);
  const boardId = created.board.id;
  const { olga, ana } = await joinOlgaAndAna(connect, created);
  return { ...created, boardId, olga, ana };
}

const actorOf = (person: Person) => ({ clientId: person.clientId, name: person.name });
const httpActor = (name: string) => ({ clientId: null, name });

/** An entry as the tests spell it: everything but its id and time. */
type Recorded = Omit<ActivityEntry, 'id' | 'at'>;
const withoutIdAndTime = ({ id: _id, at: _at, ...rest }: ActivityEntry): Recorded => rest;

function expectNewestFirst(entries: ActivityEntry[]): void {
  const ids = entries.map((entry) => BigInt(entry.id));
  for (let i = 1; i < ids.length; i++) expect(ids[i]).toBeLessThan(ids[i - 1] ?? 0n);
}

describe('what is recorded', () => {
  it('records every kind of change with its actor, its time and the value after it, newest first', async () => {
    const { boardId, olga, ana } = await board();
    const name = uniqueName('Laps');
    const renamed = uniqueName('Rounds');
    const startedAt = Date.now();
    const { counter } = await olga.client.ok('counter:create', { boardId, name, value: 10 });
    const anasOp = newOpId();
    await ana.client.ok('counter:increment', { counterId: counter.id, by: 2, opId: anasOp });
    await incrementOverHttp(server.url, counter.id, { by: 3, actorName: 'Deploy bot' });
    await incrementOverHttp(server.url, counter.id, { by: 1 });
    expect(await ana.client.ok('counter:undo', { opId: anasOp, undoOpId: newOpId() })).toMatchObject({
      value: 14,
    });
    await olga.client.ok('counter:configure', { counterId: counter.id, max: 100 });
    await olga.client.ok('counter:reset', { counterId: counter.id, opId: newOpId() });
    await olga.client.ok('counter:rename', { counterId: counter.id, name: renamed });
    await olga.client.ok('counter:delete', { counterId: counter.id });
    const endedAt = Date.now();

    const { entries, nextCursor } = await readActivity(server.url, boardId);
    const on = { counterId: counter.id, counterName: name };
    expect(entries.map(withoutIdAndTime)).toEqual([
      { kind: 'counter_deleted', counterId: counter.id, counterName: renamed, actor: actorOf(olga) },
      { kind: 'counter_renamed', counterId: counter.id, counterName: renamed, actor: actorOf(olga) },
      { kind: 'reset', ...on, by: -14, value: 0, actor: actorOf(olga) },
      { kind: 'counter_configured', ...on, actor: actorOf(olga) },
      { kind: 'undo', ...on, by: -2, value: 14, actor: actorOf(ana) },
      { kind: 'increment', ...on, by: 1, value: 16, actor: httpActor(HTTP_ACTOR_NAME) },
      { kind: 'increment', ...on, by: 3, value: 15, actor: httpActor('Deploy bot') },
      { kind: 'increment', ...on, by: 2, value: 12, actor: actorOf(ana) },
      { kind: 'counter_created', ...on, value: 10, actor: actorOf(olga) },
    ]);
    // Entries without an amount or a value leave the keys out (never null).
    for (const entry of entries.filter((e) => e.kind.startsWith('counter_')))
      expect(entry).not.toHaveProperty('by');
    expect(nextCursor).toBeNull();
    expectNewestFirst(entries);
    for (const entry of entries) {
      expect(entry.at).toBeGreaterThanOrEqual(startedAt);
      expect(entry.at).toBeLessThanOrEqual(endedAt);
    }
    const times = entries.map((entry) => entry.at);
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it('merges one member’s rapid increments on one counter, never across members, counters or HTTP calls', async () => {
    const { boardId, olga, ana } = await board();
    const ben = await connectPerson(connect, 'Ben');
    await ben.client.ok('board:join', { boardId });
    const { counter: laps } = await olga.client.ok('counter:create', { boardId, name: 'Laps' });
    const { counter: goals } = await olga.client.ok('counter:create', { boardId, name: 'Goals' });

    // Sent together, so that all arrive well within the second of the first.
    await Promise.all(
      [1, 2, 3].map((by) => ana.client.ok('counter:increment', { counterId: laps.id, by, opId: newOpId() })),
    );
    await ana.client.ok('counter:increment', { counterId: goals.id, by: 4, opId: newOpId() });
    await Promise.all(
      [5, 5].map((by) => ben.client.ok('counter:increment', { counterId: laps.id, by, opId: newOpId() })),
    );
    await incrementOverHttp(server.url, laps.id, { actorName: 'Bot' });
    await incrementOverHttp(server.url, laps.id, { actorName: 'Bot' });

    const { entries } = await readActivity(server.url, boardId);
    const onLaps = { counterId: laps.id, counterName: 'Laps' };
    expect(entries.map(withoutIdAndTime)).toEqual([
      { kind: 'increment', ...onLaps, by: 1, value: 18, actor: httpActor('Bot') },
      { kind: 'increment', ...onLaps, by: 1, value: 17, actor: httpActor('Bot') },
      { kind: 'increment', ...onLaps, by: 10, value: 16, actor: actorOf(ben) },
      { kind: 'increment', counterId: goals.id, counterName: 'Goals', by: 4, value: 4, actor: actorOf(ana) },
      { kind: 'increment', ...onLaps, by: 6, value: 6, actor: actorOf(ana) },
      { kind: 'counter_created', counterId: goals.id, counterName: 'Goals', value: 0, actor: actorOf(olga) },
      { kind: 'counter_created', ...onLaps, value: 0, actor: actorOf(olga) },
    ]);
  });
});

describe('x-actor-name', () => {
  it('names HTTP changes: percent-encoded UTF-8 decoded, trimmed, 1–32 chars', async () => {
    const { boardId, olga } = await board();
    const { counter } = await olga.client.ok('counter:create', { boardId, name: 'C' });
    const thirtyTwo = 'é'.repeat(32);
    // Spaces percent-encoded, as fetch would strip bare ones at the ends of a header before sending it.
    for (const header of ['Zo%C3%AB%20Bot', '%20%20padded%20', '%41na', encodeURIComponent(thirtyTwo)]) {
      await incrementOverHttp(server.url, counter.id, { actorName: header });
    }
    const { entries } = await readActivity(server.url, boardId);
    expect(entries.slice(0, 4).map((entry) => entry.actor)).toEqual([
      httpActor(thirtyTwo),
      httpActor('Ana'),
      httpActor('padded'),
      httpActor('Zoë Bot'),
    ]);
  });

  it.each([
    ['33 chars', 'x'.repeat(33)],
    ['33 chars once decoded', encodeURIComponent('é'.repeat(33))],
    ['blank once decoded', '%20%20'],
    ['bad percent-encoding', '%E9'],
    ['a lone %', '100%'],
  ])('refuses %s with 400 invalid_payload, changing nothing', async (_label, header) => {
    const { boardId, olga } = await board();
    const { counter } = await olga.client.ok('counter:create', { boardId, name: 'C' });
    await expectHttpError(
      await postIncrement(server.url, counter.id, { actorName: header }),
      400,
      'invalid_payload',
    );
    expect(await server.app.store.getCounter(counter.id)).toMatchObject({ value: 0, version: 0 });
    const { entries } = await readActivity(server.url, boardId);
    expect(entries.map((entry) => entry.kind)).toEqual(['counter_created']);
  });
});

describe('GET /api/boards/:id/activity pages', () => {
  /** A board with `count` entries: its counter's creation, then HTTP increments (never merged). */
  async function boardWithEntries(count: number) {
    const { boardId, olga } = await board();
    const { counter } = await olga.client.ok('counter:create', { boardId, name: 'C' });
    for (let i = 1; i < count; i += 10) {
      const batch = Array.from({ length: Math.min(10, count - i) }, () =>
        incrementOverHttp(server.url, counter.id),
      );
      await Promise.all(batch);
    }
    return boardId;
  }

  it('walks to the end with before=nextCursor, newest first, nextCursor null on the last page', async () => {
    const boardId = await boardWithEntries(8);
    const all = await readActivity(server.url, boardId, '?limit=500');
    expect(all.entries).toHaveLength(8);
    expect(all.nextCursor).toBeNull();
    expectNewestFirst(all.entries);

    for (const [limit, sizes] of [
      [3, [3, 3, 2]],
      [4, [4, 4]],
      [8, [8]],
      [1, [1, 1, 1, 1, 1, 1, 1, 1]],
    ] as const) {
      const seen: ActivityEntry[] = [];
      const pageSizes: number[] = [];
      let cursor: string | null = null;
      do {
        const before: string = cursor === null ? '' : `&before=${cursor}`;
        const page = await readActivity(server.url, boardId, `?limit=${limit}${before}`);
        seen.push(...page.entries);
        pageSizes.push(page.entries.length);
        cursor = page.nextCursor;
      } while (cursor !== null && pageSizes.length < 20);
      expect({ limit, pageSizes }).toEqual({ limit, pageSizes: [...sizes] });
      expect(seen).toEqual(all.entries);
    }
  });

  it('gives 100 entries by default and at most 500', async () => {
    const boardId = await boardWithEntries(101);
    const first = await readActivity(server.url, boardId);
    expect(first.entries).toHaveLength(100);
    expect(first.nextCursor).not.toBeNull();
    const rest = await readActivity(server.url, boardId, `?before=${first.nextCursor}`);
    expect(rest.entries.map((entry) => entry.kind)).toEqual(['counter_created']);
    expect(rest.nextCursor).toBeNull();
    expect((await readActivity(server.url, boardId, '?limit=500')).entries).toHaveLength(101);
  });

  it.each([
    '?limit=0',
    '?limit=501',
    '?limit=abc',
    '?limit=1.5',
    '?limit=-1',
    '?limit=',
    '?before=abc',
    '?before=-1',
    '?before=1.5',
    '?before=',
    '?before=12abc',
    `?before=${'1'.repeat(19)}`,
  ])('answers %s with 400 invalid_payload', async (query) => {
    const { boardId } = await board();
    await expectHttpError(await fetchActivity(server.url, boardId, query), 400, 'invalid_payload');
  });

  it('answers a cursor before every entry with an empty last page', async () => {
    const boardId = await boardWithEntries(2);
    expect(await readActivity(server.url, boardId, '?before=1')).toEqual({ entries: [], nextCursor: null });
  });

  it('answers 404 not_found for an unknown board and 400 for a malformed id', async () => {
    await expectHttpError(await fetchActivity(server.url, uniqueName('nowhere')), 404, 'not_found');
    await expectHttpError(await fetchActivity(server.url, 'bad%20id!'), 400, 'invalid_payload');
  });
});

/** RFC 4180: fields split on commas, quoted fields may hold commas, quotes ("") and line breaks. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      record.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i++;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else field += char;
  }
  if (field !== '' || record.length > 0) records.push([...record, field]);
  return records;
}

/** What the CSV writes for a text cell: a leading ' where a spreadsheet would run it. */
function guarded(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

async function readCsv(boardId: string, key?: string): Promise<{ text: string; rows: string[][] }> {
  const response = await fetch(`${server.url}/api/boards/${boardId}/activity.csv`, {
    headers: keyHeader(key),
  });
  const body = await response.text();
  expect({ status: response.status, body }).toMatchObject({ status: 200 });
  expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
  // A byte order mark (which some spreadsheets want to see UTF-8) is not part of the table.
  const text = body.replace(/^\uFEFF/, '');
  return { text, rows: parseCsv(text) };
}

describe('GET /api/boards/:id/activity.csv', () => {
  it('writes every entry oldest first under the header, times in ISO 8601 UTC, cells quoted and guarded', async () => {
    const { boardId, olga, ana } = await board();
    const { counter: formula } = await olga.client.ok('counter:create', { boardId, name: '=SUM(A1)' });
    const { counter: awkward } = await olga.client.ok('counter:create', {
      boardId,
      name: 'Laps, "fast"\nround',
    });
    await olga.client.ok('counter:create', { boardId, name: '-5' });
    await incrementOverHttp(server.url, formula.id, { by: 2, actorName: '+cmd' });
    await incrementOverHttp(server.url, formula.id, { by: -5, actorName: '-x' });
    await incrementOverHttp(server.url, formula.id, { by: 1, actorName: '@x' });
    await incrementOverHttp(server.url, awkward.id, { by: 1, actorName: encodeURIComponent('a,b "c"') });
    await ana.client.ok('counter:increment', { counterId: awkward.id, by: -1, opId: newOpId() });

    const { text, rows } = await readCsv(boardId);
    expect(text.split(/\r?\n/)[0]).toBe(ACTIVITY_CSV_HEADER);
    const [header, ...body] = rows;
    expect(header).toEqual(['at', 'counter', 'kind', 'by', 'value', 'actor']);

    const { entries } = await readActivity(server.url, boardId);
    const oldestFirst = [...entries].reverse();
    expect(body).toHaveLength(oldestFirst.length);
    body.forEach((row, i) => {
      const entry = oldestFirst[i];
      if (!entry) throw new Error('more rows than entries');
      const [at = '', ...cells] = row;
      expect(at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/);
      expect(Math.abs(Date.parse(at) - entry.at)).toBeLessThan(1000);
      expect(cells).toEqual([
        guarded(entry.counterName),
        entry.kind,
        entry.by === undefined ? '' : String(entry.by),
        entry.value === undefined ? '' : String(entry.value),
        guarded(entry.actor.name),
      ]);
    });

    // Spelled out: what a spreadsheet would run gets its ', numbers stay numbers.
    expect(body.map((row) => row.slice(1))).toEqual([
      ["'=SUM(A1)", 'counter_created', '', '0', 'Olga'],
      ['Laps, "fast"\nround', 'counter_created', '', '0', 'Olga'],
      ["'-5", 'counter_created', '', '0', 'Olga'],
      ["'=SUM(A1)", 'increment', '2', '2', "'+cmd"],
      ["'=SUM(A1)", 'increment', '-5', '-3', "'-x"],
      ["'=SUM(A1)", 'increment', '1', '-2', "'@x"],
      ['Laps, "fast"\nround', 'increment', '1', '1', 'a,b "c"'],
      ['Laps, "fast"\nround', 'increment', '-1', '0', 'Ana'],
    ]);
    // RFC 4180 quoting, as written: quotes doubled inside a quoted field.
    expect(text).toContain('"Laps, ""fast""');
    expect(text).toContain('"a,b ""c"""');
  });

  it('writes the whole record, however long: more than a thousand entries in order, each once', async () => {
    const { boardId, olga } = await board();
    const { counter } = await olga.client.ok('counter:create', { boardId, name: 'C' });
    for (let sent = 1; sent < 1050; sent += 50) {
      const batch = Array.from({ length: Math.min(50, 1050 - sent) }, () =>
        incrementOverHttp(server.url, counter.id),
      );
      await Promise.all(batch);
    }
    const { rows } = await readCsv(boardId);
    const body = rows.slice(1);
    expect(body).toHaveLength(1050);
    expect(body[0]?.[2]).toBe('counter_created');
    // HTTP increments of 1 are never merged: the values after them count up one by one.
    expect(body.slice(1).map((row) => row[4])).toEqual(Array.from({ length: 1049 }, (_, i) => String(i + 1)));
  });

  it('answers a board without activity with the header alone', async () => {
    const { boardId } = await board();
    const { rows } = await readCsv(boardId);
    expect(rows).toEqual([['at', 'counter', 'kind', 'by', 'value', 'actor']]);
  });
});

describe('private boards', () => {
  it('need a key of the board on both routes: access, owner or viewer key', async () => {
    const { boardId, ownerKey, accessKey, viewerKey, olga } = await board('private');
    await olga.client.ok('counter:create', { boardId, name: 'C' });
    const csvUrl = `${server.url}/api/boards/${boardId}/activity.csv`;
    for (const key of [undefined, 'not-a-key-of-this-board']) {
      await expectHttpError(await fetchActivity(server.url, boardId, '', key), 403, 'forbidden');
      await expectHttpError(await fetch(csvUrl, { headers: keyHeader(key) }), 403, 'forbidden');
    }
    for (const key of [accessKey, ownerKey, viewerKey]) {
      expect(key).toEqual(expect.any(String));
      expect((await readActivity(server.url, boardId, '', key)).entries).toHaveLength(1);
      expect((await readCsv(boardId, key)).rows).toHaveLength(2);
    }
  });
});
