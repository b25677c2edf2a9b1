import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Page } from '@playwright/test';

interface SampledProfile {
  nodes: Array<{ id: number; callFrame: { functionName: string } }>;
  samples?: number[];
  timeDeltas?: number[];
}

/**
 * Records a V8 CPU profile of the page (through the DevTools protocol) while `during` runs, writes
 * it where Chrome DevTools can open it, and returns how busy the page's main thread was.
 */
export async function profilePage(page: Page, path: string, during: () => Promise<void>): Promise<number> {
  const session = await page.context().newCDPSession(page);
  await session.send('Profiler.enable');
  await session.send('Profiler.start');
  await during();
  const { profile } = (await session.send('Profiler.stop')) as { profile: SampledProfile };
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, JSON.stringify(profile));
  return busyShare(profile);
}

/** Share of sampled time that was not `(idle)`: scripts, style, layout and paint (`(program)`), GC. */
function busyShare(profile: SampledProfile): number {
  const idleNodes = new Set(
    profile.nodes.filter((node) => node.callFrame.functionName === '(idle)').map((node) => node.id),
  );
  let idle = 0;
  let total = 0;
  (profile.samples ?? []).forEach((nodeId, index) => {
    const delta = profile.timeDeltas?.[index] ?? 0;
    total += delta;
    if (idleNodes.has(nodeId)) idle += delta;
  });
  return total > 0 ? 1 - idle / total : Number.NaN;
}
