import { fileURLToPath } from 'node:url';

/** The monorepo root, whatever the working directory of the test or the bench. */
export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
export const serverDir = fileURLToPath(new URL('apps/server/', `file://${repoRoot}`));
/** The production build of the server (`pnpm build`). */
export const serverBuildEntry = fileURLToPath(new URL('dist/main.js', `file://${serverDir}`));
/** The server's TypeScript entry, run through tsx: no build needed. */
export const serverSourceEntry = fileURLToPath(new URL('src/main.ts', `file://${serverDir}`));
export const nginxConfRenderer = fileURLToPath(new URL('deploy/render-nginx-conf.mjs', `file://${repoRoot}`));
