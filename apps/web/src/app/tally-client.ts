import { createTallyClient } from '@tally/client';
import { assumedRole, forgetBoardKey, joinKey } from '../boards/board-keys';
import { toastRefusedConnection } from '../connection/refused-connection-toast';
import { toastRejectedOps } from '../counters/rejected-op-toast';
import { showToast } from '../toasts/toast-store';

/**
 * The tab's one Tally client: its one socket, the identity, the boards shown and the pending
 * clicks. Made when the module loads rather than in a component, so that StrictMode's double
 * effects never open a second connection; components reach it through TallyClientProvider.
 * Same origin, default path: in dev Vite proxies `/socket.io` and `/api` to the server.
 */
export const tallyClient = createTallyClient({
  boardKey: joinKey,
  // A wrong key is not kept for later visits: a public board opens without it.
  onKeyRefused: forgetBoardKey,
  guessRole: assumedRole,
  onWarning: (warning) => showToast(warning, 'info'),
  // A warning, not an error: the message was dropped and nothing broke; the console keeps the details.
  onProtocolError: (violation) =>
    console.warn(
      `Tally: dropped ${violation.event} (${violation.reason}): ${violation.message}`,
      violation.payload,
    ),
});

toastRejectedOps(tallyClient);
toastRefusedConnection(tallyClient);
