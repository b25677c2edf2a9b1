import { setTimeout as sleep } from 'node:timers/promises';
import { chromium, type Page } from '@playwright/test';
import { systemChromium } from '@tally/system-chromium';
import { nowMs } from '../load/clock.js';
import { LoadGenerator } from '../load/load-generator.js';
import type { BenchOptions } from '../options.js';
import { webDistDir } from '../paths.js';
import type { BrowserScenario } from '../scenarios.js';
import { tally } from '../targets/tally.js';
import { createBenchBoard } from './bench-board.js';
import type { BrowserRunResult } from './browser-run-result.js';
import { initialJsSize } from './initial-js-size.js';
import { installLongTaskProbe, takeLongTasks } from './long-task-probe.js';
import { profilePage } from './page-profiler.js';

const CATCH_UP_TIMEOUT_MS = 10_000;

/**
 * A person watching a busy board: one page on /b/<board> with 50 counters while one client per
 * counter increments it, together `updatesPerSecond`. The page's own PerformanceObserver counts
 * long tasks during the load; afterwards every card must show its counter's final value.
 */
export async function runBrowserScenario(
  scenario: BrowserScenario,
  options: BenchOptions,
  log: (line: string) => void,
  /** With --cpu-prof: where to write the page's CPU profile of the load. */
  pageProfilePath: string | undefined,
): Promise<BrowserRunResult> {
  const js = await initialJsSize(webDistDir);
  // Before the server starts: a machine without Chromium stops here, with what to install.
  const launchOptions = systemChromium();
  const target = await tally.start({ cpuProfileDir: undefined });
  const browser = await chromium.launch(launchOptions);
  let load: LoadGenerator | undefined;
  try {
    const board = await createBenchBoard(
      target.baseUrl,
      `Bench ${Date.now().toString(36)}`,
      scenario.counters,
    );
    const page = await browser.newPage();
    await installLongTaskProbe(page);
    await page.goto(`${target.baseUrl}/b/${board.boardId}`);
    const lastCounter = board.counters.at(-1);
    if (lastCounter) await counterCard(page, lastCounter.name).waitFor({ timeout: 30_000 });

    const incrementers = new LoadGenerator({
      target: {
        protocol: 'tally',
        url: target.baseUrl,
        boardId: board.boardId,
        counterIds: board.counters.map((counter) => counter.id),
      },
      clients: scenario.counters,
      workers: options.workers,
      runId: `browser${Date.now().toString(36)}`,
      connectConcurrencyPerWorker: 25,
      connectTimeoutMs: 10_000,
      ackTimeoutMs: 10_000,
    });
    load = incrementers;
    const connected = await incrementers.connect(30_000);
    if (connected.connected < scenario.counters)
      throw new Error(`incrementers failed to connect: ${connected.firstError}`);

    await takeLongTasks(page);
    const startedAt = nowMs();
    const applyLoad = async (): Promise<void> => {
      await incrementers.startIncrements(
        scenario.counters,
        scenario.updatesPerSecond / scenario.counters,
        options.durationMs,
      );
      await sleep(options.durationMs);
      await incrementers.stopIncrements();
    };
    const pageBusy = pageProfilePath ? await profilePage(page, pageProfilePath, applyLoad) : Number.NaN;
    if (!pageProfilePath) await applyLoad();
    const durationSeconds = (nowMs() - startedAt) / 1000;
    await incrementers.waitForAcks(10_000);
    const increments = await incrementers.collectIncrements();
    const sent = (await incrementers.status()).reduce((total, status) => total + status.sent, 0);

    const pageCaughtUp = await waitForFinalValues(page, target.baseUrl, board.boardId);
    const longTasks = await takeLongTasks(page);
    log(`browser: ${sent} increments in ${durationSeconds.toFixed(1)} s, page caught up: ${pageCaughtUp}`);
    return {
      counters: scenario.counters,
      incrementsPerSecondOffered: scenario.updatesPerSecond,
      durationSeconds,
      incrementsSent: sent,
      incrementsAcked: increments.versions.length,
      longTasks: longTasks.length,
      longestTaskMs: longTasks.length > 0 ? Math.max(...longTasks) : 0,
      longTasksTotalMs: longTasks.reduce((total, duration) => total + duration, 0),
      pageCaughtUp,
      pageBusy,
      pageCpuProfilePath: pageProfilePath,
      initialJsGzipBytes: js.gzipBytes,
      initialJsFiles: js.files,
    };
  } finally {
    await load?.close();
    await browser.close();
    await target.stop();
  }
}

function counterCard(page: Page, name: string) {
  return page.getByRole('group', { name, exact: true });
}

/** Polls until every card's `<output>` shows the value the server holds for its counter. */
async function waitForFinalValues(page: Page, baseUrl: string, boardId: string): Promise<boolean> {
  const response = await fetch(`${baseUrl}/api/boards/${boardId}`);
  const board = (await response.json()) as { counters: Array<{ name: string; value: number }> };
  const deadline = nowMs() + CATCH_UP_TIMEOUT_MS;
  while (nowMs() < deadline) {
    const shown = await Promise.all(
      board.counters.map(
        async (counter) =>
          (await counterCard(page, counter.name).locator('output').first().textContent())?.trim() ===
          String(counter.value),
      ),
    );
    if (shown.every(Boolean)) return true;
    await sleep(250);
  }
  return false;
}
