// A connect storm through nginx (deploy/nginx.conf.template) onto two nodes on a test-owned Redis:
// 1,000 members-mode joins of one board, started within 2 s, while Redis is healthy.
// Regression (issue 14): 0–499 of them answered `unavailable`, ioredis' 1 s command timeout
// having fired while the nodes' event loops lagged behind per-frame writes of presence:joined.

import { createBoardAt } from '@tally/testbed';
import { runConnectStorm, STORM_ENV, type StormResult } from '@tally/testbed/connect-storm';
import { useCluster } from '@tally/testbed/vitest';
import { afterAll, describe, expect, it } from 'vitest';
import { uniqueName } from '../helpers/fixtures.js';
import type { TestClient } from '../helpers/test-client.js';
import { connectTo } from './cluster-clients.js';
import { LOAD_FRIENDLY_ENV } from './load-friendly-env.js';

const CLIENTS = 1000;

const cluster = useCluster({
  entry: 'source',
  nodes: 2,
  nginx: true,
  env: { ...LOAD_FRIENDLY_ENV, ...STORM_ENV },
});
let storm: StormResult | undefined;
let late: TestClient | undefined;

afterAll(async () => {
  storm?.close();
  late?.close();
});

describe('a connect storm through nginx', () => {
  it('joins 1,000 members-mode clients, none answered unavailable, and every view lists them all', async () => {
    const publicUrl = cluster().nginx?.url ?? '';
    const { board } = await createBoardAt(publicUrl, uniqueName('storm'));
    storm = await runConnectStorm(publicUrl, board.id, {
      clients: CLIENTS,
      spreadMs: 2000,
      // Some start with long-polling, as browsers do (their requests must stay on their node); the
      // rest, as bots do, with a websocket, which costs this one test process less per client.
      transports: (index) => (index % 20 === 0 ? ['polling', 'websocket'] : ['websocket']),
    });
    // Links lost on a machine too busy to finish an upgrade in Engine.IO's 10 s are retried.
    const { acks, reconnects, connectErrors, wallMs } = storm;
    const context = JSON.stringify({ reconnects, connectErrors, wallMs: Math.round(wallMs) });
    expect(acks, context).toEqual({ ok: CLIENTS });
    // least_conn spread the handshakes over both nodes.
    expect(Object.keys(storm.servedBy).sort()).toEqual(['node1', 'node2']);

    // Presence agrees across the nodes: a newcomer's snapshot lists every member of the storm.
    late = await connectTo(publicUrl, { name: uniqueName('late') });
    const joined = await late.ok('board:join', { boardId: board.id });
    expect(joined.board.members).toHaveLength(CLIENTS + 1);
  }, 60_000);
});
