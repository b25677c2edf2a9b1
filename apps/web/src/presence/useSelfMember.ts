import type { Member } from '@tally/events';
import { useMemo, useSyncExternalStore } from 'react';
import { clientId, getGreetedName, subscribeToName } from '../socket/identity';

/** This user as the others see them (the name of the last `hello`); undefined before the first. */
export function useSelfMember(): Member | undefined {
  const name = useSyncExternalStore(subscribeToName, getGreetedName);
  return useMemo(() => (name === '' ? undefined : { clientId, name }), [name]);
}
