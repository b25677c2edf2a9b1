import { describe, expect, it } from 'vitest';
import { createLocalPresence } from './local-presence.js';

const ana = { clientId: 'ana-client', name: 'Ana' };
const ben = { clientId: 'ben-client', name: 'Ben' };

describe('local presence', () => {
  it("counts a member's three tabs on a board as one member until the last one leaves", () => {
    const local = createLocalPresence();
    expect(local.connect('tab-1', ana)).toEqual({ firstSocketOfClient: true });
    expect(local.connect('tab-2', ana)).toEqual({ firstSocketOfClient: false });
    expect(local.connect('tab-3', ana)).toEqual({ firstSocketOfClient: false });
    expect(local.join('x', 'tab-1').firstSocketOfMember).toBe(true);
    expect(local.join('x', 'tab-2').firstSocketOfMember).toBe(false);
    expect(local.join('x', 'tab-3').firstSocketOfMember).toBe(false);
    expect(local.leave('x', 'tab-2')).toBeNull();
    expect(local.leave('x', 'tab-2')).toBeNull();
    expect(local.leave('x', 'tab-1')).toBeNull();
    expect(local.memberCount('x')).toBe(1);
    expect(local.leave('x', 'tab-3')).toEqual({ boardId: 'x', clientId: 'ana-client' });
    expect(local.memberCount('x')).toBe(0);
  });

  it('keeps the arrival time of a member across its tabs', () => {
    const local = createLocalPresence();
    local.connect('tab-1', ana);
    local.connect('tab-2', ana);
    const first = local.join('x', 'tab-1').member;
    expect(local.join('x', 'tab-2').member).toEqual(first);
  });

  it('forgets a socket on several boards at its disconnect, and everything once all are gone', () => {
    const local = createLocalPresence();
    local.connect('ana-tab', ana);
    local.connect('ben-tab-1', ben);
    local.connect('ben-tab-2', ben);
    for (const boardId of ['x', 'y', 'z']) local.join(boardId, 'ana-tab');
    local.join('x', 'ben-tab-1');
    local.join('y', 'ben-tab-2');
    local.join('x', 'ben-tab-2');

    expect(local.disconnect('ana-tab')).toEqual({
      clientId: 'ana-client',
      departures: ['x', 'y', 'z'].map((boardId) => ({ boardId, clientId: 'ana-client' })),
      lastSocketOfClient: true,
    });
    expect(local.boardIds()).toEqual(['x', 'y']);
    expect(local.disconnect('ben-tab-1')).toMatchObject({ departures: [], lastSocketOfClient: false });
    expect(local.members('x')).toEqual([{ ...ben, arrivedAt: expect.any(Number) }]);
    expect(local.disconnect('ben-tab-2')).toMatchObject({
      departures: [
        { boardId: 'y', clientId: 'ben-client' },
        { boardId: 'x', clientId: 'ben-client' },
      ],
      lastSocketOfClient: true,
    });
    expect(local.boardIds()).toEqual([]);
    expect(local.clientIds()).toEqual([]);
    expect(local.clientCount()).toBe(0);
    expect(local.disconnect('ben-tab-2')).toBeNull();
  });

  it('refuses to put a socket on a board before it connected, or after it left', () => {
    const local = createLocalPresence();
    expect(() => local.join('x', 'ana-tab')).toThrow('not connected');
    local.connect('ana-tab', ana);
    local.disconnect('ana-tab');
    expect(() => local.join('x', 'ana-tab')).toThrow('not connected');
  });
});
