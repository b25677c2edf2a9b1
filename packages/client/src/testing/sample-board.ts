import type { BoardSnapshot, Counter } from '@tally/events';

/** Board b1 ("Door") with one counter at 5 (version 5) and one member, as tests of board state start from. */
export const sampleCounter: Counter = {
  id: 'c1',
  boardId: 'b1',
  name: 'Count',
  value: 5,
  version: 5,
  min: null,
  max: null,
  step: 1,
  goal: null,
};

export const sampleSnapshot: BoardSnapshot = {
  id: 'b1',
  name: 'Door',
  visibility: 'public',
  counters: [sampleCounter],
  members: [{ clientId: 'member-0001', name: 'Ana' }],
  memberCount: 1,
  messages: [],
};
