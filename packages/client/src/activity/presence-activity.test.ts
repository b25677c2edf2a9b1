import type { Member } from '@tally/events';
import { describe, expect, it } from 'vitest';
import { presenceActivity } from './presence-activity.js';

function member(name: string): Member {
  return { clientId: `${name.toLowerCase()}-client`, name };
}
const ana = member('Ana');
const ben = member('Ben');
const cleo = member('Cleo');

describe('presence activity', () => {
  it('says who joined and who left between two lists that name everyone', () => {
    const events = presenceActivity(
      { members: [ana, ben], memberCount: 2 },
      { members: [ana, cleo], memberCount: 2 },
      ana.clientId,
    );
    expect(events).toEqual([
      { kind: 'joined', name: 'Cleo' },
      { kind: 'left', name: 'Ben' },
    ]);
  });

  it("never announces this user's own arrival to them", () => {
    expect(presenceActivity({ members: [ben] }, { members: [ben, ana] }, ana.clientId)).toEqual([]);
  });

  it('says nothing once the list stops naming everyone: a new name may only have moved up', () => {
    const before = { members: [ana, ben], memberCount: 3 };
    const after = { members: [ana, cleo], memberCount: 3 };
    expect(presenceActivity(before, after, ana.clientId)).toEqual([]);
    expect(presenceActivity({ members: [ana, ben], memberCount: 2 }, after, ana.clientId)).toEqual([]);
  });
});
