import type { SocketData } from '@tally/events';
import { describe, expect, it } from 'vitest';
import { JoinedBoards } from './joined-boards.js';

type JoinedData = Pick<SocketData, 'joined' | 'presenceSummary'>;

describe('JoinedBoards', () => {
  it('keeps roles and presence modes in socket.data, where a recovered socket finds them again', () => {
    const data: JoinedData = {};
    const joined = new JoinedBoards(data);
    joined.set('x', 'member', 'summary');
    joined.set('y', 'owner', 'members');
    expect(data).toEqual({
      joined: [
        ['x', 'member'],
        ['y', 'owner'],
      ],
      presenceSummary: ['x'],
    });

    const recovered = new JoinedBoards(structuredClone(data));
    expect(recovered.boardIds()).toEqual(['x', 'y']);
    expect(recovered.requireRole('x')).toBe('member');
    expect(recovered.presenceMode('x')).toBe('summary');
    expect(recovered.presenceMode('y')).toBe('members');
  });

  it('joining again changes the role and the mode in place', () => {
    const data: JoinedData = {};
    const joined = new JoinedBoards(data);
    joined.set('x', 'member', 'summary');
    joined.set('y', 'member', 'summary');
    joined.set('x', 'owner', 'members');
    expect(data).toEqual({
      joined: [
        ['x', 'owner'],
        ['y', 'member'],
      ],
      presenceSummary: ['y'],
    });
    joined.set('x', 'owner', 'summary');
    joined.set('x', 'owner', 'summary');
    expect(joined.summaryBoardIds()).toEqual(['y', 'x']);
  });

  it('forgets a board it leaves, and says whether it had joined it', () => {
    const data: JoinedData = {};
    const joined = new JoinedBoards(data);
    joined.set('x', 'member', 'summary');
    joined.set('y', 'member', 'members');
    expect(joined.delete('x')).toBe(true);
    expect(joined.delete('x')).toBe(false);
    expect(data).toEqual({ joined: [['y', 'member']], presenceSummary: [] });
    expect(() => joined.requireRole('x')).toThrow(expect.objectContaining({ code: 'not_joined' }));
  });

  it('lets only owners past requireOwner', () => {
    const joined = new JoinedBoards({
      joined: [
        ['x', 'member'],
        ['y', 'owner'],
      ],
    });
    expect(() => joined.requireOwner('x')).toThrow(expect.objectContaining({ code: 'forbidden' }));
    expect(() => joined.requireOwner('y')).not.toThrow();
    expect(() => joined.requireOwner('z')).toThrow(expect.objectContaining({ code: 'not_joined' }));
  });

  it('lets viewers read only: requireWriter refuses them, and a socket on viewer boards only is a viewer only', () => {
    const data = {};
    const joined = new JoinedBoards(data);
    expect(joined.viewerOnly()).toBe(false);
    joined.set('wall', 'viewer', 'summary');
    expect(joined.viewerOnly()).toBe(true);
    expect(() => joined.requireWriter('wall')).toThrow(expect.objectContaining({ code: 'forbidden' }));
    expect(() => joined.requireWriter('nowhere')).toThrow(expect.objectContaining({ code: 'not_joined' }));
    joined.set('desk', 'member', 'members');
    expect(joined.requireWriter('desk')).toBe('member');
    expect(joined.viewerOnly()).toBe(false);
    expect(joined.roleOn('wall')).toBe('viewer');
    expect(joined.roleOn('nowhere')).toBeUndefined();
  });
});
