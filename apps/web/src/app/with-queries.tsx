import { QueryClientProvider } from '@tanstack/react-query';
import type { ComponentType } from 'react';
import { queryClient } from './query-client';

/**
 * Gives a lazily loaded part of the app (a page, a panel, the sparklines) the app's one HTTP query
 * cache. React Query then comes with the first such part instead of the first screen, whose board
 * comes from the Tally client.
 */
export function withQueries<Props extends object>(Component: ComponentType<Props>): ComponentType<Props> {
  function WithQueries(props: Props) {
    return (
      <QueryClientProvider client={queryClient}>
        <Component {...props} />
      </QueryClientProvider>
    );
  }
  return WithQueries;
}
