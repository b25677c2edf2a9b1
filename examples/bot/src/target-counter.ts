import type { BoardView } from '@tally/client';

export type Counter = BoardView['board']['counters'][number];

/**
 * The counter the bot increments: the one it has been incrementing, as long as it is on the board
 * (a rename does not lose it), else the first one named `wanted`, or the board's first counter
 * when no name was asked for. Undefined when there is none: the bot waits for one.
 */
export function targetCounter(
  counters: readonly Counter[],
  wanted: string | undefined,
  currentId: string | undefined,
): Counter | undefined {
  const current = counters.find((counter) => counter.id === currentId);
  if (current !== undefined) return current;
  return wanted === undefined ? counters[0] : counters.find((counter) => counter.name === wanted);
}
