import type { ConnectionStatus, TallyClient } from '@tally/client';
import { showToast } from '../toasts/toast-store';

const isRefused = (status: ConnectionStatus) => status.kind === 'offline' && status.reason === 'refused';

/**
 * A refused handshake (bad auth) is final for socket.io: say so, once each time it happens,
 * instead of a silent "Offline". Returns the removal of the subscription.
 */
export function toastRefusedConnection(client: Pick<TallyClient, 'connection'>): () => void {
  let last = client.connection.get();
  return client.connection.subscribe(() => {
    const status = client.connection.get();
    if (status.kind === 'offline' && status.reason === 'refused' && !isRefused(last))
      showToast(
        `The server refused the connection (${status.detail ?? 'no reason given'}). Reload the page to try again.`,
      );
    last = status;
  });
}
