import { Server } from 'socket.io';
import { afterEach, describe, expect, it } from 'vitest';
import type { TallyServer } from '../sockets/socket-types.js';
import { createBoardFocusBudgets } from './focus-budget.js';

// A server that never listens: its adapter's rooms are what the budgets read.
const io: TallyServer = new Server();
const adapter = io.of('/').adapter;
const socketIds = Array.from({ length: 11 }, (_, i) => `socket-${i}`);
const enter = (room: string) => {
  for (const id of socketIds) adapter.addAll(id, new Set([room]));
};
const leave = () => {
  for (const id of socketIds) adapter.delAll(id);
};
afterEach(leave);

describe('createBoardFocusBudgets', () => {
  it('charges a relay one delivery per other socket in the room', () => {
    const budgets = createBoardFocusBudgets(io, 25);
    enter('board-a');
    // 10 deliveries a relay out of 25.
    expect([
      budgets.takeRelay('board-a'),
      budgets.takeRelay('board-a'),
      budgets.takeRelay('board-a'),
    ]).toEqual([true, true, false]);
    enter('board-b');
    expect(budgets.takeRelay('board-b')).toBe(true);
  });

  it('costs nothing for a socket alone on its board', () => {
    const budgets = createBoardFocusBudgets(io, 1);
    expect([budgets.takeRelay('board-empty'), budgets.takeRelay('board-empty')]).toEqual([true, true]);
  });

  it('forgets a board when its room empties, so quiet boards hold no state', () => {
    const budgets = createBoardFocusBudgets(io, 10);
    enter('board-c');
    expect([budgets.takeRelay('board-c'), budgets.takeRelay('board-c')]).toEqual([true, false]);
    leave();
    enter('board-c');
    expect(budgets.takeRelay('board-c')).toBe(true);
  });
});
