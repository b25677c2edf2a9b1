// Measures how fast idle clients can join one board, in v1 presence ('members') and in
// 'summary' mode, against the built server: connect + board:join rate, and the server's RSS.
// Not a test: run it by hand after `pnpm build` (bounded: each mode stops at its deadline; one
// client process on 127.0.0.1, 50 joins in flight).
//   pnpm --filter @tally/bench measure:presence-join [clients] [deadlineSeconds] [modes]
// e.g. `… 3000 150 summary,members`. Needs an open-files limit above the client count (the
// package script raises its soft limit to the hard one).

import { readFileSync } from 'node:fs';
import type { PresenceMode } from '@tally/events';
import { NO_ADDRESS_LIMITS_ENV, startTallyServer } from '@tally/testbed';
import { io } from 'socket.io-client';
import type { MeasureSocket } from './measure-client.js';

const [clientsArg = '3000', deadlineArg = '150', modesArg = 'summary,members'] = process.argv.slice(2);
const CLIENTS = Number(clientsArg);
const DEADLINE_MS = Number(deadlineArg) * 1000;
const MODES = modesArg.split(',') as PresenceMode[];
const IN_FLIGHT = 50;

function rssMb(pid: number): number {
  const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Math.round(Number(kb ?? 0) / 1024);
}

async function measure(mode: PresenceMode) {
  const server = await startTallyServer({
    entry: 'build',
    env: { RATE_LIMIT_BURST: '1000', ...NO_ADDRESS_LIMITS_ENV },
  });
  const { url, pid } = server;
  const idleRss = rssMb(pid);
  const sockets: MeasureSocket[] = [];
  let next = 0;
  let joined = 0;
  let frames = 0;
  const started = performance.now();
  const deadline = Date.now() + DEADLINE_MS;

  async function joinOne(i: number): Promise<void> {
    const socket: MeasureSocket = io(url, {
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      auth: { clientId: `measure-${mode}-${i}`, name: `Member ${i}` },
    });
    sockets.push(socket);
    socket.onAny(() => frames++);
    await new Promise((resolve, reject) => {
      socket.once('connect', () => resolve(undefined));
      socket.once('connect_error', reject);
    });
    const ack = await socket.timeout(60_000).emitWithAck('board:join', { boardId: 'lobby', presence: mode });
    if (!ack.ok) throw new Error(`board:join: ${ack.error.code}`);
    joined++;
  }
  async function worker(): Promise<void> {
    while (next < CLIENTS && Date.now() < deadline) await joinOne(next++);
  }
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  const seconds = (performance.now() - started) / 1000;
  const result = {
    mode,
    joined,
    seconds: Number(seconds.toFixed(1)),
    joinsPerSecond: Math.round(joined / seconds),
    serverRssIdleMb: idleRss,
    serverRssMb: rssMb(pid),
    framesToClients: frames,
  };
  for (const socket of sockets) socket.disconnect();
  await server.dispose();
  return result;
}

const results = [];
for (const mode of MODES) results.push(await measure(mode));
console.table(results);
