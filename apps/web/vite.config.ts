import react from '@vitejs/plugin-react';
import { defineConfig, type ProxyOptions } from 'vite';

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

export default defineConfig({
  plugins: [react()],
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
