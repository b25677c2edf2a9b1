import type { Member } from '@tally/events';
import { useMemo, useSyncExternalStore } from 'react';
import { getGreetedName, subscribeToIdentity } from '../socket/identity';
import { useClientId } from '../socket/useClientId';

/** This user as the others see them (the name of the last `hello`); undefined before the first. */
export function useSelfMember(): Member | undefined {
  const name = useSyncExternalStore(subscribeToIdentity, getGreetedName);
  const clientId = useClientId();
  return useMemo(() => (name === '' || clientId === '' ? undefined : { clientId, name }), [name, clientId]);
}
