import type { LiveEvent } from '@tally/client';
import { useEffect, useRef } from 'react';
import { showToast } from '../toasts/toast-store';

/** What someone else's deletion of a counter is announced as. */
function deletionNotice(counterName: string): string {
  return `“${counterName}” was deleted`;
}

/**
 * Says so, politely, when someone else deletes a counter of the open board: its card just
 * vanishes otherwise. The owner who deleted it (this client) has already confirmed it.
 */
export function useDeletionNotices(live: readonly LiveEvent[], selfId: string): void {
  // Only what is heard from now on: events already in the list were there before this page.
  const seen = useRef(live.at(-1)?.seq ?? 0);
  useEffect(() => {
    const after = seen.current;
    seen.current = live.at(-1)?.seq ?? after;
    for (const event of live) {
      if (event.seq <= after || event.type !== 'counter' || event.kind !== 'counter_deleted') continue;
      if (event.actor.clientId !== selfId) showToast(deletionNotice(event.counterName), 'info');
    }
  }, [live, selfId]);
}
