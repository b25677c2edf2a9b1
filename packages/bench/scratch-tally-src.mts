// TEMPORARY (not committed): Tally from source while the production build is not there yet.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runLoadScenario } from './src/load/run-load-scenario.ts';
import { loadTable } from './src/report/load-table.ts';
import { loadScenarios } from './src/scenarios.ts';
import { spawnServer, waitUntilReady } from './src/targets/child-server.ts';
import { freePort } from './src/targets/free-port.ts';
import type { TargetDefinition } from './src/targets/target.ts';

const tallySrc: TargetDefinition = {
  name: 'tally',
  description: 'src',
  async start() {
    const port = await freePort();
    const dataDir = await mkdtemp(join(tmpdir(), 'tally-bench-'));
    const server = spawnServer({
      name: 'tally',
      cwd: '/work/main/apps/server',
      args: ['--cpu-prof', '--cpu-prof-dir=/tmp/prof', '--import', import.meta.resolve('tsx'), 'src/main.ts'],
      env: {
        ...process.env,
        NODE_ENV: 'production',
        HOST: '127.0.0.1',
        PORT: String(port),
        DATA_DIR: dataDir,
        LOG_LEVEL: 'warn',
        RATE_LIMIT_BURST: '1000',
      },
    });
    const baseUrl = `http://127.0.0.1:${port}`;
    await waitUntilReady(server, 'tally', async () => (await fetch(`${baseUrl}/api/ready`)).ok);
    const lobby = (await (await fetch(`${baseUrl}/api/boards/lobby`)).json()) as {
      counters: { id: string }[];
    };
    return {
      pid: server.pid,
      baseUrl,
      client: { protocol: 'tally', url: baseUrl, boardId: 'lobby', counterIds: [lobby.counters[0]!.id] },
      stop: () => server.stop(),
    };
  },
};
const which = process.argv[2] ?? 'fanout';
const clients = Number(process.argv[3] ?? 50);
const scenario = { ...loadScenarios(false).find((s) => s.name === which)!, clients };
const run = await runLoadScenario(
  scenario,
  tallySrc,
  {
    cpuProfileDir: undefined,
    durationMs: Number(process.argv[4] ?? 2000),
    drainTimeoutMs: 10000,
    settleTimeoutMs: 30000,
    workers: 2,
    connectTimeoutMs: 60000,
    connectConcurrencyPerWorker: 100,
    connectBudgetMs: 120000,
  },
  'scratch',
);
console.log(loadTable(['tally'], [run], []));
