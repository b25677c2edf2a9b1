import type { HandshakeAuth, ServerPayload } from '@tally/events';
import { createStore, type ReadableStore } from '../readable-store.js';
import { type ClientStorage, STORAGE_KEYS } from '../storage/client-storage.js';
import type { TabChannel } from '../tabs/tab-channel.js';

const MAX_NAME_LENGTH = 32;
/** A clientId as the protocol shapes it; anything else read back from storage is not one. */
export const CLIENT_ID_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;
/** The longest memberToken the protocol allows. */
export const MAX_TOKEN_LENGTH = 200;

/**
 * Who this client is. `clientId` and `memberToken` (v1.1) are what the server gave and what proves
 * it: both empty before the first `hello` of a new profile. Two names are kept apart: the one the
 * user chose (empty until they type one) and the one the server made up meanwhile ("Guest 5844"),
 * so that the made-up one never mixes into what the user types. `greetedName` is how the last
 * `hello` named this connection: how the others see this user.
 */
export interface Identity {
  clientId: string;
  memberToken: string;
  chosenName: string;
  guestName: string;
  greetedName: string;
}

export interface IdentityKeeper {
  readonly identity: ReadableStore<Identity>;
  /** The stored identity and names have been read in (the first handshake waits for it). */
  readonly ready: Promise<void>;
  /** Read at every (re)connection: a clientId goes with its token only. */
  handshakeAuth(): HandshakeAuth;
  /** Keeps what a `hello` says; returns whether the stored identity changed. */
  adoptHello(hello: ServerPayload<'hello'>): void;
  /** Stores the name the user chose; returns whether the name the server should know changed. */
  setName(raw: string): boolean;
  dispose(): void;
}

/** Trims and caps a name the way the server will accept it (1–32 chars; empty means "pick one for me"). */
export function normalizeName(raw: string): string {
  return [...raw.trim()].slice(0, MAX_NAME_LENGTH).join('');
}

const EMPTY: Identity = { clientId: '', memberToken: '', chosenName: '', guestName: '', greetedName: '' };

function readIdentity(value: unknown): Pick<Identity, 'clientId' | 'memberToken'> {
  const stored = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const clientId =
    typeof stored.clientId === 'string' && CLIENT_ID_PATTERN.test(stored.clientId) ? stored.clientId : '';
  const token = typeof stored.memberToken === 'string' ? stored.memberToken : '';
  return { clientId, memberToken: clientId !== '' && token.length <= MAX_TOKEN_LENGTH ? token : '' };
}

function readNames(value: unknown): Pick<Identity, 'chosenName' | 'guestName'> {
  const stored = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  return {
    chosenName: normalizeName(typeof stored.chosen === 'string' ? stored.chosen : ''),
    guestName: normalizeName(typeof stored.guest === 'string' ? stored.guest : ''),
  };
}

/** The name the others see: the chosen one, else the guest name (empty: the server picks one). */
function nameForServer(identity: Identity): string {
  return identity.chosenName === '' ? identity.guestName : identity.chosenName;
}

/**
 * Keeps the identity and the names in the client's storage, shared by the tabs of a profile: a
 * change one tab makes is announced on the tab channel, and `onChangedElsewhere` runs when the
 * handshake this tab would send changed (its socket must reconnect as the new member or name).
 * `initial` (a bot's stored pair, a bot's name) wins over what storage holds.
 */
export function createIdentityKeeper(options: {
  storage: ClientStorage;
  channel: TabChannel;
  initial?: { identity?: { clientId: string; memberToken: string }; name?: string };
  /** Storage is read once this settles (an older app's data is being moved into it). */
  notBefore?: Promise<unknown>;
  onChangedElsewhere(): void;
}): IdentityKeeper {
  const { storage, channel, initial } = options;
  const store = createStore<Identity>(EMPTY);
  let disposed = false;

  async function load(): Promise<Identity> {
    const [identity, names] = await Promise.all([
      storage.get(STORAGE_KEYS.identity),
      storage.get(STORAGE_KEYS.names),
    ]);
    return { ...store.get(), ...readIdentity(identity), ...readNames(names) };
  }

  const ready = (async () => {
    await options.notBefore;
    const loaded = await load().catch(() => store.get());
    let next = loaded;
    if (initial?.identity !== undefined) next = { ...next, ...readIdentity(initial.identity) };
    if (initial?.name !== undefined) next = { ...next, chosenName: normalizeName(initial.name) };
    store.set(next);
  })();

  function persist(key: string, value: unknown): void {
    storage.set(key, value).then(
      () => channel.post({ type: 'identity-changed' }),
      () => {
        // The storage adapter degrades to memory by itself; nothing more to do here.
      },
    );
  }

  const unsubscribe = channel.subscribe((notice) => {
    if (notice.type !== 'identity-changed' || disposed) return;
    void load().then((fresh) => {
      const before = store.get();
      const sameHandshake =
        fresh.clientId === before.clientId &&
        fresh.memberToken === before.memberToken &&
        nameForServer(fresh) === nameForServer(before);
      store.set({ ...fresh, greetedName: before.greetedName });
      if (!sameHandshake) options.onChangedElsewhere();
    });
  });

  return {
    identity: store,
    ready,
    handshakeAuth() {
      const { clientId, memberToken } = store.get();
      const name = nameForServer(store.get());
      return {
        ...(clientId !== '' && memberToken !== '' ? { clientId, memberToken } : {}),
        ...(name === '' ? {} : { name }),
      };
    },
    adoptHello(hello) {
      const current = store.get();
      const token = hello.memberToken ?? '';
      const guestName =
        current.chosenName === '' && normalizeName(hello.name) !== current.guestName
          ? normalizeName(hello.name)
          : current.guestName;
      const next = {
        ...current,
        clientId: hello.clientId,
        memberToken: token,
        guestName,
        greetedName: hello.name,
      };
      store.set(
        next.clientId === current.clientId &&
          next.memberToken === current.memberToken &&
          next.guestName === current.guestName &&
          next.greetedName === current.greetedName
          ? current
          : next,
      );
      // All tabs of a profile are one member: a new pair or guest name is kept for every tab and visit.
      if (next.clientId !== current.clientId || next.memberToken !== current.memberToken)
        persist(STORAGE_KEYS.identity, { clientId: next.clientId, memberToken: next.memberToken });
      if (next.guestName !== current.guestName)
        persist(STORAGE_KEYS.names, { chosen: next.chosenName, guest: next.guestName });
    },
    setName(raw) {
      const current = store.get();
      const chosenName = normalizeName(raw);
      if (chosenName === current.chosenName) return false;
      const next = { ...current, chosenName };
      store.set(next);
      persist(STORAGE_KEYS.names, { chosen: next.chosenName, guest: next.guestName });
      return nameForServer(next) !== nameForServer(current);
    },
    dispose() {
      disposed = true;
      unsubscribe();
    },
  };
}
