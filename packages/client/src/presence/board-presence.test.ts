import type { Member } from '@tally/events';
import { PRESENCE_SUMMARY_LIMIT } from '@tally/events/constants';
import { describe, expect, it } from 'vitest';
import { memberTotal, pointersByCounter, presenceRoster, withoutDeparted } from './board-presence.js';

function member(name: string): Member {
  return { clientId: `${name.toLowerCase().replace(/\s+/g, '-')}-client`, name };
}
/** The first names of a board as a summary lists them. */
function firstMembers(count: number): Member[] {
  return Array.from({ length: count }, (_, index) => member(`Guest ${index}`));
}

const ana = member('Ana');
const ben = member('Ben');
const cleo = member('Cleo');

describe('presence roster', () => {
  it('names every listed member, this user first, with nobody more', () => {
    const roster = presenceRoster({ members: [ben, ana, cleo], memberCount: 3 }, ana);
    expect(roster.shown).toEqual([ana, ben, cleo]);
    expect(roster).toMatchObject({ total: 3, more: 0 });
  });

  it('counts the members past the listed ones', () => {
    const listed = firstMembers(PRESENCE_SUMMARY_LIMIT);
    const roster = presenceRoster({ members: listed, memberCount: 150 }, listed[3]);
    expect(roster.shown).toHaveLength(PRESENCE_SUMMARY_LIMIT);
    expect(roster.shown[0]).toBe(listed[3]);
    expect(roster).toMatchObject({ total: 150, more: 50 });
  });

  it('shows this user first even when they joined past the listed ones, and counts them once', () => {
    const listed = firstMembers(PRESENCE_SUMMARY_LIMIT);
    const roster = presenceRoster({ members: listed, memberCount: 150 }, ana);
    expect(roster.shown[0]).toBe(ana);
    expect(roster.shown).toHaveLength(PRESENCE_SUMMARY_LIMIT + 1);
    expect(roster).toMatchObject({ total: 150, more: 49 });
  });

  it('does not add this user to a list that names everyone without them (not on the board yet)', () => {
    const roster = presenceRoster({ members: [ben], memberCount: 1 }, ana);
    expect(roster.shown).toEqual([ben]);
    expect(roster).toMatchObject({ total: 1, more: 0 });
  });

  it('takes a snapshot without a count as listing everyone', () => {
    expect(memberTotal({ members: [ana, ben] })).toBe(2);
    expect(presenceRoster({ members: [ana, ben] }, undefined)).toMatchObject({ total: 2, more: 0 });
  });
});

describe('pointers by counter', () => {
  it("draws listed members by name and leaves this user's own pointer out", () => {
    const focus = new Map([
      [ana.clientId, 'apples'],
      [ben.clientId, 'apples'],
      [cleo.clientId, 'pears'],
    ]);
    const pointers = pointersByCounter(focus, { members: [ana, ben, cleo], memberCount: 3 }, ana.clientId);
    expect(pointers.get('apples')).toEqual([{ clientId: ben.clientId, name: 'Ben' }]);
    expect(pointers.get('pears')).toEqual([{ clientId: cleo.clientId, name: 'Cleo' }]);
  });

  it('draws an unlisted member of a busy board without a name', () => {
    const focus = new Map([['someone-client', 'apples']]);
    const pointers = pointersByCounter(focus, { members: firstMembers(2), memberCount: 500 }, ana.clientId);
    expect(pointers.get('apples')).toEqual([{ clientId: 'someone-client', name: undefined }]);
  });

  it('leaves out a pointer of someone missing from a list that names everyone (gone, or not listed yet)', () => {
    const focus = new Map([['gone-client', 'apples']]);
    expect(pointersByCounter(focus, { members: [ana, ben], memberCount: 2 }, ana.clientId).size).toBe(0);
  });
});

describe('pointers without departed members', () => {
  it('forgets the pointer of a member who dropped off the list', () => {
    const focus = new Map([
      [ben.clientId, 'apples'],
      [cleo.clientId, 'pears'],
    ]);
    expect(withoutDeparted(focus, [ana, ben, cleo], [ana, cleo])).toEqual(
      new Map([[cleo.clientId, 'pears']]),
    );
  });

  it('keeps the same map when nobody who pointed left', () => {
    const focus = new Map([[cleo.clientId, 'pears']]);
    expect(withoutDeparted(focus, [ana, ben, cleo], [ana, cleo])).toBe(focus);
  });
});
