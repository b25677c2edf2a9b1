import type { HandshakeAuth } from '@tally/events';
import { randomId } from '../sync/random-id';

const CLIENT_ID_KEY = 'tally.clientId';
const NAME_KEY = 'tally.name';
const GUEST_NAME_KEY = 'tally.guestName';
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

/**
 * Two names: the one the user typed into "Your name", and the one the server made up for a user
 * who had not typed one yet ("Guest 5844"). Kept apart so that the guest name is only ever shown
 * as the field's placeholder: it never lands in a field the user types into, where the two
 * would mix ("Guest 5844Ana").
 */
let chosenName: string = normalizeName(readStorage(NAME_KEY) ?? '');
let guestName: string = normalizeName(readStorage(GUEST_NAME_KEY) ?? '');
const nameListeners = new Set<() => void>();

function notifyNameListeners(): void {
  for (const listener of nameListeners) listener();
}

/** Trims and caps a name the way the server will accept it (1–32 chars; empty means "pick one for me"). */
export function normalizeName(raw: string): string {
  return [...raw.trim()].slice(0, MAX_NAME_LENGTH).join('');
}

/** The name the user chose; empty until they type one. */
export function getChosenName(): string {
  return chosenName;
}

/** The name the server gave while the user had chosen none; empty before the first `hello`. */
export function getGuestName(): string {
  return guestName;
}

/** The name the others see: the chosen one, else the guest name (empty: the server picks one). */
function nameForServer(): string {
  return chosenName === '' ? guestName : chosenName;
}

/** Stores the name the user chose and tells subscribers; returns whether the name sent to the server changed. */
export function setName(raw: string): boolean {
  const before = nameForServer();
  const next = normalizeName(raw);
  if (next === chosenName) return false;
  chosenName = next;
  writeStorage(NAME_KEY, next);
  notifyNameListeners();
  return nameForServer() !== before;
}

/**
 * Keeps the name the server greeted us with (`hello`) when the user has chosen none, for every
 * tab and the next visits. A chosen name is never replaced by it.
 */
export function adoptServerName(raw: string): void {
  const next = normalizeName(raw);
  if (chosenName !== '' || next === guestName) return;
  guestName = next;
  writeStorage(GUEST_NAME_KEY, next);
  notifyNameListeners();
}

/** The name of this tab's last `hello`: how the others see this user (empty before the first). */
let greetedName = '';

export function getGreetedName(): string {
  return greetedName;
}

/** Keeps the name the server greeted this connection with (`hello`), chosen or made up. */
export function rememberGreetedName(name: string): void {
  if (name === greetedName) return;
  greetedName = name;
  notifyNameListeners();
}

/** Another tab of this profile changed a name; returns whether the name sent to the server changed. */
export function reloadNamesFromStorage(): boolean {
  const before = nameForServer();
  chosenName = normalizeName(readStorage(NAME_KEY) ?? '');
  guestName = normalizeName(readStorage(GUEST_NAME_KEY) ?? '');
  notifyNameListeners();
  return nameForServer() !== before;
}

/** The storage keys of the names, to notice changes made in other tabs. */
export const NAME_STORAGE_KEYS: readonly string[] = [NAME_KEY, GUEST_NAME_KEY];

export function subscribeToName(listener: () => void): () => void {
  nameListeners.add(listener);
  return () => nameListeners.delete(listener);
}

/** Read at every (re)connection, so a new name travels with the next handshake. */
export function handshakeAuth(): HandshakeAuth {
  const name = nameForServer();
  return name === '' ? { clientId } : { clientId, name };
}
