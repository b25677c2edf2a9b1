import { setTimeout as sleep } from 'node:timers/promises';
import { busiestMainThreadShare, type ProcessSampler } from '../metrics/process-sampler.js';

const QUIET_SHARE = 0.15;
const PROBE_MS = 250;

/**
 * Waits until the server's main thread (every node's) is mostly idle (work left over from a phase, like
 * announcing 1,000 joins to everyone, must not leak into the next one). Returns the seconds waited.
 */
export async function waitForQuiet(sampler: ProcessSampler, maxMs: number): Promise<number> {
  const startedAt = sampler.sample();
  let previous = startedAt;
  while (previous.at - startedAt.at < maxMs) {
    await sleep(PROBE_MS);
    const current = sampler.sample();
    const busy = busiestMainThreadShare(previous, current);
    previous = current;
    if (busy < QUIET_SHARE) break;
  }
  return (previous.at - startedAt.at) / 1000;
}
