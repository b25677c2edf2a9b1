import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { resultsDir } from '../paths.js';

/** Writes the run's results to bench-results/<timestamp>.json (git-ignored) and returns the path. */
export async function writeResultsFile(startedAt: Date, results: object): Promise<string> {
  await mkdir(resultsDir, { recursive: true });
  const path = join(
    resultsDir,
    `${startedAt
      .toISOString()
      .replaceAll(':', '-')
      .replace(/\.\d+Z$/, 'Z')}.json`,
  );
  await writeFile(path, `${JSON.stringify(results, jsonSafe, 2)}\n`);
  return path;
}

/** JSON has no Infinity or NaN: keep them readable instead of turning them into null. */
function jsonSafe(_key: string, value: unknown): unknown {
  return typeof value === 'number' && !Number.isFinite(value) ? String(value) : value;
}
