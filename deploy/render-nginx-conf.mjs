#!/usr/bin/env node
// Renders deploy/nginx.conf.template for a set of Tally nodes and prints it.
//   node deploy/render-nginx-conf.mjs --listen 127.0.0.1:8080 --node node1=127.0.0.1:3101 --node node2=127.0.0.1:3102
// Plain Node (no dependencies), so deploy scripts and the cluster tests use the same renderer.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const NODE_ID = /^[A-Za-z0-9_-]{1,32}$/;
const ADDRESS = /^[A-Za-z0-9.[\]:-]+:\d{1,5}$/;

/** Renders the template for `listen` (host:port or port) and `nodes` ([{ id, address }]). */
export function renderNginxConf({ listen, nodes }) {
  if (nodes.length === 0) throw new Error('at least one --node id=host:port is needed');
  for (const { id, address } of nodes) {
    if (!NODE_ID.test(id)) throw new Error(`node id "${id}" must be 1-32 chars of A-Z a-z 0-9 _ -`);
    if (!ADDRESS.test(address)) throw new Error(`node address "${address}" must be host:port`);
  }
  const template = readFileSync(new URL('./nginx.conf.template', import.meta.url), 'utf8');
  const upstreamName = (id) => `tally_node_${id.replace(/-/g, '_')}`;
  const filled = {
    LISTEN: listen,
    NODE_SERVERS: nodes.map(({ address }) => `    server ${address} max_fails=1 fail_timeout=2s;`).join('\n'),
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
    options: { listen: { type: 'string' }, node: { type: 'string', multiple: true } },
  });
  if (!values.listen) throw new Error('--listen host:port is needed');
  const nodes = (values.node ?? []).map((spec) => {
    const [id = '', address = ''] = spec.split('=');
    return { id, address };
  });
  process.stdout.write(renderNginxConf({ listen: values.listen, nodes }));
}
