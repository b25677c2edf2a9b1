import type { BrowserRunResult } from '../browser/browser-run-result.js';
import { count, fixed, kib, markdownTable, ms, percent } from './format.js';

export function browserTable(run: BrowserRunResult): string {
  return markdownTable(
    ['', 'tally'],
    [
      ['counters on the board', count(run.counters)],
      [
        'increments offered',
        `${count(run.incrementsPerSecondOffered)}/s for ${fixed(run.durationSeconds)} s`,
      ],
      ['increments sent / acked', `${count(run.incrementsSent)} / ${count(run.incrementsAcked)}`],
      ['long tasks > 50 ms during the load', count(run.longTasks)],
      ['longest task, total long-task time', `${ms(run.longestTaskMs)}, ${ms(run.longTasksTotalMs)}`],
      ['every card showed its final value', run.pageCaughtUp ? 'yes' : 'no'],
      ['page main thread busy (with --cpu-prof)', percent(run.pageBusy)],
      ['initial JS, gzipped', `${kib(run.initialJsGzipBytes)} (${run.initialJsFiles.length} files)`],
    ],
  );
}
