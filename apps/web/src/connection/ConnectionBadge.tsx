import { describeStatus } from '@tally/client';
import { useConnectionStatus } from './useConnectionStatus';

/** The header badge: "Connected · 12 ms", "Reconnecting (attempt 2)" or "Offline" ("Connecting…" before the first connection). */
export function ConnectionBadge() {
  const status = useConnectionStatus();
  return (
    <span role="status" aria-label="Connection" className={`badge connection connection-${status.kind}`}>
      <span className="connection-dot" aria-hidden="true" />
      {describeStatus(status)}
    </span>
  );
}
