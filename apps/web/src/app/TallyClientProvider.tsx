import type { TallyClient } from '@tally/client';
import { createContext, type ReactNode, useContext } from 'react';

const TallyClientContext = createContext<TallyClient | null>(null);

/** Hands the tab's one client (made outside React, see tally-client.ts) to the component tree. */
export function TallyClientProvider(props: { client: TallyClient; children: ReactNode }) {
  return <TallyClientContext value={props.client}>{props.children}</TallyClientContext>;
}

/** The tab's client. Throws outside a TallyClientProvider, so a missing provider fails loudly. */
export function useTallyClient(): TallyClient {
  const client = useContext(TallyClientContext);
  if (client === null) throw new Error('useTallyClient() needs a <TallyClientProvider> above it.');
  return client;
}
