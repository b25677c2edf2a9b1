import { LOBBY_BOARD_ID } from '@tally/events/constants';
import { describe, expect, it } from 'vitest';
import { boardPath } from '../boards/board-keys';
import { matchRoute } from './router';

describe('routes', () => {
  it('`/` is the landing page; the lobby is a board at /b/lobby like any other', () => {
    expect(matchRoute('/')).toEqual({ page: 'home' });
    expect(matchRoute('')).toEqual({ page: 'home' });
    expect(matchRoute('/b/lobby')).toEqual({ page: 'board', boardId: 'lobby' });
    expect(matchRoute('/b/lobby/')).toEqual({ page: 'board', boardId: 'lobby' });
    expect(matchRoute('/boards')).toEqual({ page: 'boards' });
  });

  it("the lobby's links (share links, the boards lists) open the lobby board, not the landing page", () => {
    expect(boardPath(LOBBY_BOARD_ID)).toBe('/b/lobby');
    expect(matchRoute(boardPath(LOBBY_BOARD_ID))).toEqual({ page: 'board', boardId: LOBBY_BOARD_ID });
  });

  it("a board's display mode lives under the board's address", () => {
    expect(matchRoute('/b/abc_123-x/display')).toEqual({ page: 'display', boardId: 'abc_123-x' });
    expect(matchRoute('/b/abc/display/')).toEqual({ page: 'display', boardId: 'abc' });
    expect(matchRoute('/b/abc')).toEqual({ page: 'board', boardId: 'abc' });
  });

  it('anything else under a board is missing, not a board named after it', () => {
    expect(matchRoute('/b/abc/displays')).toEqual({ page: 'missing' });
    expect(matchRoute('/b/abc/display/more')).toEqual({ page: 'missing' });
    expect(matchRoute('/b//display')).toEqual({ page: 'missing' });
    expect(matchRoute(`/b/${'x'.repeat(65)}/display`)).toEqual({ page: 'missing' });
  });
});
