import type { HandshakeAuth } from '@tally/events';

const CLIENT_ID_KEY = 'tally.clientId';
const MEMBER_TOKEN_KEY = 'tally.memberToken';
const NAME_KEY = 'tally.name';
const GUEST_NAME_KEY = 'tally.guestName';
const MAX_NAME_LENGTH = 32;
const CLIENT_ID_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;
const MAX_TOKEN_LENGTH = 200;

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

function removeStorage(key: string): void {
  try {
    localStorage.removeItem(key);
  } catch {
    // As above: nothing stored, nothing to remove.
  }
}

/**
 * Who this browser profile is: the clientId the server gave it and the memberToken that proves
 * it (v1.1), kept together in localStorage so that every tab of the profile is one member. The
 * server honours a clientId only with its token; before the first `hello` there is neither, and
 * the server makes a member up. Both empty strings until then.
 */
let clientId = '';
let memberToken = '';

function loadIdentity(): void {
  const storedId = readStorage(CLIENT_ID_KEY) ?? '';
  const storedToken = readStorage(MEMBER_TOKEN_KEY) ?? '';
  clientId = CLIENT_ID_PATTERN.test(storedId) ? storedId : '';
  memberToken = clientId !== '' && storedToken.length <= MAX_TOKEN_LENGTH ? storedToken : '';
}
loadIdentity();

/** This profile's clientId as the server knows it; empty before the first `hello` of a new profile. */
export function getClientId(): string {
  return clientId;
}

/**
 * Keeps the identity of a `hello`. When the server did not honour the stored pair (no token, a
 * wrong one, a token from another server), it made this socket a new member: that member is who
 * this profile is from now on, in every tab. Returns whether anything changed.
 */
export function adoptServerIdentity(helloClientId: string, helloToken: string | undefined): boolean {
  const token = helloToken ?? '';
  if (helloClientId === clientId && token === memberToken) return false;
  clientId = helloClientId;
  memberToken = token;
  writeStorage(CLIENT_ID_KEY, clientId);
  if (token === '') removeStorage(MEMBER_TOKEN_KEY);
  else writeStorage(MEMBER_TOKEN_KEY, token);
  notifyListeners();
  return true;
}

/** Another tab of this profile changed the identity (it was given a new one); returns whether this tab's changed. */
export function reloadIdentityFromStorage(): boolean {
  const before = `${clientId} ${memberToken}`;
  loadIdentity();
  if (`${clientId} ${memberToken}` === before) return false;
  notifyListeners();
  return true;
}

/**
 * Two names: the one the user typed into "Your name", and the one the server made up for a user
 * who had not typed one yet ("Guest 5844"). Kept apart so that the guest name is only ever shown
 * as the field's placeholder: it never lands in a field the user types into, where the two
 * would mix ("Guest 5844Ana").
 */
let chosenName: string = normalizeName(readStorage(NAME_KEY) ?? '');
let guestName: string = normalizeName(readStorage(GUEST_NAME_KEY) ?? '');
const listeners = new Set<() => void>();

function notifyListeners(): void {
  for (const listener of listeners) listener();
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
  notifyListeners();
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
  notifyListeners();
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
  notifyListeners();
}

/** Another tab of this profile changed a name; returns whether the name sent to the server changed. */
export function reloadNamesFromStorage(): boolean {
  const before = nameForServer();
  chosenName = normalizeName(readStorage(NAME_KEY) ?? '');
  guestName = normalizeName(readStorage(GUEST_NAME_KEY) ?? '');
  notifyListeners();
  return nameForServer() !== before;
}

/** The storage keys of the names, to notice changes made in other tabs. */
export const NAME_STORAGE_KEYS: readonly string[] = [NAME_KEY, GUEST_NAME_KEY];
/** The storage keys of the identity, to notice another tab adopting a new one. */
export const IDENTITY_STORAGE_KEYS: readonly string[] = [CLIENT_ID_KEY, MEMBER_TOKEN_KEY];

/** Tells the listener about any change of the identity or the names (for useSyncExternalStore). */
export function subscribeToIdentity(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * Read at every (re)connection, so a new name or identity travels with the next handshake. A
 * clientId goes with its token only: alone (a v1 leftover) it would just be replaced.
 */
export function handshakeAuth(): HandshakeAuth {
  const name = nameForServer();
  return {
    ...(clientId !== '' && memberToken !== '' ? { clientId, memberToken } : {}),
    ...(name === '' ? {} : { name }),
  };
}
