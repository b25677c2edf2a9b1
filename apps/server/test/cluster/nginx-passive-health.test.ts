// nginx from deploy/nginx.conf.template in front of one real node and one that is not ready: a
// stand-in that answers every request 503, as a draining or not-ready node answers new handshakes
// (open-source nginx has no active health checks: it learns from the answers).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Nginx, startNginx } from '@tally/testbed';
import { useCluster } from '@tally/testbed/vitest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueName } from '../helpers/fixtures.js';
import type { TestClient } from '../helpers/test-client.js';
import { connectTo, nodeOf } from './cluster-clients.js';
import { LOAD_FRIENDLY_ENV } from './load-friendly-env.js';

const cluster = useCluster({ entry: 'source', nodes: 1, env: LOAD_FRIENDLY_ENV });
let notReady: Server;
let nginx: Nginx;
let notReadyRequests = 0;
const clients: TestClient[] = [];

beforeAll(async () => {
  notReady = createServer((_req, res) => {
    notReadyRequests++;
    res.writeHead(503, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: { code: 'unavailable', message: 'draining' } }));
  });
  await new Promise<void>((resolve) => notReady.listen(0, '127.0.0.1', resolve));
  const { port } = notReady.address() as AddressInfo;
  const [node1] = cluster().nodes;
  if (!node1) throw new Error('no node');
  nginx = await startNginx([node1, { id: 'node2', url: `http://127.0.0.1:${port}` }]);
}, 90_000);

afterAll(async () => {
  for (const client of clients) client.close();
  await nginx?.stop();
  await new Promise((resolve) => notReady?.close(resolve));
});

describe('nginx and a node that answers 503', () => {
  it('sends every new handshake and API request to the ready node, and stops trying the other one', async () => {
    // startNginx's own health check may already have met the 503 node; count from here.
    notReadyRequests = 0;
    // One after the other: requests sent together may all reach the node before its first 503 is seen.
    for (const transports of [['polling'], ['websocket'], ['polling', 'websocket']] as const) {
      for (let i = 0; i < 3; i++) {
        const person = await connectTo(nginx.url, {
          name: uniqueName('person'),
          transports: [...transports],
        });
        clients.push(person);
        expect(nodeOf(person)).toBe('node1');
      }
    }

    for (let i = 0; i < 4; i++) {
      const response = await fetch(`${nginx.url}/api/health`);
      expect(response.status).toBe(200);
      expect(response.headers.get('x-tally-node')).toBe('node1');
    }
    // One 503 takes the node out of rotation (max_fails=1) for fail_timeout (10 s).
    expect(notReadyRequests).toBeLessThanOrEqual(1);
  });
});
