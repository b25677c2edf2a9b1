import type { HandshakeAuth } from '@tally/events';
import { randomId } from '../sync/random-id';

const CLIENT_ID_KEY = 'tally.clientId';
const NAME_KEY = 'tally.name';
const MAX_NAME_LENGTH = 32;

function readStorage(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function writeStorage(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // Storage refused (private mode): the value lives in memory for this page.
  }
}

/** One clientId per browser profile, so that every tab of a profile is one member of a board. */
export const clientId: string = (() => {
  const stored = readStorage(CLIENT_ID_KEY);
  if (stored !== null && /^[A-Za-z0-9_-]{8,64}$/.test(stored)) return stored;
  const fresh = randomId();
  writeStorage(CLIENT_ID_KEY, fresh);
  return fresh;
})();

let name: string = normalizeName(readStorage(NAME_KEY) ?? '');
const nameListeners = new Set<() => void>();

/** Trims and caps a name the way the server will accept it (1–32 chars; empty means "pick one for me"). */
export function normalizeName(raw: string): string {
  return [...raw.trim()].slice(0, MAX_NAME_LENGTH).join('');
}

/** The user's display name; empty until they choose one or the server names them. */
export function getName(): string {
  return name;
}

/** Stores a new name and tells subscribers; returns whether it changed. */
export function setName(raw: string): boolean {
  const next = normalizeName(raw);
  if (next === name) return false;
  name = next;
  writeStorage(NAME_KEY, next);
  for (const listener of nameListeners) listener();
  return true;
}

/** Another tab of this profile changed the name; returns whether it differs from ours. */
export function reloadNameFromStorage(): boolean {
  return setName(readStorage(NAME_KEY) ?? '');
}

/** The storage key of the name, to notice changes made in other tabs. */
export const NAME_STORAGE_KEY = NAME_KEY;

export function subscribeToName(listener: () => void): () => void {
  nameListeners.add(listener);
  return () => nameListeners.delete(listener);
}

/** Read at every (re)connection, so a new name travels with the next handshake. */
export function handshakeAuth(): HandshakeAuth {
  return name === '' ? { clientId } : { clientId, name };
}
