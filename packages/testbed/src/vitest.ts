import { afterAll, beforeAll } from 'vitest';
import { type Cluster, type ClusterOptions, startCluster } from './cluster.js';

/** Time for Redis, the nodes one by one and nginx to start on a busy 2-core machine. */
const CLUSTER_START_TIMEOUT_MS = 90_000;

/**
 * A cluster for the tests of one file: started in `beforeAll`, killed (SIGKILL, the tests are
 * done with it) in `afterAll`. Returns an accessor, valid inside tests and hooks. Register it
 * before the file's own `afterAll` (closing its clients): Vitest runs after-hooks last first.
 */
export function useCluster(options: ClusterOptions): () => Cluster {
  let cluster: Cluster | undefined;
  beforeAll(async () => {
    cluster = await startCluster(options);
  }, CLUSTER_START_TIMEOUT_MS);
  afterAll(async () => {
    await cluster?.stop(0);
  });
  return () => {
    if (!cluster) throw new Error('the cluster is not started: use it inside a test or a hook');
    return cluster;
  };
}
