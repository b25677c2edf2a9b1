import type { Counter } from '@tally/events';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { CounterCard, type CounterCardProps } from './CounterCard';
import type { CounterActions } from './useCounterActions';

const count: Counter = { id: 'c1', boardId: 'b1', name: 'Count', value: 41, version: 7 };

/** Records what the card asked for, in order. */
function recordingActions() {
  const calls: string[] = [];
  const actions: CounterActions = {
    increment: (id, by) => calls.push(`increment ${id} ${by}`),
    reset: (id) => calls.push(`reset ${id}`),
    rename: (id, name) => calls.push(`rename ${id} ${name}`),
    remove: (id) => calls.push(`remove ${id}`),
  };
  return { calls, actions };
}

function renderCard(overrides: Partial<CounterCardProps> = {}) {
  const { calls, actions } = recordingActions();
  const points: Array<string | null> = [];
  render(
    <CounterCard
      counter={count}
      value={count.value}
      pending={0}
      pointers={[]}
      actions={actions}
      onPoint={(id) => points.push(id)}
      {...overrides}
    />,
  );
  return { calls, points, card: screen.getByRole('group', { name: 'Count' }) };
}

describe('CounterCard', () => {
  afterEach(cleanup);

  it('is a group named after the counter, with Increment, Decrement and the value in an output', () => {
    const { card } = renderCard();
    expect(within(card).getByRole('button', { name: 'Increment' })).toBeTruthy();
    expect(within(card).getByRole('button', { name: 'Decrement' })).toBeTruthy();
    const output = card.querySelector('output');
    expect(output?.textContent).toBe('41');
  });

  it('sends +1 and −1 through the actions', () => {
    const { card, calls } = renderCard();
    fireEvent.click(within(card).getByRole('button', { name: 'Increment' }));
    fireEvent.click(within(card).getByRole('button', { name: 'Decrement' }));
    expect(calls).toEqual(['increment c1 1', 'increment c1 -1']);
  });

  it('shows the optimistic value and "n pending" while clicks wait, and no pending text at zero', () => {
    const { card } = renderCard({ value: 44, pending: 3 });
    expect(card.querySelector('output')?.textContent).toBe('44');
    expect(within(card).getByText('3 pending')).toBeTruthy();
    cleanup();
    const settled = renderCard({ value: 44, pending: 0 });
    expect(within(settled.card).queryByText(/pending/)).toBeNull();
  });

  it('increments with + and decrements with - when the card has focus', () => {
    const { card, calls } = renderCard();
    card.focus();
    fireEvent.keyDown(card, { key: '+' });
    fireEvent.keyDown(card, { key: '-' });
    expect(calls).toEqual(['increment c1 1', 'increment c1 -1']);
  });

  it('offers Rename, Reset and Delete; Rename opens a "Counter name" field with Save', () => {
    const { card, calls } = renderCard();
    fireEvent.click(within(card).getByRole('button', { name: 'Reset' }));
    fireEvent.click(within(card).getByRole('button', { name: 'Delete' }));
    fireEvent.click(within(card).getByRole('button', { name: 'Rename' }));
    const field = within(card).getByRole('textbox', { name: 'Counter name' });
    fireEvent.change(field, { target: { value: 'Visitors' } });
    fireEvent.click(within(card).getByRole('button', { name: 'Save' }));
    expect(calls).toEqual(['reset c1', 'remove c1', 'rename c1 Visitors']);
    // Still the same group while the rename is on its way.
    expect(screen.getByRole('group', { name: 'Count' })).toBeTruthy();
  });

  it('does not treat typing + in the rename field as a click', () => {
    const { card, calls } = renderCard();
    fireEvent.click(within(card).getByRole('button', { name: 'Rename' }));
    fireEvent.keyDown(within(card).getByRole('textbox', { name: 'Counter name' }), { key: '+' });
    expect(calls).toEqual([]);
  });

  it('shows a marker for each member pointing at it, and says where this user points', () => {
    const { card, points } = renderCard({ pointers: [{ clientId: 'ana-client-1', name: 'Ana' }] });
    expect(within(card).getByRole('img', { name: 'Ana is pointing here' })).toBeTruthy();
    fireEvent.focus(card);
    fireEvent.blur(card);
    expect(points).toEqual(['c1', null]);
  });

  it('marks a pointer of a member the list does not name as someone', () => {
    const { card } = renderCard({ pointers: [{ clientId: 'unlisted-client', name: undefined }] });
    expect(within(card).getByRole('img', { name: 'Someone is pointing here' })).toBeTruthy();
  });
});
