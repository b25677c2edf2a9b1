/**
 * How display mode lays out a board's counters: the number of columns (the rows follow) that
 * gives the values the largest type that fits. A value's type is bounded by its cell's height and
 * by its cell's width over the value's length; display.css sizes it by the same measures.
 */

/** Share of a cell's height the value may take (the name above it, the goal below). */
const VALUE_HEIGHT_SHARE = 0.5;
/** Width of a character of a value, in em (a bold tabular digit is up to 0.7 em). */
const VALUE_CHAR_WIDTH = 0.72;
/** Values are laid out as at least this long: a vote going from 9 to 10 does not rearrange the screen. */
const MIN_LAYOUT_LENGTH = 3;
/** Below this a cell has no room for its name: a narrower screen uses fewer columns. */
const MIN_CELL_WIDTH = 150;
/** Below this a cell is unreadable: on a small screen the cells keep it, and the page scrolls. */
const MIN_CELL_HEIGHT = 110;

export interface DisplayGrid {
  columns: number;
  rows: number;
}

/**
 * The grid for `count` counters on a `width` × `height` screen (CSS pixels) whose longest value
 * is `longest` characters. Of grids giving the same type, the one with the fewest rows.
 */
export function displayGrid(count: number, width: number, height: number, longest: number): DisplayGrid {
  let best: DisplayGrid & { size: number } = { columns: 1, rows: Math.max(1, count), size: -1 };
  for (let columns = 1; columns <= Math.max(1, count); columns++) {
    const cellWidth = width / columns;
    if (columns > 1 && cellWidth < MIN_CELL_WIDTH) break;
    const rows = Math.ceil(count / columns);
    const cellHeight = Math.max(height / Math.max(1, rows), MIN_CELL_HEIGHT);
    const size = Math.min(
      cellHeight * VALUE_HEIGHT_SHARE,
      cellWidth / (Math.max(MIN_LAYOUT_LENGTH, longest) * VALUE_CHAR_WIDTH),
    );
    if (size > best.size || (size === best.size && rows < best.rows))
      best = { columns, rows: Math.max(1, rows), size };
  }
  return { columns: best.columns, rows: best.rows };
}
