import { useSyncExternalStore } from 'react';
import { getClientId, subscribeToIdentity } from './identity';

/** This profile's clientId, re-rendering when the server gives it a new one (empty before the first `hello`). */
export function useClientId(): string {
  return useSyncExternalStore(subscribeToIdentity, getClientId);
}
