// A connect storm: many clients connecting and joining one board at once, as after a deploy or
// an outage. Shared by the server's connect-storm test and the bench's measurement
// (packages/bench/src/measure/connect-storm.ts); framework-free like the rest of the testbed.
import { Redis } from 'ioredis';
import { io, type Socket } from 'socket.io-client';

/**
 * Limits out of a storm's way: every storm client comes from 127.0.0.1 (nginx's own address, or
 * the X-Forwarded-For of a node that trusts it), so the per-address limits of issue 14 would
 * refuse most of them; those limits have their own tests.
 */
export const STORM_ENV = {
  MAX_SOCKETS_PER_ADDRESS: '100000',
  ADDRESS_EVENT_BURST: '1000000',
  ADDRESS_EVENTS_PER_SEC: '1000000',
};

type Transport = 'polling' | 'websocket';

export interface StormOptions {
  clients: number;
  /** Connects start evenly over this many ms. */
  spreadMs: number;
  /** The transports of the `index`th client (a browser starts with polling, a bot often with websocket). */
  transports(index: number): Transport[];
  /** The presence mode of every join (default: members, as a v1 client joins). */
  presence?: 'members' | 'summary';
  /** How long to wait for every join's ack. */
  deadlineMs?: number;
}

export interface StormResult {
  /** From the first connect to the last ack. */
  wallMs: number;
  /** How many joins were answered ok, and how many with each error code ("no ack": none came in time). */
  acks: Record<string, number>;
  /** How many joins each node answered (its NODE_ID prefixes the Engine.IO session id). */
  servedBy: Record<string, number>;
  /** Per answered join: from the start of its connect to its ack. */
  joinMs: number[];
  /** Handshakes refused or failed; the client tries again, as browsers do. */
  connectErrors: number;
  /** Links lost after a greeting; the client connects again and joins again if unanswered, as the web app does. */
  reconnects: number;
  /** The storm's sockets, still connected: a test may use them; close() ends them. */
  sockets: Socket[];
  close(): void;
}

/**
 * `clients` plain socket.io-client sockets connect to `url` and join `boardId` (by default in
 * members mode), each once it is greeted; resolves once every join is answered or the deadline
 * passed. Counts only, no event log: 1,000 members receive ~500,000 `presence:joined` between them.
 */
export async function runConnectStorm(
  url: string,
  boardId: string,
  options: StormOptions,
): Promise<StormResult> {
  const { clients, spreadMs, transports, presence = 'members', deadlineMs = 45_000 } = options;
  const sockets: Socket[] = [];
  const acks: Record<string, number> = {};
  const servedBy: Record<string, number> = {};
  const joinMs: number[] = [];
  let connectErrors = 0;
  let reconnects = 0;
  let answered = 0;
  const started = performance.now();
  let lastAnswer = started;
  let timers: NodeJS.Timeout[] = [];

  const connect = (index: number, done: (outcome: string, since: number) => void) => {
    const since = performance.now();
    const socket = io(url, {
      transports: transports(index),
      forceNew: true,
      reconnectionDelay: 200,
      reconnectionDelayMax: 1000,
      auth: { name: `storm ${index}` },
    });
    sockets.push(socket);
    let joined = false;
    socket.on('hello', ({ clientId, memberToken, name }) => {
      // As the web app does: a new session after a lost link is the same member (another tab).
      socket.auth = { clientId, memberToken, name };
      if (joined) return;
      // A join sent on a link that then drops is never answered: the next greeting sends it again.
      socket.emit('board:join', { boardId, presence }, (ack: { ok: boolean; error?: { code: string } }) => {
        if (joined) return;
        joined = true;
        const sessionId = socket.io.engine.id;
        const node = sessionId.slice(0, sessionId.indexOf('.'));
        servedBy[node] = (servedBy[node] ?? 0) + 1;
        done(ack.ok ? 'ok' : (ack.error?.code ?? 'malformed'), since);
      });
    });
    socket.on('connect_error', () => {
      connectErrors++;
    });
    socket.io.on('reconnect', () => {
      reconnects++;
    });
  };

  await new Promise<void>((resolve) => {
    const deadline = setTimeout(resolve, deadlineMs);
    const done = (outcome: string, since: number) => {
      acks[outcome] = (acks[outcome] ?? 0) + 1;
      lastAnswer = performance.now();
      if (outcome === 'ok') joinMs.push(lastAnswer - since);
      if (++answered === clients) {
        clearTimeout(deadline);
        resolve();
      }
    };
    timers = Array.from({ length: clients }, (_, index) =>
      setTimeout(() => connect(index, done), (index * spreadMs) / clients),
    );
  });
  for (const timer of timers) clearTimeout(timer);
  const missing = clients - answered;
  if (missing > 0) acks['no ack'] = missing;
  return {
    wallMs: lastAnswer - started,
    acks,
    servedBy,
    joinMs,
    connectErrors,
    reconnects,
    sockets,
    close() {
      for (const socket of sockets) socket.disconnect();
    },
  };
}

/** Redis's own count of each command it ran (INFO commandstats), to count round trips per join. */
export async function redisCommandCalls(port: number): Promise<Map<string, number>> {
  const client = new Redis({ port, host: '127.0.0.1', lazyConnect: true });
  await client.connect();
  try {
    const info = await client.info('commandstats');
    const calls = new Map<string, number>();
    for (const match of info.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)) {
      calls.set(match[1] ?? '', Number(match[2]));
    }
    return calls;
  } finally {
    client.disconnect();
  }
}
