// A presence node in its own process, for the tests that kill one (SIGKILL) or freeze one (SIGSTOP).
// It prints `ready` once its members are registered, and `returned <json>` when it announces them back.
// argv: redisUrl keyPrefix boardId heartbeatMs nodeTtlMs
import { createRedisPresenceRegistry } from '../../src/presence/redis-presence-registry.js';

const [url = '', keyPrefix = '', boardId = '', heartbeatMs = '100', nodeTtlMs = '500'] =
  process.argv.slice(2);
const registry = createRedisPresenceRegistry({
  url,
  keyPrefix,
  nodeId: 'doomed',
  heartbeatMs: Number(heartbeatMs),
  nodeTtlMs: Number(nodeTtlMs),
  onDepartures: () => {},
  onReturns: (returns) => process.stdout.write(`returned ${JSON.stringify(returns)}\n`),
});
await registry.start();
await registry.connect('d1', { clientId: 'client-dan', name: 'client-dan' });
await registry.join(boardId, 'd1');
await registry.connect('d2', { clientId: 'client-eve', name: 'client-eve' });
await registry.join(boardId, 'd2');
process.stdout.write('ready\n');
// Lives until killed, or until its parent goes (stdin closes), so no test leaves it behind.
process.stdin.resume();
process.stdin.on('end', () => process.exit(0));
