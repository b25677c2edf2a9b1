// Measures what the v1.1 activity record costs on disk under the bench's loads, through the real
// SqliteStore (no sockets): group commits of the increments arriving in each 10 ms, on a clock
// the script drives so that 100 s of load take a few seconds, then the activity table's and its
// index's pages (dbstat) and the rows written. Not a test: run it by hand.
//   pnpm --filter @tally/bench measure:activity-storage [seconds]

import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Actor, type CounterOp, DEFAULT_COUNTER_SETTINGS } from '@tally/server/store';
import { createSqliteStore } from '@tally/server/store/sqlite';
import Database from 'better-sqlite3';

const SECONDS = Number(process.argv[2] ?? '100');
const DAY_S = 86_400;

interface Click {
  t: number;
  member: number;
}

/** Each member clicks every `periodMs`, at its own phase: the bench's steady incrementers. */
function pacedClicks(members: number, periodMs: number): Click[] {
  const clicks: Click[] = [];
  for (let member = 0; member < members; member++) {
    const phase = Math.floor(Math.random() * periodMs);
    for (let t = phase; t < SECONDS * 1000; t += periodMs) clicks.push({ t, member });
  }
  return clicks.sort((a, b) => a.t - b.t);
}

/** Bytes of the activity table and its index, from SQLite's own page accounting. */
function activityBytes(file: string): { bytes: number; rows: number } {
  const db = new Database(file, { readonly: true });
  const { bytes } = db
    .prepare("SELECT sum(pgsize) AS bytes FROM dbstat WHERE name IN ('activity', 'activity_by_board')")
    .get() as { bytes: number };
  const { rows } = db.prepare('SELECT count(*) AS rows FROM activity').get() as { rows: number };
  db.close();
  return { bytes, rows };
}

async function measure(label: string, members: number, periodMs: number): Promise<void> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'tally-activity-'));
  const start = Date.UTC(2030, 0, 1);
  let clock = start;
  const store = createSqliteStore({ dataDir, now: () => clock, pruneIntervalMs: 0 });
  await store.init();
  // Ids and names as long as the server makes them: a slug board id, 12-char counter ids, 16-char clientIds.
  const boardId = `contention-${randomBytes(6).toString('base64url')}`;
  await store.createBoard({
    id: boardId,
    name: 'Contention',
    visibility: 'public',
    ownerKeyHash: randomBytes(32).toString('hex'),
    accessKeyHash: null,
    createdAt: clock,
  });
  const actors: Actor[] = Array.from({ length: members }, (_, i) => ({
    clientId: randomBytes(12).toString('base64url'),
    name: `Member ${i + 1}`,
  }));
  const counter = await store.createCounter(
    {
      id: randomBytes(9).toString('base64url'),
      boardId,
      name: 'Count',
      value: 0,
      ...DEFAULT_COUNTER_SETTINGS,
    },
    actors[0] as Actor,
  );
  const before = activityBytes(store.file);
  const clicks = pacedClicks(members, periodMs);
  for (let i = 0; i < clicks.length; ) {
    const batchEnd = Math.floor((clicks[i] as Click).t / 10) * 10 + 10;
    clock = start + (clicks[i] as Click).t;
    const ops: CounterOp[] = [];
    for (; i < clicks.length && (clicks[i] as Click).t < batchEnd; i++) {
      const actor = actors[(clicks[i] as Click).member] as Actor;
      ops.push({ kind: 'increment', opId: randomUUID(), counterId: counter.id, by: 1, actor });
    }
    await store.applyOps(ops);
  }
  await store.close();
  const after = activityBytes(store.file);
  const rows = after.rows - before.rows;
  const bytes = after.bytes - before.bytes;
  const perDay = (bytes / SECONDS) * DAY_S;
  console.log(`${label}: ${clicks.length} increments in ${SECONDS} s (${clicks.length / SECONDS}/s)`);
  console.log(
    `  activity entries: ${rows} (${(rows / SECONDS).toFixed(0)}/s, ${(rows / clicks.length).toFixed(2)} per increment)`,
  );
  console.log(`  bytes: ${bytes} (${(bytes / rows).toFixed(0)} per entry, table + index)`);
  console.log(
    `  per day: ${(perDay / 1e9).toFixed(2)} GB; kept 31 days: ${((perDay * 31) / 1e9).toFixed(1)} GB`,
  );
  rmSync(dataDir, { recursive: true, force: true });
}

await measure('bench contention (100 incrementers at 5/s)', 100, 200);
await measure('bench fanout (10 incrementers at 10/s)', 10, 100);
