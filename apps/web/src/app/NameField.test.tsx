import type { Identity, TallyClient } from '@tally/client';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { NameField } from './NameField';
import { TallyClientProvider } from './TallyClientProvider';

/**
 * The part of a client the field uses: its identity, which the test changes the way the client
 * does (storage read, a `hello`), and `setName`, which records the names the field committed and
 * keeps them as the chosen name, as the client does.
 */
function clientStandIn() {
  let identity: Identity = { clientId: '', memberToken: '', chosenName: '', guestName: '', greetedName: '' };
  const listeners = new Set<() => void>();
  const committed: string[] = [];
  const change = (fields: Partial<Identity>) =>
    act(() => {
      identity = { ...identity, ...fields };
      for (const listener of listeners) listener();
    });
  const client: Pick<TallyClient, 'identity' | 'setName'> = {
    identity: {
      get: () => identity,
      subscribe(listener) {
        listeners.add(listener);
        return () => {
          listeners.delete(listener);
        };
      },
    },
    setName(name) {
      committed.push(name);
      identity = { ...identity, chosenName: name };
      for (const listener of listeners) listener();
    },
  };
  return { client: client as TallyClient, committed, change };
}

function renderField() {
  const { client, committed, change } = clientStandIn();
  render(
    <TallyClientProvider client={client}>
      <NameField />
    </TallyClientProvider>,
  );
  const field = screen.getByRole<HTMLInputElement>('textbox', { name: 'Your name' });
  return { field, committed, change };
}

describe('NameField', () => {
  afterEach(cleanup);

  it('shows the guest name from hello as the placeholder, so typing gives just what was typed (regression: "Guest 5844Ana")', () => {
    const { field, committed, change } = renderField();
    change({ guestName: 'Guest 5844' });
    expect(field.value).toBe('');
    expect(field.placeholder).toBe('Guest 5844');

    fireEvent.focus(field);
    fireEvent.change(field, { target: { value: 'Ana' } });
    fireEvent.blur(field);
    expect(field.value).toBe('Ana');
    expect(committed).toEqual(['Ana']);
  });

  it('a guest name arriving mid-typing never overwrites the field, and what the user typed wins', () => {
    const { field, committed, change } = renderField();
    fireEvent.focus(field);
    fireEvent.change(field, { target: { value: 'An' } });
    change({ guestName: 'Guest 5844' });
    expect(field.value).toBe('An');

    fireEvent.change(field, { target: { value: 'Ana' } });
    fireEvent.keyDown(field, { key: 'Enter' });
    expect(committed).toEqual(['Ana']);
    change({ guestName: 'Guest 7777' });
    expect(field.value).toBe('Ana');
  });

  it('shows a name chosen on an earlier visit once the client has read it from storage, and keeps it when emptied', () => {
    const { field, committed, change } = renderField();
    expect(field.value).toBe('');
    change({ chosenName: 'Ben' });
    expect(field.value).toBe('Ben');
    // Emptying the field does not drop the name: leaving it brings the name back.
    fireEvent.focus(field);
    fireEvent.change(field, { target: { value: '' } });
    fireEvent.blur(field);
    expect(field.value).toBe('Ben');
    expect(committed).toEqual([]);
  });

  it('a stored name read while the user types does not replace what they type', () => {
    const { field, change } = renderField();
    fireEvent.focus(field);
    fireEvent.change(field, { target: { value: 'Cl' } });
    change({ chosenName: 'Ben' });
    expect(field.value).toBe('Cl');
  });
});
