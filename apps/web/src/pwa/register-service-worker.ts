/** The longest the registration waits for an idle moment after the page loaded. */
const IDLE_TIMEOUT_MS = 5_000;

/**
 * Registers the service worker (built by vite-plugin-pwa, see vite.config.ts) once the page has
 * loaded and the browser is idle. Its code is a chunk of its own fetched then, so the first
 * download does not grow and the board's own requests go first. Not in dev: Vite's dev server
 * builds no worker (and a worker left from a build would serve stale code there).
 */
export function registerServiceWorkerWhenIdle(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  const start = () => {
    // Offline on a first visit the chunk cannot load: nothing to do then, the next visit tries again.
    import('./service-worker-updates').then(
      (module) => module.startServiceWorker(),
      () => {},
    );
  };
  const whenIdle = () => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(start, { timeout: IDLE_TIMEOUT_MS });
    else setTimeout(start, 0);
  };
  if (document.readyState === 'complete') whenIdle();
  else window.addEventListener('load', whenIdle, { once: true });
}
