/** What the browser scenario measured (also stored as is in the JSON results). */
export interface BrowserRunResult {
  counters: number;
  incrementsPerSecondOffered: number;
  durationSeconds: number;
  incrementsSent: number;
  incrementsAcked: number;
  /** Tasks over 50 ms reported by a PerformanceObserver in the page during the load. */
  longTasks: number;
  longestTaskMs: number;
  longTasksTotalMs: number;
  /** Whether every card showed its counter's final value once the load stopped. */
  pageCaughtUp: boolean;
  /** With --cpu-prof: share of the load the page's main thread was busy (scripts, style, layout, paint), and its profile. */
  pageBusy: number;
  pageCpuProfilePath: string | undefined;
  initialJsGzipBytes: number;
  initialJsFiles: string[];
}
