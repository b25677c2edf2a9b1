import { BOARD_LIST_PAGE_MAX, type BoardListItem, LOBBY_BOARD_ID } from '@tally/events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BoardRecord, DEFAULT_COUNTER_SETTINGS } from '../src/store/store.js';
import { uniqueName } from './helpers/fixtures.js';
import { expectHttpError, incrementOverHttp } from './helpers/http.js';
import { startTestServer, type TestServer } from './helpers/test-server.js';

const MINUTE = 60_000;

let server: TestServer;
/** Every public board's id, the most recently active first. */
let allIds: string[];
/** A board with a counter, made (by an import, which records no activity) before every other. */
let oldest: { boardId: string; counterId: string };

function boardRecord(createdAt: number): BoardRecord {
  return {
    id: uniqueName('listed'),
    name: 'Listed',
    visibility: 'public',
    ownerKeyHash: 'owner-hash',
    accessKeyHash: null,
    createdAt,
  };
}

beforeAll(async () => {
  server = await startTestServer();
  const { store } = server.app;
  const now = Date.now();
  // With the lobby (made now) and `oldest`, one more board than a page holds.
  const made: BoardRecord[] = [];
  for (let n = 1; n < BOARD_LIST_PAGE_MAX; n++) {
    const record = boardRecord(now - n * MINUTE);
    await store.createBoard(record);
    made.push(record);
  }
  const old = boardRecord(now - 1000 * MINUTE);
  const [counter] = await store.createBoardWithCounters(old, [
    { id: uniqueName('count'), boardId: old.id, name: 'Count', value: 0, ...DEFAULT_COUNTER_SETTINGS },
  ]);
  oldest = { boardId: old.id, counterId: counter?.id as string };
  allIds = [LOBBY_BOARD_ID, ...made.map((record) => record.id), old.id];
});

afterAll(async () => {
  await server.close();
});

/** `GET /api/boards` (or the URL given) with its page and the URL of the next one. */
async function listPage(url = `${server.url}/api/boards`) {
  const response = await fetch(url);
  expect(response.status).toBe(200);
  const link = response.headers.get('link');
  const next = link === null ? null : (/^<([^>]+)>; rel="next"$/.exec(link)?.[1] ?? 'malformed');
  return { boards: (await response.json()) as BoardListItem[], next };
}

/** Every page from `url` on, following the Link headers. */
async function walk(url: string): Promise<{ pages: string[][]; links: string[] }> {
  const pages: string[][] = [];
  const links: string[] = [];
  for (let next: string | null = url; next !== null; ) {
    const page = await listPage(next);
    pages.push(page.boards.map((board) => board.id));
    if (page.next) links.push(page.next);
    next = page.next;
  }
  return { pages, links };
}

describe('GET /api/boards', () => {
  it(`answers the ${BOARD_LIST_PAGE_MAX} most recently active public boards, and links the rest`, async () => {
    const first = await listPage();
    expect(first.boards).toHaveLength(BOARD_LIST_PAGE_MAX);
    expect(first.boards.map((board) => board.id)).toEqual(allIds.slice(0, BOARD_LIST_PAGE_MAX));
    expect(first.boards[1]).toEqual({
      id: allIds[1],
      name: 'Listed',
      counters: 0,
      online: 0,
      lastActivityAt: expect.any(Number),
    });
    // An absolute URI-reference on the origin the request reached.
    expect(first.next).toMatch(
      new RegExp(`^${server.url}/api/boards\\?cursor=[^&]+&limit=${BOARD_LIST_PAGE_MAX}$`),
    );
    const rest = await listPage(first.next as string);
    expect(rest.boards.map((board) => board.id)).toEqual(allIds.slice(BOARD_LIST_PAGE_MAX));
    expect(rest.next).toBeNull();
  });

  it('pages by the limit asked for, keeping it in every next link, each board once', async () => {
    const { pages, links } = await walk(`${server.url}/api/boards?limit=40`);
    expect(pages.map((page) => page.length)).toEqual([40, 40, allIds.length - 80]);
    expect(pages.flat()).toEqual(allIds);
    for (const link of links) expect(new URL(link).searchParams.get('limit')).toBe('40');
  });

  it('moves a board to the first page when something happens on it', async () => {
    expect((await listPage()).boards.map((board) => board.id)).not.toContain(oldest.boardId);
    await incrementOverHttp(server.url, oldest.counterId);
    const [top] = (await listPage(`${server.url}/api/boards?limit=1`)).boards;
    expect(top).toMatchObject({ id: oldest.boardId, counters: 1 });
    allIds = [oldest.boardId, ...allIds.filter((id) => id !== oldest.boardId)];
  });

  it('refuses a limit outside 1–100, a cursor it did not give and any other parameter with 400', async () => {
    for (const query of [
      'limit=0',
      `limit=${BOARD_LIST_PAGE_MAX + 1}`,
      'limit=ten',
      'limit=2.5',
      'cursor=',
      'cursor=lobby',
      'cursor=12.bad%20id',
      `cursor=1.${'x'.repeat(65)}`,
      'page=2',
    ]) {
      await expectHttpError(await fetch(`${server.url}/api/boards?${query}`), 400, 'invalid_payload');
    }
  });

  it('links on PUBLIC_URL when the operator set it', async () => {
    const behindProxy = await startTestServer({ PUBLIC_URL: 'https://tally.example.com' });
    try {
      await behindProxy.app.store.createBoard(boardRecord(Date.now() - MINUTE));
      const response = await fetch(`${behindProxy.url}/api/boards?limit=1`);
      expect(response.headers.get('link')).toMatch(
        /^<https:\/\/tally\.example\.com\/api\/boards\?cursor=[^&>]+&limit=1>; rel="next"$/,
      );
    } finally {
      await behindProxy.close();
    }
  });
});
