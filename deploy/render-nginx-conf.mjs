#!/usr/bin/env node
// Renders deploy/nginx.conf.template for a set of Tally nodes and prints it.
//   node deploy/render-nginx-conf.mjs --listen 127.0.0.1:8080 --node node1=127.0.0.1:3101 --node node2=127.0.0.1:3102
//   [--max-clients 10000]   (clients connected at once through this nginx; sizes its connections)
// Plain Node (no dependencies), so deploy scripts and the cluster tests use the same renderer.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const NODE_ID = /^[A-Za-z0-9_-]{1,32}$/;
const ADDRESS = /^[A-Za-z0-9.[\]:-]+:\d{1,5}$/;

const DEFAULT_MAX_CLIENTS = 10_000;
/** Connections per client at worst: 2 (client side, node side), twice while a polling POST overlaps its GET. */
const CONNECTIONS_PER_CLIENT = 4;
/** Descriptors beyond the connections: logs, temporary files, the listening socket. */
const SPARE_DESCRIPTORS = 1024;
/** How long a node may take to answer a long-polling handshake before nginx tries another. */
const HANDSHAKE_TIMEOUT = '5s';
/** How long a node that failed once gets no new handshakes or API requests. */
const FAIL_TIMEOUT = '10s';

/**
 * Renders the template for `listen` (host:port or port), `nodes` ([{ id, address }]) and the
 * number of clients connected at once it must carry (`maxClients`).
 */
export function renderNginxConf({ listen, nodes, maxClients = DEFAULT_MAX_CLIENTS }) {
  if (nodes.length === 0) throw new Error('at least one --node id=host:port is needed');
  if (!Number.isInteger(maxClients) || maxClients < 1)
    throw new Error('--max-clients must be a positive integer');
  for (const { id, address } of nodes) {
    if (!NODE_ID.test(id)) throw new Error(`node id "${id}" must be 1-32 chars of A-Z a-z 0-9 _ -`);
    if (!ADDRESS.test(address)) throw new Error(`node address "${address}" must be host:port`);
  }
  const template = readFileSync(new URL('./nginx.conf.template', import.meta.url), 'utf8');
  const upstreamName = (id) => `tally_node_${id.replace(/-/g, '_')}`;
  const workerConnections = CONNECTIONS_PER_CLIENT * maxClients;
  const filled = {
    LISTEN: listen,
    MAX_CLIENTS: String(maxClients),
    WORKER_CONNECTIONS: String(workerConnections),
    WORKER_RLIMIT_NOFILE: String(workerConnections + SPARE_DESCRIPTORS),
    HANDSHAKE_TIMEOUT,
    FAIL_TIMEOUT,
    NODE_SERVERS: nodes
      .map(({ address }) => `    server ${address} max_fails=1 fail_timeout=${FAIL_TIMEOUT};`)
      .join('\n'),
    NODE_UPSTREAMS: nodes
      .map(
        ({ id, address }) =>
          `  upstream ${upstreamName(id)} {\n    server ${address};\n    keepalive 8;\n  }`,
      )
      .join('\n'),
    SID_ROUTES: nodes.map(({ id }) => `    "~^${id}\\." ${upstreamName(id)};`).join('\n'),
  };
  return template.replace(/@@([A-Z_]+)@@/g, (_, name) => {
    if (!(name in filled)) throw new Error(`unknown placeholder @@${name}@@`);
    return filled[name];
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({
    options: {
      listen: { type: 'string' },
      node: { type: 'string', multiple: true },
      'max-clients': { type: 'string' },
    },
  });
  if (!values.listen) throw new Error('--listen host:port is needed');
  const nodes = (values.node ?? []).map((spec) => {
    const [id = '', address = ''] = spec.split('=');
    return { id, address };
  });
  const maxClients = values['max-clients'] === undefined ? undefined : Number(values['max-clients']);
  process.stdout.write(renderNginxConf({ listen: values.listen, nodes, maxClients }));
}
