import { beforeEach, describe, expect, it } from 'vitest';
import { createMemoryPresenceRegistry } from './memory-presence-registry.js';
import type { PresenceRegistry } from './presence-registry.js';

const ana = { clientId: 'ana-client', name: 'Ana' };
const ben = { clientId: 'ben-client', name: 'Ben' };
const cleo = { clientId: 'cleo-client', name: 'Cleo' };
const dan = { clientId: 'dan-client', name: 'Dan' };

describe('memory presence registry', () => {
  let presence: PresenceRegistry;
  beforeEach(async () => {
    presence = createMemoryPresenceRegistry();
    await presence.connect('ana-tab-1', ana);
    await presence.connect('ana-tab-2', ana);
    await presence.connect('ben-tab', ben);
  });

  it('counts distinct clientIds online, on a board or not', async () => {
    expect(await presence.online()).toBe(2);
    await presence.disconnect('ana-tab-1');
    expect(await presence.online()).toBe(2);
    await presence.disconnect('ana-tab-2');
    expect(await presence.online()).toBe(1);
  });

  it("announces a member's first socket on a board only, and joining twice is no news", async () => {
    expect(await presence.join('x', 'ana-tab-1')).toEqual({ firstSocketOfMember: true });
    expect(await presence.join('x', 'ana-tab-2')).toEqual({ firstSocketOfMember: false });
    expect(await presence.join('x', 'ana-tab-1')).toEqual({ firstSocketOfMember: false });
    expect(await presence.join('y', 'ana-tab-2')).toEqual({ firstSocketOfMember: true });
    expect(await presence.members('x')).toEqual([ana]);
  });

  it("reports a departure only with the member's last socket on that board", async () => {
    await presence.join('x', 'ana-tab-1');
    await presence.join('x', 'ana-tab-2');
    expect(await presence.leave('x', 'ana-tab-1')).toBeNull();
    expect(await presence.leave('x', 'ana-tab-1')).toBeNull();
    expect(await presence.leave('x', 'ana-tab-2')).toEqual({ boardId: 'x', clientId: 'ana-client' });
    expect(await presence.members('x')).toEqual([]);
  });

  it('takes a disconnected socket off every board, reporting where its member is gone', async () => {
    await presence.join('x', 'ana-tab-1');
    await presence.join('y', 'ana-tab-1');
    await presence.join('y', 'ana-tab-2');
    await presence.join('x', 'ben-tab');
    expect(await presence.disconnect('ana-tab-1')).toEqual([{ boardId: 'x', clientId: 'ana-client' }]);
    expect(await presence.members('x')).toEqual([ben]);
    expect(await presence.members('y')).toEqual([ana]);
    expect(await presence.disconnect('ana-tab-1')).toEqual([]);
  });

  it('lists members in arrival order and counts them per board', async () => {
    await presence.join('x', 'ben-tab');
    await presence.join('x', 'ana-tab-1');
    await presence.join('x', 'ana-tab-2');
    expect(await presence.members('x')).toEqual([ben, ana]);
    expect(await presence.onlineByBoard(['x', 'empty'])).toEqual(
      new Map([
        ['x', 2],
        ['empty', 0],
      ]),
    );
  });

  it('summarises a board as its member count and its first members in arrival order', async () => {
    await presence.connect('cleo-tab', cleo);
    await presence.join('x', 'ben-tab');
    await presence.join('x', 'ana-tab-1');
    await presence.join('x', 'ana-tab-2');
    await presence.join('x', 'cleo-tab');
    expect(await presence.summary('x', 2)).toEqual({ count: 3, members: [ben, ana] });
    expect(await presence.summary('x', 100)).toEqual({ count: 3, members: [ben, ana, cleo] });
    expect(await presence.summary('empty', 2)).toEqual({ count: 0, members: [] });
  });

  it('keeps a summary right through joins and departures, sharing the list while the first members stay', async () => {
    await presence.connect('cleo-tab', cleo);
    await presence.connect('dan-tab', dan);
    await presence.join('x', 'ben-tab');
    const one = await presence.summary('x', 2);
    await presence.join('x', 'ana-tab-1');
    const two = await presence.summary('x', 2);
    expect(two).toEqual({ count: 2, members: [ben, ana] });
    await presence.join('x', 'cleo-tab');
    await presence.join('x', 'ana-tab-2');
    const three = await presence.summary('x', 2);
    // Cleo came after the first two: the same list, not a new one per join.
    expect(three).toEqual({ count: 3, members: [ben, ana] });
    expect(three.members).toBe(two.members);
    expect(one.members).toEqual([ben]);
    expect(await presence.summary('x', 3)).toEqual({ count: 3, members: [ben, ana, cleo] });

    await presence.join('x', 'dan-tab');
    await presence.disconnect('ben-tab');
    expect(await presence.summary('x', 2)).toEqual({ count: 3, members: [ana, cleo] });
    await presence.leave('x', 'dan-tab');
    expect(await presence.summary('x', 2)).toEqual({ count: 2, members: [ana, cleo] });
    await presence.leave('x', 'ana-tab-1');
    expect(await presence.summary('x', 2)).toEqual({ count: 2, members: [ana, cleo] });
    await presence.leave('x', 'ana-tab-2');
    await presence.leave('x', 'cleo-tab');
    expect(await presence.summary('x', 2)).toEqual({ count: 0, members: [] });
    await presence.join('x', 'dan-tab');
    expect(await presence.summary('x', 2)).toEqual({ count: 1, members: [dan] });
  });

  it('refuses to put an unknown socket on a board', async () => {
    await expect(presence.join('x', 'never-connected')).rejects.toThrow('not connected');
  });
});
