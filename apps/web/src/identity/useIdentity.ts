import type { Identity } from '@tally/client';
import { useSyncExternalStore } from 'react';
import { useTallyClient } from '../app/TallyClientProvider';

/**
 * One field of who this client is (read from storage once the page has started, then kept
 * current by `hello`s and other tabs), re-rendering only when that field changes.
 */
export function useIdentity<F extends keyof Identity>(field: F): Identity[F] {
  const { identity } = useTallyClient();
  return useSyncExternalStore(identity.subscribe, () => identity.get()[field]);
}

/** This profile's clientId, re-rendering when the server gives it a new one (empty before the first `hello`). */
export function useClientId(): string {
  return useIdentity('clientId');
}
