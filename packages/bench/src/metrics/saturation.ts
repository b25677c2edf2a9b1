/** Above this share of one core (or of the machine), that side is taken as the bottleneck. */
const SATURATED = 0.9;

/**
 * Which side limited a run: the server's event loop (one core), the load generator's busiest
 * worker, or the whole 2-core machine. Several may be true at once; none means the load was
 * served with room to spare.
 */
export function judgeSaturation(usage: {
  serverMainThread: number;
  loadWorkerBusiest: number;
  machineBusy: number;
}): string[] {
  const sides: string[] = [];
  if (usage.serverMainThread >= SATURATED) sides.push('server');
  if (usage.loadWorkerBusiest >= SATURATED) sides.push('load generator');
  if (usage.machineBusy >= SATURATED) sides.push('machine');
  return sides;
}
