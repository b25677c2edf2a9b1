import type { Page } from '@playwright/test';

// Runs in the page before any app script: records the duration of every long task (> 50 ms).
// Kept as source text because the bench compiles for Node, without the DOM's types.
const PROBE = `
  window.benchLongTasks = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.benchLongTasks.push(entry.duration);
  }).observe({ type: 'longtask', buffered: true });
`;

/** Installs, before any app script runs, an observer that records every long task of the page. */
export async function installLongTaskProbe(page: Page): Promise<void> {
  await page.addInitScript(PROBE);
}

/** Returns the long tasks recorded since the last call, and starts a new list. */
export async function takeLongTasks(page: Page): Promise<number[]> {
  const durations: unknown = await page.evaluate('window.benchLongTasks.splice(0)');
  return Array.isArray(durations) ? durations.filter((value) => typeof value === 'number') : [];
}
