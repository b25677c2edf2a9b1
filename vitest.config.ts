import { defineConfig } from 'vitest/config';

// Each workspace has its own vitest.config.ts; e2e (Playwright) is kept out.
export default defineConfig({
  test: {
    projects: ['packages/*', 'apps/*', 'examples/*'],
  },
});
