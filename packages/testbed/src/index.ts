// The public entry of @tally/testbed (framework-free); the Vitest helper is `@tally/testbed/vitest`.
export {
  acceptsConnections,
  DEFAULT_STOP_GRACE_MS,
  type OwnedProcess,
  type ProcessExit,
  type SpawnProcessOptions,
  spawnProcess,
  waitUntilReady,
} from './child-process.js';
export { type Cluster, type ClusterNode, type ClusterOptions, startCluster } from './cluster.js';
export { freePort } from './free-port.js';
export { NO_ADDRESS_LIMITS_ENV } from './load-env.js';
export { type Nginx, type NginxOptions, startNginx } from './nginx.js';
export { type RedisServer, type RedisServerOptions, startRedisServer } from './redis-server.js';
export { createBoardAt } from './tally-api.js';
export { startTallyServer, type TallyServer, type TallyServerOptions } from './tally-server.js';
export { makeTempDir, removeDir } from './temp-dir.js';
