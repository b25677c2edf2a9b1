import { describeStatus } from '@tally/client';
import { useConnectionStatus } from './useConnectionStatus';

/**
 * The header badge: "Connected · 12 ms", "Reconnecting (attempt 2)" or "Offline" ("Connecting…"
 * before the first connection). `quiet` says only "Live" while connected: a display on a wall
 * has no use for a round trip that changes every few seconds.
 */
export function ConnectionBadge(props: { quiet?: boolean; className?: string }) {
  const status = useConnectionStatus();
  const text = props.quiet === true && status.kind === 'connected' ? 'Live' : describeStatus(status);
  const className = `badge connection connection-${status.kind}`;
  return (
    <span
      role="status"
      aria-label="Connection"
      className={props.className === undefined ? className : `${className} ${props.className}`}
    >
      <span className="connection-dot" aria-hidden="true" />
      {text}
    </span>
  );
}
