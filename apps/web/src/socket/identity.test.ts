import { beforeEach, describe, expect, it } from 'vitest';
import {
  adoptServerIdentity,
  getClientId,
  handshakeAuth,
  reloadIdentityFromStorage,
  reloadNamesFromStorage,
} from './identity';

const TOKEN = 'token-of-ana-0001';

describe('member identity', () => {
  beforeEach(() => {
    localStorage.clear();
    reloadIdentityFromStorage();
    reloadNamesFromStorage();
  });

  it('a new profile sends no clientId: the server makes the member', () => {
    expect(getClientId()).toBe('');
    expect(handshakeAuth()).toEqual({});
  });

  it("keeps hello's clientId and memberToken, sends them together, and still has them after a reload", () => {
    expect(adoptServerIdentity('ana-client-1', TOKEN)).toBe(true);
    expect(handshakeAuth()).toEqual({ clientId: 'ana-client-1', memberToken: TOKEN });
    expect(localStorage.getItem('tally.clientId')).toBe('ana-client-1');
    expect(localStorage.getItem('tally.memberToken')).toBe(TOKEN);

    // A reload reads the same storage again.
    expect(reloadIdentityFromStorage()).toBe(false);
    expect(getClientId()).toBe('ana-client-1');
    expect(handshakeAuth()).toEqual({ clientId: 'ana-client-1', memberToken: TOKEN });
    // The same hello on every reconnect changes nothing.
    expect(adoptServerIdentity('ana-client-1', TOKEN)).toBe(false);
  });

  it('adopts the new member the server made when it refused the stored pair', () => {
    adoptServerIdentity('ana-client-1', TOKEN);
    expect(adoptServerIdentity('fresh-client-2', 'token-of-fresh-2')).toBe(true);
    expect(getClientId()).toBe('fresh-client-2');
    expect(handshakeAuth()).toEqual({ clientId: 'fresh-client-2', memberToken: 'token-of-fresh-2' });
  });

  it('does not send a clientId stored without its token (a v1 leftover): it could only be replaced', () => {
    localStorage.setItem('tally.clientId', 'old-v1-client');
    reloadIdentityFromStorage();
    expect(handshakeAuth()).toEqual({});
  });

  it('notices another tab storing a new identity, and sends the name beside it', () => {
    adoptServerIdentity('ana-client-1', TOKEN);
    localStorage.setItem('tally.name', 'Ana');
    reloadNamesFromStorage();
    localStorage.setItem('tally.clientId', 'other-tab-client');
    localStorage.setItem('tally.memberToken', 'token-of-other-tab');
    expect(reloadIdentityFromStorage()).toBe(true);
    expect(handshakeAuth()).toEqual({
      clientId: 'other-tab-client',
      memberToken: 'token-of-other-tab',
      name: 'Ana',
    });
  });
});
