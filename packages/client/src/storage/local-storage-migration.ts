import { CLIENT_ID_PATTERN, MAX_TOKEN_LENGTH } from '../identity/identity.js';
import { readStoredOps, withOpsAppended } from '../ops/pending-queue.js';
import { type ClientStorage, STORAGE_KEYS } from './client-storage.js';

/** Where the web app kept its state before `@tally/client`, in localStorage. */
const LEGACY_KEYS = {
  /** `{ version: 1, ops: PendingOp[] }`, the same shape as the stored queue. */
  pendingOps: 'tally.pendingOps',
  clientId: 'tally.clientId',
  memberToken: 'tally.memberToken',
  chosenName: 'tally.name',
  guestName: 'tally.guestName',
} as const;

type LegacyStorage = Pick<Storage, 'getItem' | 'removeItem'>;

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Moves the clicks an older page queued into the shared queue. localStorage loses them only once
 * they are written (deduplicated by opId, so two tabs starting together add each once).
 */
async function migratePendingOps(storage: ClientStorage, local: LegacyStorage): Promise<void> {
  const stored = local.getItem(LEGACY_KEYS.pendingOps);
  if (stored === null) return;
  const ops = readStoredOps(parseJson(stored));
  if (ops.length > 0)
    await storage.update(STORAGE_KEYS.pendingOps, (current) => withOpsAppended(current, ops));
  local.removeItem(LEGACY_KEYS.pendingOps);
}

/** The member the older page was, unless this profile already has an identity of its own. */
async function migrateIdentity(storage: ClientStorage, local: LegacyStorage): Promise<void> {
  const clientId = local.getItem(LEGACY_KEYS.clientId);
  const memberToken = local.getItem(LEGACY_KEYS.memberToken);
  if (clientId === null || !CLIENT_ID_PATTERN.test(clientId)) return;
  if (memberToken === null || memberToken === '' || memberToken.length > MAX_TOKEN_LENGTH) return;
  await storage.update(STORAGE_KEYS.identity, (current) => current ?? { clientId, memberToken });
}

/** The names the older page kept (or that tooling seeded), unless this profile already has names. */
async function migrateNames(storage: ClientStorage, local: LegacyStorage): Promise<void> {
  const chosen = local.getItem(LEGACY_KEYS.chosenName);
  const guest = local.getItem(LEGACY_KEYS.guestName);
  if (chosen === null && guest === null) return;
  await storage.update(
    STORAGE_KEYS.names,
    (current) => current ?? { chosen: chosen ?? '', guest: guest ?? '' },
  );
}

/**
 * Carries the state of the localStorage-based web app over to `storage`; run at every start
 * (a page of the older app may still have been open and queued more). Each part is done on its
 * own, and one that fails (a blocked localStorage, a failing storage) leaves its keys where they
 * were for the next start. The identity and name keys stay in localStorage: reading them again
 * is harmless, and tooling seeds `tally.name` there before a page loads. Never rejects.
 */
export async function migrateLocalStorage(
  storage: ClientStorage,
  local: LegacyStorage | null,
): Promise<void> {
  if (local === null) return;
  for (const migrate of [migratePendingOps, migrateIdentity, migrateNames]) {
    try {
      await migrate(storage, local);
    } catch {
      // Left as it was: the next start tries again.
    }
  }
}
