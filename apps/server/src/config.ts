import { hostname } from 'node:os';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { parseWaitAofPolicy, type WaitAofPolicy } from './redis/wait-aof.js';
import { DEFAULT_CHAT_HISTORY_PER_BOARD } from './store/store.js';

/** apps/web/dist, found from this file: two levels up from both src/config.ts (tsx) and dist/main.js (bundle). */
const DEFAULT_WEB_DIST_DIR = fileURLToPath(new URL('../../web/dist', import.meta.url));

/** The Vite dev server, allowed by default so `pnpm dev` works without settings. */
export const DEV_SERVER_ORIGIN = 'http://localhost:5173';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const emptyAsUnset = (value: unknown) => (value === '' ? undefined : value);

const intFromEnv = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

const NODE_ID_PATTERN = /^[A-Za-z0-9_-]{1,32}$/;

/** The machine's name made into a node id (a FQDN's dots and other characters become '-'). */
function defaultNodeId(): string {
  return (
    hostname()
      .replace(/[^A-Za-z0-9_-]/g, '-')
      .slice(0, 32) || 'node'
  );
}

const waitAofSchema = z.string().transform((raw, ctx) => {
  try {
    return parseWaitAofPolicy(raw);
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: (error as Error).message });
    return z.NEVER;
  }
});

/** Fastify's trustProxy: "true" (any proxy: only when nothing else can reach the node) or a comma list of proxy addresses / CIDRs. */
const trustProxySchema = z.string().transform((raw): boolean | string => {
  const value = raw.trim();
  if (value === 'true' || value === 'false') return value === 'true';
  return value;
});

const originSchema = z.string().transform((raw, ctx) => {
  try {
    const url = new URL(raw.trim());
    const isBareOrigin = url.pathname === '/' && !url.search && !url.hash && !url.username && !url.password;
    if ((url.protocol === 'http:' || url.protocol === 'https:') && isBareOrigin) return url.origin;
  } catch {
    // reported below
  }
  ctx.addIssue({ code: 'custom', message: `"${raw}" is not an origin like https://tally.example.com` });
  return z.NEVER;
});

const envSchema = z.object({
  HOST: z.preprocess(emptyAsUnset, z.string().min(1).default('0.0.0.0')),
  PORT: z.preprocess(emptyAsUnset, intFromEnv(0, 65535).default(3000)),
  DATA_DIR: z.preprocess(emptyAsUnset, z.string().min(1).default('./data')),
  ALLOWED_ORIGINS: z.preprocess(
    emptyAsUnset,
    z
      .string()
      .transform((list) => list.split(',').filter((item) => item.trim() !== ''))
      .pipe(z.array(originSchema).min(1))
      .optional(),
  ),
  // An operator secret with owner rights everywhere: refuse ones short enough to guess.
  ADMIN_KEY: z.preprocess(emptyAsUnset, z.string().min(16).max(128).optional()),
  RATE_LIMIT_BURST: z.preprocess(emptyAsUnset, intFromEnv(1, 1_000_000).default(100)),
  RATE_LIMIT_REFILL_PER_SEC: z.preprocess(
    emptyAsUnset,
    z.coerce.number().positive().max(1_000_000).default(50),
  ),
  HTTP_RATE_LIMIT_PER_MIN: z.preprocess(emptyAsUnset, intFromEnv(1, 10_000_000).default(600)),
  // Throttles broadcasts, not commits: see Config.batchWindowMs.
  BATCH_WINDOW_MS: z.preprocess(emptyAsUnset, intFromEnv(0, 1000).default(20)),
  LOG_LEVEL: z.preprocess(emptyAsUnset, z.enum(LOG_LEVELS).default('info')),
  WEB_DIST_DIR: z.preprocess(emptyAsUnset, z.string().min(1).default(DEFAULT_WEB_DIST_DIR)),
  REDIS_URL: z.preprocess(emptyAsUnset, z.url({ protocol: /^rediss?$/ }).optional()),
  NODE_ID: z.preprocess(
    emptyAsUnset,
    z.string().regex(NODE_ID_PATTERN, 'must be 1-32 chars of A-Z a-z 0-9 _ -').default(defaultNodeId),
  ),
  REDIS_WAITAOF: z.preprocess(emptyAsUnset, waitAofSchema.optional()),
  TRUST_PROXY: z.preprocess(emptyAsUnset, trustProxySchema.default(false)),
  // Member tokens are HMACs under it: one short enough to guess would let anyone pose as anyone.
  MEMBER_SECRET: z.preprocess(emptyAsUnset, z.string().min(32).max(256).optional()),
  // Where browsers reach this server; unset, only the Host header's own http(s) origin is known.
  PUBLIC_URL: z.preprocess(emptyAsUnset, originSchema.optional()),
  // Fairness per client address (issue 14): room for a classroom or an office behind one NAT.
  MAX_SOCKETS_PER_ADDRESS: z.preprocess(emptyAsUnset, intFromEnv(1, 10_000_000).default(1000)),
  ADDRESS_EVENT_BURST: z.preprocess(emptyAsUnset, intFromEnv(1, 100_000_000).default(2000)),
  ADDRESS_EVENTS_PER_SEC: z.preprocess(
    emptyAsUnset,
    z.coerce.number().positive().max(100_000_000).default(1000),
  ),
  MAX_QUEUED_OPS_PER_ADDRESS: z.preprocess(emptyAsUnset, intFromEnv(1, 10_000_000).default(2500)),
  BOARD_CREATES_PER_HOUR: z.preprocess(emptyAsUnset, intFromEnv(1, 10_000_000).default(60)),
  CHAT_HISTORY_PER_BOARD: z.preprocess(
    emptyAsUnset,
    intFromEnv(50, 100_000).default(DEFAULT_CHAT_HISTORY_PER_BOARD),
  ),
  DRAIN_TIMEOUT_MS: z.preprocess(emptyAsUnset, intFromEnv(0, 600_000).default(10_000)),
  MAX_EVENT_LOOP_DELAY_MS: z.preprocess(emptyAsUnset, intFromEnv(0, 60_000).default(1000)),
  SLOW_READER_MAX_BYTES: z.preprocess(emptyAsUnset, intFromEnv(64 * 1024, 1024 ** 3).default(4 * 1024 ** 2)),
  // A bearer token for /metrics; one short enough to guess would protect nothing.
  METRICS_TOKEN: z.preprocess(emptyAsUnset, z.string().min(16).max(256).optional()),
  ADMIN_UI_MODE: z.preprocess(emptyAsUnset, z.enum(['production', 'development']).default('production')),
});

/** The server's settings, read once from the environment at start. */
export interface Config {
  host: string;
  port: number;
  dataDir: string;
  /** Origins allowed to open a socket; null = the server's own origin plus the Vite dev server. */
  allowedOrigins: string[] | null;
  adminKey: string | undefined;
  socketRateLimit: { burst: number; refillPerSec: number };
  httpRateLimitPerMin: number;
  /**
   * Per board, the shortest time between two `counter:updated` broadcasts. Commits never wait for
   * it (each batch starts as soon as the previous commit finished, and acks follow the commit);
   * the first change after a quiet spell is broadcast right after its ack, and under load the
   * changes of the window are merged into one update. 0 = one broadcast per commit.
   */
  batchWindowMs: number;
  logLevel: (typeof LOG_LEVELS)[number];
  webDistDir: string;
  /** Set: several nodes share Redis (store, Socket.IO adapter, presence); unset: SQLite. */
  redisUrl: string | undefined;
  /** This node's name: prefixes its Engine.IO session ids, shown as `x-tally-node` and in /api/health. */
  nodeId: string;
  /** With REDIS_URL: each batch of ops waits for WAITAOF before its acks (null: no waiting). */
  redisWaitAof: WaitAofPolicy | null;
  /** Fastify's trustProxy: whose X-Forwarded-For to believe for the client address (rate limits). */
  trustProxy: boolean | string;
  /** The secret of member tokens (v1.1); unset: the store's own secret, made once per deployment. */
  memberSecret: string | undefined;
  /** The origin browsers use to reach the server (PUBLIC_URL); undefined: not configured. */
  publicUrl: string | undefined;
  /** Limits per client address (the address Fastify's trustProxy yields), see docs/operations.md. */
  addressLimits: {
    /** Concurrent sockets per address (across nodes with REDIS_URL); past it the handshake gets `rate_limited`. */
    maxSockets: number;
    /** Token bucket over the events of all the address's sockets, on top of each socket's own. */
    eventBurst: number;
    eventsPerSec: number;
    /** Ops one address may have waiting in the write queue. */
    maxQueuedOps: number;
    /** Boards one address may create per hour (creation and import, HTTP and socket). */
    boardCreatesPerHour: number;
  };
  /** Chat messages kept per board (both stores, pruned as messages are written). */
  chatHistoryPerBoard: number;
  /** After SIGTERM, how long a drain may take before the process exits anyway. */
  drainTimeoutMs: number;
  /** Event-loop delay past which the node reports itself not ready and sheds load; 0 = never. */
  maxEventLoopDelayMs: number;
  /** A socket with more unsent data than this is disconnected (a slow or paused reader). */
  slowReaderMaxBytes: number;
  /** Bearer token /metrics requires; undefined: open (like the rest of the API, rate-limited). */
  metricsToken: string | undefined;
  /** @socket.io/admin-ui at /admin (needs ADMIN_KEY): 'production' is read-only and lighter. */
  adminUiMode: 'production' | 'development';
}

/** Thrown with every bad variable listed, so an operator fixes them all in one go. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses and validates the environment (process.env by default); throws ConfigError on bad values. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.') || 'env'}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const vars = parsed.data;
  if (vars.REDIS_WAITAOF && !vars.REDIS_URL) {
    throw new ConfigError(
      'Invalid configuration:\n  REDIS_WAITAOF: needs REDIS_URL (it applies to the Redis store)',
    );
  }
  return {
    host: vars.HOST,
    port: vars.PORT,
    dataDir: vars.DATA_DIR,
    allowedOrigins: vars.ALLOWED_ORIGINS ?? null,
    adminKey: vars.ADMIN_KEY,
    socketRateLimit: { burst: vars.RATE_LIMIT_BURST, refillPerSec: vars.RATE_LIMIT_REFILL_PER_SEC },
    httpRateLimitPerMin: vars.HTTP_RATE_LIMIT_PER_MIN,
    batchWindowMs: vars.BATCH_WINDOW_MS,
    logLevel: vars.LOG_LEVEL,
    webDistDir: vars.WEB_DIST_DIR,
    redisUrl: vars.REDIS_URL,
    nodeId: vars.NODE_ID,
    redisWaitAof: vars.REDIS_WAITAOF ?? null,
    trustProxy: vars.TRUST_PROXY,
    memberSecret: vars.MEMBER_SECRET,
    publicUrl: vars.PUBLIC_URL,
    addressLimits: {
      maxSockets: vars.MAX_SOCKETS_PER_ADDRESS,
      eventBurst: vars.ADDRESS_EVENT_BURST,
      eventsPerSec: vars.ADDRESS_EVENTS_PER_SEC,
      maxQueuedOps: vars.MAX_QUEUED_OPS_PER_ADDRESS,
      boardCreatesPerHour: vars.BOARD_CREATES_PER_HOUR,
    },
    chatHistoryPerBoard: vars.CHAT_HISTORY_PER_BOARD,
    drainTimeoutMs: vars.DRAIN_TIMEOUT_MS,
    maxEventLoopDelayMs: vars.MAX_EVENT_LOOP_DELAY_MS,
    slowReaderMaxBytes: vars.SLOW_READER_MAX_BYTES,
    metricsToken: vars.METRICS_TOKEN,
    adminUiMode: vars.ADMIN_UI_MODE,
  };
}
