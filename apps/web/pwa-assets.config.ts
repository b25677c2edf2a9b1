import { defineConfig } from '@vite-pwa/assets-generator/config';

/** The app's accent (--accent in src/styles/app.css): the icon's own background. */
const ACCENT = '#4f46e5';

/**
 * The home-screen icons, made from public/icon.svg by `pnpm --filter @tally/web icons` and
 * committed: 192 and 512 px (transparent corners), a maskable 512 px whose tally marks sit in the
 * safe zone on the accent colour, and the 180 px apple-touch-icon (iOS shows no transparency).
 * No favicon.ico: the page's favicon is inline in index.html, so it shows offline too.
 */
export default defineConfig({
  headLinkOptions: { preset: '2023' },
  preset: {
    transparent: { sizes: [192, 512], favicons: [] },
    maskable: { sizes: [512], padding: 0.2, resizeOptions: { background: ACCENT } },
    apple: { sizes: [180], padding: 0.1, resizeOptions: { background: ACCENT } },
  },
  images: ['public/icon.svg'],
});
