import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** apps/web/dist, found from this file: two levels up from both src/config.ts (tsx) and dist/main.js (bundle). */
const DEFAULT_WEB_DIST_DIR = fileURLToPath(new URL('../../web/dist', import.meta.url));

/** The Vite dev server, allowed by default so `pnpm dev` works without settings. */
export const DEV_SERVER_ORIGIN = 'http://localhost:5173';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const emptyAsUnset = (value: unknown) => (value === '' ? undefined : value);

const intFromEnv = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

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
  BATCH_WINDOW_MS: z.preprocess(emptyAsUnset, intFromEnv(0, 1000).default(0)),
  LOG_LEVEL: z.preprocess(emptyAsUnset, z.enum(LOG_LEVELS).default('info')),
  WEB_DIST_DIR: z.preprocess(emptyAsUnset, z.string().min(1).default(DEFAULT_WEB_DIST_DIR)),
  REDIS_URL: z.preprocess(emptyAsUnset, z.url({ protocol: /^rediss?$/ }).optional()),
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
  batchWindowMs: number;
  logLevel: (typeof LOG_LEVELS)[number];
  webDistDir: string;
  redisUrl: string | undefined;
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
  };
}
