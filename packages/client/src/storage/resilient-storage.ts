import type { ClientStorage } from './client-storage.js';

/** What a key held after the latest call that touched it; `call` orders the calls as they were made. */
interface KnownValue {
  call: number;
  value: unknown;
}

function describeFailure(error: unknown): string {
  if (error instanceof Error) return error.message === '' ? error.name : error.message;
  return String(error);
}

function degradedWarning(kind: string, error: unknown): string {
  const reason = describeFailure(error);
  return kind === 'indexeddb'
    ? `Your browser refused to store Tally's data (${reason}): pending clicks and your identity last only while this page is open.`
    : `Tally could not use its ${kind} storage (${reason}): pending clicks and the identity last only while this process runs.`;
}

/**
 * Storage that never fails its caller: the first time the primary throws or rejects (quota full,
 * IndexedDB missing or blocked in private mode, data that cannot be read), it switches for good
 * to an in-memory copy and says so once through `onDegraded`. The copy starts with what the
 * primary returned or accepted so far; a call still under way on the primary when it failed that
 * lands afterwards is kept too, unless a later call changed the key meanwhile. Errors thrown by
 * an `update`'s own updater are the caller's, not the storage's: they are passed on.
 */
export function resilientStorage(
  primary: ClientStorage,
  onDegraded: (warning: string) => void,
): ClientStorage {
  const known = new Map<string, KnownValue>();
  let calls = 0;
  let degraded = false;

  function remember(key: string, call: number, value: unknown): void {
    const latest = known.get(key);
    if (latest === undefined || latest.call < call) known.set(key, { call, value: structuredClone(value) });
  }

  function recall(key: string): unknown {
    return structuredClone(known.get(key)?.value);
  }

  function degrade(error: unknown): void {
    if (degraded) return;
    degraded = true;
    onDegraded(degradedWarning(primary.kind, error));
  }

  /**
   * Runs a call on the primary while it works; afterwards, and when it fails, `inMemory` answers.
   * `failedInCaller` tells a failure of the caller's own code (an updater), which is passed on.
   */
  async function attempt<T>(
    onPrimary: () => Promise<T>,
    inMemory: () => T,
    failedInCaller: () => boolean = () => false,
  ): Promise<T> {
    if (degraded) return inMemory();
    try {
      return await onPrimary();
    } catch (error) {
      if (failedInCaller()) throw error;
      degrade(error);
      return inMemory();
    }
  }

  /** A call that leaves `value` under `key` (a set, a delete). */
  function write(key: string, value: unknown, onPrimary: () => Promise<void>): Promise<void> {
    const call = ++calls;
    // Copied now: the caller may change the object before the primary is done.
    const written = structuredClone(value);
    return attempt(
      async () => {
        await onPrimary();
        remember(key, call, written);
      },
      () => remember(key, call, written),
    );
  }

  return {
    get kind() {
      return degraded ? 'memory' : primary.kind;
    },
    get(key) {
      const call = ++calls;
      return attempt(
        async () => {
          const value = await primary.get(key);
          remember(key, call, value);
          return value;
        },
        () => recall(key),
      );
    },
    set: (key, value) => write(key, value, () => primary.set(key, value)),
    delete: (key) => write(key, undefined, () => primary.delete(key)),
    update<T>(key: string, updater: (current: unknown) => T): Promise<T> {
      const call = ++calls;
      let updaterFailed = false;
      const guarded = (current: unknown): T => {
        try {
          return updater(current);
        } catch (error) {
          updaterFailed = true;
          throw error;
        }
      };
      return attempt(
        async () => {
          const next = await primary.update(key, guarded);
          remember(key, call, next);
          return next;
        },
        () => {
          const next = guarded(recall(key));
          remember(key, call, next);
          return next;
        },
        () => updaterFailed,
      );
    },
  };
}
