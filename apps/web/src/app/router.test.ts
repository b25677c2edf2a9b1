import { describe, expect, it } from 'vitest';
import { matchRoute } from './router';

describe('routes', () => {
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
