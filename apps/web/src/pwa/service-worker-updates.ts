import { registerSW } from 'virtual:pwa-register';
import { showUpdatePrompt } from './show-update-prompt';

/**
 * How often an open tab asks whether a new version was deployed. The browser also checks at every
 * navigation; a board left open on a wall screen for days would otherwise never hear of one.
 */
const UPDATE_CHECK_INTERVAL_MS = 60 * 60 * 1000;

/**
 * Registers the service worker. A new version, once deployed, installs in the background and
 * waits (`registerType: 'prompt'`): the page offers "Reload to update", which activates it and
 * reloads every tab of the app into it. Until then the tab keeps the version it started with.
 */
export function startServiceWorker(): void {
  const updateServiceWorker = registerSW({
    onNeedRefresh: () => showUpdatePrompt(() => updateServiceWorker(true)),
    onRegisteredSW: (_url, registration) => {
      if (registration === undefined) return;
      setInterval(() => {
        // Offline, or the server down: the next check will do.
        registration.update().catch(() => {});
      }, UPDATE_CHECK_INTERVAL_MS);
    },
    onRegisterError: (error: unknown) => {
      console.warn('Tally runs without offline support: the service worker could not be registered.', error);
    },
  });
}
