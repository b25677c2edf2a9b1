import type { Counter } from '@tally/events';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { CounterCard, type CounterCardProps } from './CounterCard';
import { formatCompactValue, formatValue } from './format-value';
import type { CounterActions } from './useCounterActions';

const count: Counter = {
  id: 'c1',
  boardId: 'b1',
  name: 'Count',
  value: 41,
  version: 7,
  min: null,
  max: null,
  step: 1,
  goal: null,
};

/** Records what the card asked for, in order. */
function recordingActions() {
  const calls: string[] = [];
  const actions: CounterActions = {
    increment: (id, by) => calls.push(`increment ${id} ${by}`),
    reset: (id) => calls.push(`reset ${id}`),
    rename: (id, name) => calls.push(`rename ${id} ${name}`),
    remove: (id) => calls.push(`remove ${id}`),
    configure: async (id, changes) => {
      calls.push(`configure ${id} ${JSON.stringify(changes)}`);
      return true;
    },
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

  it('moves by the counter’s step, on the buttons and the keys', () => {
    const { card, calls } = renderCard({ counter: { ...count, step: 5 } });
    fireEvent.click(within(card).getByRole('button', { name: 'Increment' }));
    fireEvent.click(within(card).getByRole('button', { name: 'Decrement' }));
    card.focus();
    fireEvent.keyDown(card, { key: '+' });
    expect(calls).toEqual(['increment c1 5', 'increment c1 -5', 'increment c1 5']);
    expect(within(card).getByText('Step 5')).toBeTruthy();
  });

  it('turns a button off when its step would leave the bounds, counting pending clicks', () => {
    const seats = { ...count, value: 8, min: 0, max: 10, step: 2 };
    // Server value 8, one pending +2 shown: 10, the maximum.
    const { card, calls } = renderCard({ counter: seats, value: 10, pending: 1 });
    const increment = within(card).getByRole<HTMLButtonElement>('button', { name: 'Increment' });
    expect(increment.disabled).toBe(true);
    expect(increment.title).toBe('The maximum is 10');
    expect(within(card).getByRole<HTMLButtonElement>('button', { name: 'Decrement' }).disabled).toBe(false);
    card.focus();
    fireEvent.keyDown(card, { key: '+' });
    expect(calls).toEqual([]);
    expect(within(card).getByText('0 to 10 · step 2')).toBeTruthy();
    cleanup();
    const atMin = renderCard({ counter: { ...seats, value: 1 }, value: 1 });
    expect(within(atMin.card).getByRole<HTMLButtonElement>('button', { name: 'Decrement' }).disabled).toBe(
      true,
    );
  });

  it('shows the goal as progress with its text', () => {
    const { card } = renderCard({ counter: { ...count, goal: 250 }, value: 42 });
    const bar = within(card).getByRole('progressbar', { name: 'Goal' });
    expect(bar.getAttribute('aria-valuetext')).toBe('42 of 250');
    expect(bar.getAttribute('aria-valuenow')).toBe('17');
    expect(within(card).getByText('42 of 250')).toBeTruthy();
  });

  it('lets the owner change limits, step and goal, sending only what changed (blank: none)', async () => {
    const { card, calls } = renderCard({ counter: { ...count, max: 100 }, access: 'owner' });
    fireEvent.click(within(card).getByRole('button', { name: 'Settings' }));
    const form = await within(card).findByRole('form', { name: 'Settings of Count' });
    fireEvent.change(within(form).getByRole('spinbutton', { name: 'Maximum' }), { target: { value: '' } });
    fireEvent.change(within(form).getByRole('spinbutton', { name: 'Goal' }), { target: { value: '250' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save settings' }));
    await waitFor(() => expect(within(card).queryByRole('form')).toBeNull());
    expect(calls).toEqual(['configure c1 {"max":null,"goal":250}']);
  });

  it('says what is wrong with settings instead of sending them', async () => {
    const { card, calls } = renderCard({ access: 'owner' });
    fireEvent.click(within(card).getByRole('button', { name: 'Settings' }));
    fireEvent.change(await within(card).findByRole('spinbutton', { name: 'Minimum' }), {
      target: { value: '50' },
    });
    fireEvent.click(within(card).getByRole('button', { name: 'Save settings' }));
    expect(within(card).getByText('The value is 41, below this minimum.')).toBeTruthy();
    expect(calls).toEqual([]);
  });

  it('offers Settings to the owner only', () => {
    const { card } = renderCard();
    expect(within(card).queryByRole('button', { name: 'Settings' })).toBeNull();
  });

  it('shows a viewer the counter live with no control at all, and never points', () => {
    const { card, points } = renderCard({ access: 'view', counter: { ...count, goal: 100 } });
    expect(within(card).queryAllByRole('button')).toEqual([]);
    expect(card.querySelector('output')?.textContent).toBe('41');
    expect(within(card).getByRole('progressbar', { name: 'Goal' })).toBeTruthy();
    expect(card.tabIndex).toBe(-1);
    fireEvent.focus(card);
    expect(points).toEqual([]);
  });

  it('writes a big value grouped on one line, and compact when too long with the exact value on hover and for screen readers', () => {
    const { card } = renderCard({ value: 1_234_567 });
    const output = card.querySelector('output');
    expect(output?.textContent).toBe(formatValue(1_234_567));
    expect(output?.hasAttribute('title')).toBe(false);
    cleanup();

    const huge = -Number.MAX_SAFE_INTEGER;
    const compact = renderCard({ value: huge }).card.querySelector('output');
    expect(compact?.title).toBe(formatValue(huge));
    expect(compact?.querySelector('[aria-hidden="true"]')?.textContent).toBe(formatCompactValue(huge));
    expect(compact?.querySelector('.visually-hidden')?.textContent).toBe(formatValue(huge));
  });
});
