import { useOnlineStats } from './useOnlineStats';

/** How many people are connected to Tally right now, on any board. */
export function OnlineCount() {
  const stats = useOnlineStats();
  return (
    <span role="status" aria-label="Online" className="badge online">
      {stats === undefined ? '– online' : `${stats.online} online`}
    </span>
  );
}
