import type { Member } from '@tally/events';
import { useMemo } from 'react';
import { useClientId, useIdentity } from '../identity/useIdentity';

/** This user as the others see them (the name of the last `hello`); undefined before the first. */
export function useSelfMember(): Member | undefined {
  const name = useIdentity('greetedName');
  const clientId = useClientId();
  return useMemo(() => (name === '' || clientId === '' ? undefined : { clientId, name }), [name, clientId]);
}
