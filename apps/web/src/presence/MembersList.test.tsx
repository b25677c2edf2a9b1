import type { Member } from '@tally/events';
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { presenceRoster } from './board-presence';
import { MembersList } from './MembersList';

const ana: Member = { clientId: 'ana-client', name: 'Ana' };
const ben: Member = { clientId: 'ben-client', name: 'Ben' };

describe('MembersList', () => {
  afterEach(cleanup);

  it('shows how many are online, the names with this user marked, and how many more there are', () => {
    render(
      <MembersList roster={presenceRoster({ members: [ben], memberCount: 40 }, ana)} selfId={ana.clientId} />,
    );
    const panel = screen.getByRole('region', { name: 'Here now' });
    expect(within(panel).getByText('40 online')).toBeTruthy();
    const names = within(screen.getByRole('list', { name: 'Members' })).getAllByRole('listitem');
    expect(names.map((item) => item.textContent)).toEqual(['Ana (you)', 'Ben']);
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
});
