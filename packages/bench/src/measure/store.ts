// Measures Store.applyOps alone (no sockets): Redis with appendfsync always / everysec against
// SQLite (WAL, synchronous=FULL), one op per batch and 50 per batch, for docs/scaling.md.
// Not a test: run it by hand (bounded: 1,000 single ops and 200 batches per setup).
//   pnpm --filter @tally/bench measure:store
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Store } from '@tally/server/store';
import { createRedisStore } from '@tally/server/store/redis';
import { createSqliteStore } from '@tally/server/store/sqlite';
import { startRedisServer } from '@tally/testbed';

const BATCHES = { 1: 1000, 50: 200 } as const;

async function measure(setup: string, store: Store): Promise<string[]> {
  await store.init();
  const rows: string[] = [];
  for (const [size, count] of Object.entries(BATCHES)) {
    const latencies: number[] = [];
    const started = performance.now();
    for (let b = 0; b < count; b++) {
      const ops = Array.from({ length: Number(size) }, () => ({
        kind: 'increment' as const,
        opId: randomUUID(),
        counterId: 'lobby-count',
        by: 1,
        actor: { clientId: null, name: 'measure-store' },
      }));
      const t = performance.now();
      await store.applyOps(ops);
      latencies.push(performance.now() - t);
    }
    const perSecond = (Number(size) * count * 1000) / (performance.now() - started);
    latencies.sort((a, b) => a - b);
    const at = (p: number) => (latencies[Math.floor(latencies.length * p)] ?? Number.NaN).toFixed(2);
    rows.push(`| ${setup} | ${size} | ${Math.round(perSecond)} | ${at(0.5)} / ${at(0.99)} |`);
  }
  await store.close();
  return rows;
}

const rows: string[] = [];
for (const appendFsync of ['always', 'everysec'] as const) {
  const redis = await startRedisServer({ appendFsync });
  try {
    rows.push(...(await measure(`Redis, appendfsync ${appendFsync}`, createRedisStore({ url: redis.url }))));
  } finally {
    await redis.dispose();
  }
}
const dataDir = mkdtempSync(path.join(tmpdir(), 'tally-measure-store-'));
try {
  rows.push(...(await measure('SQLite, synchronous=FULL', createSqliteStore({ dataDir }))));
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
console.log('| store | ops per batch | increments/s | batch p50 / p99 (ms) |');
console.log('| --- | --- | --- | --- |');
for (const row of rows) console.log(row);
