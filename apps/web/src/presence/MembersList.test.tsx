import { presenceRoster } from '@tally/client';
import type { Member } from '@tally/events';
import { PRESENCE_SUMMARY_LIMIT } from '@tally/events/constants';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';

import { FOLDED_NAMES, MembersList } from './MembersList';

const ana: Member = { clientId: 'ana-client', name: 'Ana' };
const ben: Member = { clientId: 'ben-client', name: 'Ben' };

function names(): string[] {
  const list = screen.getByRole('list', { name: 'Members' });
  return within(list)
    .queryAllByRole('listitem')
    .map((item) => item.textContent ?? '');
}

describe('MembersList', () => {
  afterEach(cleanup);

  it('shows how many are online, the names with this user marked, and how many more there are', () => {
    render(
      <MembersList roster={presenceRoster({ members: [ben], memberCount: 40 }, ana)} selfId={ana.clientId} />,
    );
    const panel = screen.getByRole('region', { name: 'Here now' });
    expect(within(panel).getByText('40 online')).toBeTruthy();
    expect(names()).toEqual(['Ana (you)', 'Ben']);
    expect(within(panel).getByText('+38 more')).toBeTruthy();
  });

  it('says nothing more when everyone is named', () => {
    render(
      <MembersList
        roster={presenceRoster({ members: [ana, ben], memberCount: 2 }, ana)}
        selfId={ana.clientId}
      />,
    );
    expect(screen.getByText('2 online')).toBeTruthy();
    expect(screen.queryByText(/more$/)).toBeNull();
  });

  it('on a busy board shows a few names and opens the rest of the list from "+K more"', () => {
    const listed = Array.from({ length: PRESENCE_SUMMARY_LIMIT }, (_, index) => ({
      clientId: `guest-${index}-client`,
      name: `Guest ${index}`,
    }));
    render(
      <MembersList
        roster={presenceRoster({ members: listed, memberCount: 150 }, ana)}
        selfId={ana.clientId}
      />,
    );
    expect(names()).toHaveLength(FOLDED_NAMES);
    expect(names()[0]).toBe('Ana (you)');

    fireEvent.click(screen.getByRole('button', { name: `+${150 - FOLDED_NAMES} more`, expanded: false }));
    expect(names()).toHaveLength(PRESENCE_SUMMARY_LIMIT + 1);
    expect(screen.getByText('+49 more')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Show fewer', expanded: true }));
    expect(names()).toHaveLength(FOLDED_NAMES);
  });
});
