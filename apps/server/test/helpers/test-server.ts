import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { type BuildOptions, buildApp, type TallyApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { type ConnectOptions, connectClient, type TestClient } from './test-client.js';

export interface TestServer {
  app: TallyApp;
  url: string;
  port: number;
  dataDir: string;
  /** A connected socket.io-client socket (websocket, no Origin unless given), closed by close(). */
  connect(options?: ConnectOptions): Promise<TestClient>;
  close(): Promise<void>;
}

/**
 * The real server from buildApp on 127.0.0.1:0 with a fresh SQLite DATA_DIR.
 * `env` overrides settings the way an operator would, through the environment variables.
 */
export async function startTestServer(
  env: Record<string, string> = {},
  options: BuildOptions = {},
): Promise<TestServer> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'tally-test-'));
  return listenOn(dataDir, env, () => rm(dataDir, { recursive: true, force: true }), options);
}

/**
 * The real server on an existing DATA_DIR, as after a restart: what an earlier server wrote there
 * is read back. close() leaves the directory to its owner (the test that made it).
 */
export function startTestServerOn(dataDir: string, env: Record<string, string> = {}): Promise<TestServer> {
  return listenOn(dataDir, env, async () => {});
}

async function listenOn(
  dataDir: string,
  env: Record<string, string>,
  removeDataDir: () => Promise<void>,
  options: BuildOptions = {},
): Promise<TestServer> {
  const config = loadConfig({
    HOST: '127.0.0.1',
    PORT: '0',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    WEB_DIST_DIR: path.join(dataDir, 'no-web-dist'),
    ...env,
  });
  const app = buildApp(config, options);
  await app.listen({ host: config.host, port: config.port });
  const { port } = app.server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  const clients: TestClient[] = [];

  return {
    app,
    url,
    port,
    dataDir,
    async connect(options) {
      const client = await connectClient(url, options);
      clients.push(client);
      return client;
    },
    async close() {
      for (const client of clients) client.socket.disconnect();
      await app.close();
      await removeDataDir();
    },
  };
}
