import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConnectionStatusStore } from '../socket/connection-status';
import { adoptServerName, getGuestName, handshakeAuth, reloadNamesFromStorage } from '../socket/identity';
import { SocketProvider } from '../socket/SocketProvider';
import type { TallySocket } from '../socket/socket';
import { NameField } from './NameField';

/** The parts of a connected socket.io-client socket that a rename touches, recording the reconnect. */
function connectedSocket() {
  const calls: string[] = [];
  const socket = {
    connected: true,
    active: true,
    io: { engine: { transport: { name: 'websocket' } } },
    disconnect() {
      calls.push('disconnect');
      return socket;
    },
    connect() {
      calls.push('connect');
      return socket;
    },
  };
  return { calls, socket: socket as unknown as TallySocket };
}

const noStatus: ConnectionStatusStore = {
  getSnapshot: () => ({ kind: 'connected', rttMs: null }),
  subscribe: () => () => {},
};

function renderField() {
  const { calls, socket } = connectedSocket();
  render(
    <SocketProvider socket={socket} connection={noStatus}>
      <NameField />
    </SocketProvider>,
  );
  const field = screen.getByRole<HTMLInputElement>('textbox', { name: 'Your name' });
  return { calls, field };
}

/** What socket.ts does with the server's `hello`. */
function helloNames(name: string): void {
  act(() => adoptServerName(name));
}

describe('NameField', () => {
  beforeEach(() => {
    localStorage.clear();
    reloadNamesFromStorage();
  });
  afterEach(cleanup);

  it('shows the guest name from hello as the placeholder, so typing gives just what was typed (regression: "Guest 5844Ana")', () => {
    const { field, calls } = renderField();
    helloNames('Guest 5844');
    expect(field.value).toBe('');
    expect(field.placeholder).toBe('Guest 5844');
    // Until the user picks a name, the guest name is who they are, here and after a reload.
    expect(handshakeAuth().name).toBe('Guest 5844');

    fireEvent.focus(field);
    fireEvent.change(field, { target: { value: 'Ana' } });
    fireEvent.blur(field);
    expect(field.value).toBe('Ana');
    expect(handshakeAuth().name).toBe('Ana');
    expect(calls).toEqual(['disconnect', 'connect']);
  });

  it('a guest name arriving mid-typing never overwrites the field, and what the user typed wins', () => {
    const { field, calls } = renderField();
    fireEvent.focus(field);
    fireEvent.change(field, { target: { value: 'An' } });
    helloNames('Guest 5844');
    expect(field.value).toBe('An');

    fireEvent.change(field, { target: { value: 'Ana' } });
    fireEvent.keyDown(field, { key: 'Enter' });
    expect(handshakeAuth().name).toBe('Ana');
    expect(calls).toEqual(['disconnect', 'connect']);

    // A late hello of the connection made before the rename changes nothing either.
    helloNames('Guest 7777');
    expect(field.value).toBe('Ana');
    expect(getGuestName()).toBe('Guest 5844');
    expect(handshakeAuth().name).toBe('Ana');
  });

  it('keeps a name chosen on an earlier visit as the value', () => {
    localStorage.setItem('tally.name', 'Ben');
    reloadNamesFromStorage();
    const { field, calls } = renderField();
    helloNames('Ben');
    expect(field.value).toBe('Ben');
    expect(handshakeAuth().name).toBe('Ben');
    // Emptying the field does not drop the name: leaving it brings the name back.
    fireEvent.focus(field);
    fireEvent.change(field, { target: { value: '' } });
    fireEvent.blur(field);
    expect(field.value).toBe('Ben');
    expect(calls).toEqual([]);
  });
});
