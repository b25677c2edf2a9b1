import { describe, expect, it } from 'vitest';
import { displayGrid } from './display-grid';

describe('display grid', () => {
  it('gives a single counter the whole screen', () => {
    expect(displayGrid(1, 1920, 1080, 3)).toEqual({ columns: 1, rows: 1 });
    expect(displayGrid(0, 1920, 1080, 1)).toEqual({ columns: 1, rows: 1 });
  });

  it('shares a wide screen side by side, and a tall one in a column', () => {
    expect(displayGrid(2, 1920, 1080, 2)).toEqual({ columns: 2, rows: 1 });
    expect(displayGrid(2, 375, 812, 2)).toEqual({ columns: 1, rows: 2 });
    expect(displayGrid(4, 1920, 1080, 3)).toEqual({ columns: 2, rows: 2 });
  });

  it('gives long values wider cells', () => {
    expect(displayGrid(4, 1920, 1080, 4)).toEqual({ columns: 2, rows: 2 });
    expect(displayGrid(4, 1920, 1080, 16)).toEqual({ columns: 1, rows: 4 });
  });

  it('lays short values out as three characters: going from 9 to 10 does not rearrange the screen', () => {
    expect(displayGrid(4, 1920, 1080, 1)).toEqual(displayGrid(4, 1920, 1080, 3));
    expect(displayGrid(3, 1920, 1080, 1)).toEqual(displayGrid(3, 1920, 1080, 2));
  });

  it('fills a big screen with many counters, rows never taller than needed', () => {
    const grid = displayGrid(30, 1920, 1080, 3);
    expect(grid.columns * grid.rows).toBeGreaterThanOrEqual(30);
    expect(grid.columns * (grid.rows - 1)).toBeLessThan(30);
    expect(1920 / grid.columns).toBeGreaterThan(200);
  });

  it('keeps cells wide enough for a name on a phone, and lets the page scroll', () => {
    const grid = displayGrid(30, 375, 812, 3);
    expect(grid).toEqual({ columns: 2, rows: 15 });
  });
});
