import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// In dev, the socket and the HTTP API live on the Tally server; Vite proxies both so the app
// talks to its own origin exactly as it does in production (one port, no CORS).
const serverUrl = process.env.TALLY_SERVER_URL ?? 'http://localhost:3000';

export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    proxy: {
      '/socket.io': { target: serverUrl, ws: true, changeOrigin: true },
      '/api': { target: serverUrl, changeOrigin: true },
    },
  },
  build: {
    outDir: 'dist',
    target: 'es2022',
  },
});
