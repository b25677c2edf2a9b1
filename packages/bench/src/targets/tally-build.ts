import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot, tallyServerEntry, webDistDir } from '../paths.js';

/**
 * The bench measures the production build. When either half is missing (a clean clone), it is
 * built first, web then server, the same as `pnpm build`. Returns what it did, for the report.
 */
export function ensureTallyBuilt(log: (line: string) => void): string {
  const missing = [tallyServerEntry, join(webDistDir, 'index.html')].filter((path) => !existsSync(path));
  if (missing.length === 0) return 'used the existing production build';
  log(`building Tally first (missing: ${missing.join(', ')})`);
  for (const filter of ['@tally/web', '@tally/server']) {
    const build = spawnSync('pnpm', ['--filter', filter, 'build'], { cwd: repoRoot, stdio: 'inherit' });
    if (build.status !== 0) throw new Error(`pnpm --filter ${filter} build failed (exit ${build.status})`);
  }
  return 'built Tally first (web, then server): the production build was missing';
}
