import { describe, expect, it } from 'vitest';
import { BOARD_LIST_PAGE_MAX, boardListCursor, boardListQuerySchema } from './http.js';

describe('boardListQuerySchema', () => {
  it('reads back the cursor the server wrote', () => {
    const position = { lastActivityAt: 1_767_225_600_000, id: 'team_standup-a1B2' };
    expect(boardListQuerySchema.parse({ cursor: boardListCursor(position), limit: '20' })).toEqual({
      cursor: position,
      limit: 20,
    });
  });

  it(`gives ${BOARD_LIST_PAGE_MAX} boards without a limit, and no cursor`, () => {
    expect(boardListQuerySchema.parse({})).toEqual({ limit: BOARD_LIST_PAGE_MAX });
  });

  it.each([
    { limit: '0' },
    { limit: String(BOARD_LIST_PAGE_MAX + 1) },
    { cursor: '' },
    { cursor: 'lobby' },
    { cursor: '.lobby' },
    { cursor: '12.' },
    { cursor: '1234567890123456.lobby' },
    { cursor: '12.lo.bby' },
    { after: 'lobby' },
  ])('refuses %o', (query) => {
    expect(boardListQuerySchema.safeParse(query).success).toBe(false);
  });
});
