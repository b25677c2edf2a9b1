/// <reference types="vite-plugin-pwa/vanillajs" />
// The types of `virtual:pwa-register` (vite-plugin-pwa), which service-worker-updates.ts imports.
