import { fileURLToPath } from 'node:url';
import { acceptsConnections, freePort, spawnProcess, waitUntilReady } from '@tally/testbed';
import type { ClientTarget } from '../load/clients/bench-client.js';
import { repoRoot } from '../paths.js';
import { cpuProfileArgs, type RunningTarget, stopGraceMs, type TargetStartOptions } from './target.js';

/** tsx's loader, so the reference servers run from their TypeScript source in a plain `node`. */
const tsxLoader = import.meta.resolve('tsx');

/** Starts one of the bench's own servers (a file next to this one) on a free port. */
export async function startReferenceServer(
  name: string,
  serverFile: string,
  toClientTarget: (port: number) => ClientTarget,
  options: TargetStartOptions,
): Promise<RunningTarget> {
  const port = await freePort();
  const server = spawnProcess({
    name,
    cwd: repoRoot,
    args: [
      ...cpuProfileArgs(options),
      '--import',
      tsxLoader,
      fileURLToPath(new URL(serverFile, import.meta.url)),
    ],
    env: { ...process.env, PORT: String(port), NODE_ENV: 'production' },
  });
  try {
    await waitUntilReady(server, name, () => acceptsConnections(port));
  } catch (error) {
    await server.stop(stopGraceMs(options));
    throw error;
  }
  return {
    pids: [server.pid],
    baseUrl: `http://127.0.0.1:${port}`,
    client: toClientTarget(port),
    stop: () => server.stop(stopGraceMs(options)),
  };
}
