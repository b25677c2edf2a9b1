import react from '@vitejs/plugin-react';
import { defineConfig, type ProxyOptions } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

// In dev, the socket and the HTTP API live on the Tally server; Vite proxies both so the app
// talks to its own origin exactly as it does in production (one port, no CORS).
const serverUrl = process.env.TALLY_SERVER_URL ?? 'http://localhost:3000';

/**
 * The server accepts websocket handshakes from its own origin and from http://localhost:5173.
 * When Vite runs on another port (5173 taken), a page of this dev server is re-labelled as the
 * server's own origin on its way through; any other site's Origin passes unchanged (and refused).
 */
const keepOwnPagesAllowed: ProxyOptions['configure'] = (proxy) => {
  proxy.on('proxyReqWs', (proxyReq, req) => {
    if (req.headers.origin === `http://${req.headers.host}`)
      proxyReq.setHeader('origin', new URL(serverUrl).origin);
  });
};

/** The page background of app.css (--bg, light): what a phone shows while the installed app starts. */
const BACKGROUND = '#f5f6fa';
/** The header's colour in app.css (--surface, light): the installed app's title bar continues it. */
const THEME = '#ffffff';

/**
 * The service worker (Workbox, generated at build; off in dev): it precaches the built app so that
 * the app opens offline, and answers navigations to the app's routes with the precached
 * index.html. Everything the server answers itself (the API, the socket, /metrics, files) goes to
 * the network: board data comes from @tally/client, which keeps its own last known state.
 * `prompt`: after a deploy the new worker waits until the user chooses "Reload to update"
 * (src/pwa/), so a tab never runs a mix of two versions, and never the old one unannounced.
 */
const serviceWorker = VitePWA({
  registerType: 'prompt',
  // Registered by src/pwa/register-service-worker.ts, after the page loaded.
  injectRegister: false,
  manifest: {
    name: 'Tally',
    short_name: 'Tally',
    description: 'Live counters you share with everyone on a board.',
    start_url: '/',
    scope: '/',
    display: 'standalone',
    background_color: BACKGROUND,
    theme_color: THEME,
    // Made from public/icon.svg by `pnpm --filter @tally/web icons` (pwa-assets.config.ts).
    icons: [
      { src: 'pwa-192x192.png', sizes: '192x192', type: 'image/png' },
      { src: 'pwa-512x512.png', sizes: '512x512', type: 'image/png' },
      { src: 'maskable-icon-512x512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
    ],
  },
  // Precached with the manifest and its icons, beside the built JS, CSS and index.html.
  includeAssets: ['icon.svg', 'apple-touch-icon-180x180.png'],
  workbox: {
    navigateFallback: 'index.html',
    // What the server serves itself: never the app's page. A path with a dot is a file (the
    // server answers a missing one with 404, not the app), as in its own fallback rule.
    navigateFallbackDenylist: [/^\/api(\/|$)/, /^\/socket\.io\//, /^\/metrics(\/|$)/, /\/[^/?]+\.[^/]+$/],
    // The first worker controls the page that installed it, so that a reload offline right after
    // the first visit already opens the app. Updates still wait (no skipWaiting) for the prompt.
    clientsClaim: true,
    cleanupOutdatedCaches: true,
  },
});

export default defineConfig({
  plugins: [react(), serviceWorker],
  server: {
    port: 5173,
    proxy: {
      '/socket.io': { target: serverUrl, ws: true, changeOrigin: true, configure: keepOwnPagesAllowed },
      '/api': { target: serverUrl, changeOrigin: true },
    },
  },
  build: {
    outDir: 'dist',
    target: 'es2022',
  },
});
