import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('has the documented defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      host: '0.0.0.0',
      port: 3000,
      dataDir: './data',
      allowedOrigins: null,
      adminKey: undefined,
      socketRateLimit: { burst: 100, refillPerSec: 50 },
      httpRateLimitPerMin: 600,
      batchWindowMs: 20,
      logLevel: 'info',
      redisUrl: undefined,
    });
    expect(config.webDistDir).toMatch(/apps[/\\]web[/\\]dist$/);
  });

  it('reads every variable, treating empty ones as unset', () => {
    const config = loadConfig({
      HOST: '127.0.0.1',
      PORT: '8080',
      ALLOWED_ORIGINS: 'https://tally.example.com/, http://localhost:8080',
      ADMIN_KEY: 'a-long-enough-admin-key',
      RATE_LIMIT_BURST: '10',
      RATE_LIMIT_REFILL_PER_SEC: '2.5',
      BATCH_WINDOW_MS: '',
      LOG_LEVEL: 'warn',
    });
    expect(config).toMatchObject({
      host: '127.0.0.1',
      port: 8080,
      allowedOrigins: ['https://tally.example.com', 'http://localhost:8080'],
      socketRateLimit: { burst: 10, refillPerSec: 2.5 },
      batchWindowMs: 20,
      logLevel: 'warn',
    });
  });

  it('has the operating defaults of issue 14 and reads them', () => {
    expect(loadConfig({})).toMatchObject({
      publicUrl: undefined,
      addressLimits: {
        maxSockets: 1000,
        eventBurst: 2000,
        eventsPerSec: 1000,
        maxQueuedOps: 2500,
        boardCreatesPerHour: 60,
      },
      chatHistoryPerBoard: 200,
      drainTimeoutMs: 10_000,
      maxEventLoopDelayMs: 1000,
      slowReaderMaxBytes: 4 * 1024 * 1024,
      metricsToken: undefined,
      adminUiMode: 'production',
    });
    expect(
      loadConfig({
        PUBLIC_URL: 'https://tally.example.com/',
        MAX_SOCKETS_PER_ADDRESS: '5',
        DRAIN_TIMEOUT_MS: '0',
        METRICS_TOKEN: 'a-metrics-token-of-some-length',
        ADMIN_UI_MODE: 'development',
      }),
    ).toMatchObject({
      publicUrl: 'https://tally.example.com',
      addressLimits: { maxSockets: 5 },
      drainTimeoutMs: 0,
      metricsToken: 'a-metrics-token-of-some-length',
      adminUiMode: 'development',
    });
    expect(() => loadConfig({ PUBLIC_URL: 'tally.example.com', METRICS_TOKEN: 'short' })).toThrow(
      /PUBLIC_URL[\s\S]*METRICS_TOKEN/,
    );
  });

  it('lists every bad variable in one ConfigError', () => {
    const bad = () =>
      loadConfig({
        PORT: '70000',
        ALLOWED_ORIGINS: 'https://ok.example, tally.example.com/path',
        ADMIN_KEY: 'short',
        LOG_LEVEL: 'loud',
      });
    expect(bad).toThrow(ConfigError);
    expect(bad).toThrow(/PORT[\s\S]*ALLOWED_ORIGINS[\s\S]*ADMIN_KEY[\s\S]*LOG_LEVEL/);
  });

  it('reads the multi-node settings: NODE_ID, REDIS_WAITAOF (only with REDIS_URL) and TRUST_PROXY', () => {
    const single = loadConfig({});
    expect(single.nodeId).toMatch(/^[A-Za-z0-9_-]{1,32}$/);
    expect(single).toMatchObject({ redisWaitAof: null, trustProxy: false });

    expect(
      loadConfig({
        REDIS_URL: 'redis://127.0.0.1:6380',
        NODE_ID: 'node-2',
        REDIS_WAITAOF: '1,1,500',
        TRUST_PROXY: '127.0.0.1,10.0.0.0/8',
      }),
    ).toMatchObject({
      redisUrl: 'redis://127.0.0.1:6380',
      nodeId: 'node-2',
      redisWaitAof: { numLocal: 1, numReplicas: 1, timeoutMs: 500 },
      trustProxy: '127.0.0.1,10.0.0.0/8',
    });
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);

    expect(() => loadConfig({ NODE_ID: 'node.1' })).toThrow(/NODE_ID/);
    expect(() => loadConfig({ REDIS_URL: 'redis://127.0.0.1:6380', REDIS_WAITAOF: 'always' })).toThrow(
      /REDIS_WAITAOF/,
    );
    expect(() => loadConfig({ REDIS_WAITAOF: '1,0' })).toThrow(/REDIS_WAITAOF: needs REDIS_URL/);
  });
});
