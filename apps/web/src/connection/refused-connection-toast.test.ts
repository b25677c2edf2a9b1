import type { ConnectionStatus, TallyClient } from '@tally/client';
import { afterEach, describe, expect, it } from 'vitest';
import { dismissToast, getToasts } from '../toasts/toast-store';
import { toastRefusedConnection } from './refused-connection-toast';

/** A client's connection status that the test moves on, telling its listeners each time as the client does. */
function connectionStandIn() {
  let status: ConnectionStatus = { kind: 'connecting' };
  const listeners = new Set<() => void>();
  const connection: TallyClient['connection'] = {
    get: () => status,
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
  const become = (next: ConnectionStatus) => {
    status = next;
    for (const listener of listeners) listener();
  };
  return { connection, become };
}

const messages = () => getToasts().map((toast) => toast.message);
const refused: ConnectionStatus = { kind: 'offline', reason: 'refused', detail: 'invalid member token' };

describe('toastRefusedConnection', () => {
  afterEach(() => {
    for (const toast of getToasts()) dismissToast(toast.id);
  });

  it('says once that the server refused the handshake, and again each time it happens anew', () => {
    const { connection, become } = connectionStandIn();
    const stop = toastRefusedConnection({ connection });
    become({ kind: 'reconnecting', attempt: 1 });
    expect(messages()).toEqual([]);
    become(refused);
    become({ ...refused });
    expect(messages()).toEqual([
      'The server refused the connection (invalid member token). Reload the page to try again.',
    ]);
    become({ kind: 'connecting' });
    become(refused);
    expect(messages()).toHaveLength(2);
    stop();
    become({ kind: 'connecting' });
    become(refused);
    expect(messages()).toHaveLength(2);
  });

  it('says nothing of other ways to be offline', () => {
    const { connection, become } = connectionStandIn();
    toastRefusedConnection({ connection });
    become({ kind: 'offline', reason: 'browser-offline' });
    become({ kind: 'offline', reason: 'gave-up' });
    expect(messages()).toEqual([]);
  });
});
