import type { BoardSnapshot } from '@tally/events';
import { startTallyServer } from '@tally/testbed';
import type { ClientTarget } from '../load/clients/bench-client.js';
import { parsePrometheusText } from './prometheus-text.js';
import { cpuProfileArgs, stopGraceMs, type TargetDefinition } from './target.js';

/** The board every client joins, and its counter on a fresh store. */
const BOARD_ID = 'lobby';
const COUNTER_NAME = 'Count';

/**
 * Raised from the default 100 so the burst scenario's 200 increments from one socket are all
 * applied (the same load as the other targets); every event still goes through the limiter.
 */
export const TALLY_BENCH_RATE_LIMIT_BURST = 1_000;

/** The limits per client address (issue 14) that the bench's loads from one address need. */
const TALLY_BENCH_ADDRESS_LIMITS = {
  MAX_SOCKETS_PER_ADDRESS: '100000',
  ADDRESS_EVENT_BURST: '1000000',
  ADDRESS_EVENTS_PER_SEC: '1000000',
  MAX_QUEUED_OPS_PER_ADDRESS: '1000000',
};

export const tally: TargetDefinition = {
  name: 'tally',
  description: 'Tally, production build (apps/server/dist/main.js), SQLite store in a temp DATA_DIR',
  async start(options) {
    const server = await startTallyServer({
      entry: 'build',
      env: TALLY_BENCH_ENV,
      nodeArgs: cpuProfileArgs(options),
      readyPath: '/api/ready',
    });
    const stop = () => server.dispose(stopGraceMs(options));
    try {
      return {
        pids: [server.pid],
        baseUrl: server.url,
        client: await lobbyClientTarget(server.url),
        metrics: () => tallyMetrics(server.url),
        stop,
      };
    } catch (error) {
      await stop();
      throw error;
    }
  },
};

/** The environment of a Tally node under the bench, on top of the testbed's (its port, store, data). */
export const TALLY_BENCH_ENV = {
  NODE_ENV: 'production',
  RATE_LIMIT_BURST: String(TALLY_BENCH_RATE_LIMIT_BURST),
  // Every load client is 127.0.0.1 (directly, or in nginx's X-Forwarded-For): the limits per
  // address are raised past the largest load (10,000 sockets joining at once), so that the
  // bench measures the same work as before them; each event and op still goes through them.
  ...TALLY_BENCH_ADDRESS_LIMITS,
};

/** How load clients reach the lobby's counter through `baseUrl` (a node, or nginx in front of nodes). */
export async function lobbyClientTarget(baseUrl: string): Promise<ClientTarget> {
  const lobby = (await (await fetch(`${baseUrl}/api/boards/${BOARD_ID}`)).json()) as BoardSnapshot;
  const counter = lobby.counters.find((candidate) => candidate.name === COUNTER_NAME) ?? lobby.counters[0];
  if (!counter) throw new Error(`tally: board ${BOARD_ID} has no counter`);
  return { protocol: 'tally', url: baseUrl, boardId: BOARD_ID, counterIds: [counter.id] };
}

export async function tallyMetrics(nodeUrl: string): Promise<Map<string, number>> {
  return parsePrometheusText(await (await fetch(`${nodeUrl}/metrics`)).text());
}
