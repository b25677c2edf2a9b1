import { fileURLToPath } from 'node:url';

/** The monorepo root, whatever the working directory `pnpm bench` was started from. */
export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

export const tallyServerEntry = fileURLToPath(new URL('apps/server/dist/main.js', `file://${repoRoot}`));
export const webDistDir = fileURLToPath(new URL('apps/web/dist/', `file://${repoRoot}`));
export const resultsDir = fileURLToPath(new URL('bench-results/', `file://${repoRoot}`));
