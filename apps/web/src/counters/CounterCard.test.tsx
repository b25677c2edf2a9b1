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
  return { calls, points, card: screen.getByRole('group', { name: overrides.counter?.name ?? 'Count' }) };
}

/** Opens the owner's "Counter options" (its code loads on first use) and returns the menu. */
async function openOptions(card: HTMLElement): Promise<HTMLElement> {
  fireEvent.click(await within(card).findByRole('button', { name: 'Counter options' }));
  return within(card).getByRole('menu', { name: 'Counter options' });
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

  it('shows members no owner action', () => {
    const { card } = renderCard({ access: 'member' });
    expect(within(card).queryByRole('button', { name: 'Counter options' })).toBeNull();
    for (const action of ['Rename', 'Reset', 'Settings', 'Delete']) {
      expect(screen.queryByRole('button', { name: action })).toBeNull();
      expect(screen.queryByRole('menuitem', { name: action })).toBeNull();
    }
  });

  it('offers the owner Rename, Reset, Settings and Delete in "Counter options"; Rename opens a "Counter name" field', async () => {
    const { card, calls } = renderCard({ access: 'owner' });
    const menu = await openOptions(card);
    expect(
      within(menu)
        .getAllByRole('menuitem')
        .map((item) => item.textContent),
    ).toEqual(['Rename', 'Reset', 'Settings', 'Delete']);
    fireEvent.click(within(menu).getByRole('menuitem', { name: 'Reset' }));
    fireEvent.click(within(await openOptions(card)).getByRole('menuitem', { name: 'Rename' }));
    const field = await within(card).findByRole('textbox', { name: 'Counter name' });
    fireEvent.change(field, { target: { value: 'Visitors' } });
    fireEvent.click(within(card).getByRole('button', { name: 'Save' }));
    expect(calls).toEqual(['reset c1', 'rename c1 Visitors']);
    // Still the same group while the rename is on its way.
    expect(screen.getByRole('group', { name: 'Count' })).toBeTruthy();
  });

  it('does not treat typing + in the rename field as a click', async () => {
    const { card, calls } = renderCard({ access: 'owner' });
    fireEvent.click(within(await openOptions(card)).getByRole('menuitem', { name: 'Rename' }));
    fireEvent.keyDown(await within(card).findByRole('textbox', { name: 'Counter name' }), { key: '+' });
    expect(calls).toEqual([]);
  });

  it('asks before Delete, naming the counter and its value; Cancel keeps it and gives focus back', async () => {
    const { card, calls } = renderCard({ access: 'owner', value: 1_234 });
    const options = await within(card).findByRole('button', { name: 'Counter options' });
    fireEvent.click(within(await openOptions(card)).getByRole('menuitem', { name: 'Delete' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Delete “Count”?' });
    expect(dialog.textContent).toContain(formatValue(1_234));
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Cancel' }));
    // Keys typed in the dialog are not clicks on the card.
    fireEvent.keyDown(dialog, { key: '-' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
    expect(document.activeElement).toBe(options);
    expect(calls).toEqual([]);

    fireEvent.click(within(await openOptions(card)).getByRole('menuitem', { name: 'Delete' }));
    fireEvent.click(
      within(screen.getByRole('alertdialog', { name: 'Delete “Count”?' })).getByRole('button', {
        name: 'Delete counter',
      }),
    );
    expect(calls).toEqual(['remove c1']);
  });

  it('shows a marker for each member pointing at it, and says where this user points', async () => {
    const { card, points } = renderCard({ pointers: [{ clientId: 'ana-client-1', name: 'Ana' }] });
    expect(await within(card).findByRole('img', { name: 'Ana is pointing here' })).toBeTruthy();
    fireEvent.focus(card);
    fireEvent.blur(card);
    expect(points).toEqual(['c1', null]);
  });

  it('points again on each interaction, so that the idle stop counts from the last one', () => {
    const { card, points } = renderCard();
    fireEvent.pointerMove(card);
    fireEvent.keyDown(card, { key: 'Tab' });
    fireEvent.pointerDown(within(card).getByRole('button', { name: 'Increment' }));
    expect(points).toEqual(['c1', 'c1', 'c1']);
  });

  it('marks a pointer of a member the list does not name as someone', async () => {
    const { card } = renderCard({ pointers: [{ clientId: 'unlisted-client', name: undefined }] });
    expect(await within(card).findByRole('img', { name: 'Someone is pointing here' })).toBeTruthy();
  });

  it('shows three pointers’ avatars and "+N" for the rest, which lists them all on a tap until Escape', async () => {
    const pointers = Array.from({ length: 12 }, (_, index) => ({
      clientId: `client-${index}`,
      name: index === 11 ? undefined : `Member ${index}`,
    }));
    const { card } = renderCard({ pointers });
    const more = await within(card).findByRole('button', { name: '9 more people pointing here' });
    expect(within(card).getAllByRole('img', { name: /is pointing here$/ })).toHaveLength(3);
    expect(more.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(more);
    expect(more.getAttribute('aria-expanded')).toBe('true');
    const list = within(card).getByRole('list', { name: 'People pointing here' });
    expect(
      within(list)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual([...pointers.slice(0, 11).map((pointer) => pointer.name), 'and 1 more']);
    fireEvent.keyDown(list, { key: 'Escape' });
    expect(more.getAttribute('aria-expanded')).toBe('false');
    expect(within(card).queryByRole('list', { name: 'People pointing here' })).toBeNull();
    expect(document.activeElement).toBe(more);
  });

  it('shows up to three pointers with no "+N"', async () => {
    const pointers = ['Ana', 'Ben', 'Cleo'].map((name) => ({ clientId: name, name }));
    const { card } = renderCard({ pointers });
    expect(await within(card).findAllByRole('img', { name: /is pointing here$/ })).toHaveLength(3);
    expect(within(card).queryByRole('button', { name: /more/ })).toBeNull();
  });

  it('keeps each word of the name whole, with the whole name in its heading and tooltip', () => {
    const name = 'Visitors through the north door Supercalifragilisticexpialidocious';
    const { card } = renderCard({ counter: { ...count, name } });
    expect(screen.getByRole('group', { name })).toBe(card);
    const heading = within(card).getByRole('heading', { name });
    expect(heading.title).toBe(name);
    expect([...heading.querySelectorAll('.counter-name-word')].map((word) => word.textContent)).toEqual(
      name.split(' '),
    );
  });

  it('makes the + and − keys discoverable on the buttons', () => {
    const { card } = renderCard();
    const increment = within(card).getByRole('button', { name: 'Increment' });
    expect(increment.getAttribute('aria-keyshortcuts')).toBe('Plus');
    expect(increment.title).toBe('Add 1 (key +)');
    expect(within(card).getByRole('button', { name: 'Decrement' }).getAttribute('aria-keyshortcuts')).toBe(
      '-',
    );
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
    fireEvent.click(within(await openOptions(card)).getByRole('menuitem', { name: 'Settings' }));
    const form = await within(card).findByRole('form', { name: 'Settings of Count' });
    fireEvent.change(within(form).getByRole('spinbutton', { name: 'Maximum' }), { target: { value: '' } });
    fireEvent.change(within(form).getByRole('spinbutton', { name: 'Goal' }), { target: { value: '250' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save settings' }));
    await waitFor(() => expect(within(card).queryByRole('form')).toBeNull());
    expect(calls).toEqual(['configure c1 {"max":null,"goal":250}']);
  });

  it('says what is wrong with settings instead of sending them', async () => {
    const { card, calls } = renderCard({ access: 'owner' });
    fireEvent.click(within(await openOptions(card)).getByRole('menuitem', { name: 'Settings' }));
    fireEvent.change(await within(card).findByRole('spinbutton', { name: 'Minimum' }), {
      target: { value: '50' },
    });
    fireEvent.click(within(card).getByRole('button', { name: 'Save settings' }));
    expect(within(card).getByText('The value is 41, below this minimum.')).toBeTruthy();
    expect(calls).toEqual([]);
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
    expect(output?.querySelector('[title]')).toBeNull();
    cleanup();

    const huge = -Number.MAX_SAFE_INTEGER;
    const compact = renderCard({ value: huge }).card.querySelector('output');
    const shown = compact?.querySelector('[aria-hidden="true"]');
    expect(shown?.textContent).toBe(formatCompactValue(huge));
    expect(shown?.getAttribute('title')).toBe(formatValue(huge));
    expect(compact?.querySelector('.visually-hidden')?.textContent).toBe(formatValue(huge));
  });

  it('keeps the goal and limits lines short with huge values, the full lines for hover and screen readers', () => {
    const max = Number.MAX_SAFE_INTEGER;
    const { card } = renderCard({ counter: { ...count, min: -max, max, goal: max }, value: -max });
    const bar = within(card).getByRole('progressbar', { name: 'Goal' });
    const goalLine = `${formatValue(-max)} of ${formatValue(max)}`;
    expect(bar.getAttribute('aria-valuetext')).toBe(goalLine);
    const goalText = card.querySelector('.goal-text [aria-hidden="true"]');
    expect(goalText?.textContent).toBe(`${formatCompactValue(-max)} of ${formatCompactValue(max)}`);
    expect(goalText?.getAttribute('title')).toBe(goalLine);
    const limits = card.querySelector('.counter-limits');
    expect(limits?.querySelector('[aria-hidden="true"]')?.textContent).toBe(
      `${formatCompactValue(-max)} to ${formatCompactValue(max)}`,
    );
    expect(limits?.querySelector('.visually-hidden')?.textContent).toBe(
      `${formatValue(-max)} to ${formatValue(max)}`,
    );
  });
});
