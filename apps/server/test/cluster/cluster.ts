import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { CreateBoardResponse } from '@tally/events';
import { io } from 'socket.io-client';
import { NO_ADDRESS_LIMITS_ENV } from '../helpers/load-env.js';
import { TestClient, type TypedClientSocket } from '../helpers/test-client.js';
import { type ServerProcess, startServerProcess } from '../write-path/server-process.js';
import { type Nginx, startNginx } from './nginx.js';
import { type RedisServer, startRedisServer } from './redis-server.js';

/** One Tally node: the real server entry as a child process on Redis. */
export interface ClusterNode {
  readonly id: string;
  readonly url: string;
  readonly process: ServerProcess;
}

/** A test's own Redis, N nodes on it, and optionally nginx in front (deploy/nginx.conf.template). */
export interface Cluster {
  readonly redis: RedisServer;
  readonly nodes: ClusterNode[];
  readonly nginx: Nginx | null;
  stop(): Promise<void>;
}

export interface ClusterOptions {
  nodes: number;
  nginx?: boolean;
  /** Extra env for every node. */
  env?: Record<string, string>;
}

/** Limits high enough that the load of a test is never rate limited. */
const LOAD_FRIENDLY_ENV = {
  RATE_LIMIT_BURST: '100000',
  RATE_LIMIT_REFILL_PER_SEC: '100000',
  HTTP_RATE_LIMIT_PER_MIN: '1000000',
  ...NO_ADDRESS_LIMITS_ENV,
};

export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  const redis = await startRedisServer();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'tally-cluster-'));
  const nodes: ClusterNode[] = [];
  let nginx: Nginx | null = null;
  const stop = async () => {
    await nginx?.stop();
    await Promise.all(nodes.map((node) => node.process.killHard()));
    await redis.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    // One after the other: on a busy 2-core machine, nodes compiling their TypeScript (tsx) at
    // the same time can each miss the start deadline; one at a time, each gets the cores.
    for (let i = 1; i <= options.nodes; i++) {
      const id = `node${i}`;
      const process = await startServerProcess({
        ...LOAD_FRIENDLY_ENV,
        REDIS_URL: redis.url,
        NODE_ID: id,
        DATA_DIR: path.join(dataDir, id),
        ...options.env,
      });
      nodes.push({ id, url: process.url, process });
    }
    if (options.nginx) nginx = await startNginx(nodes);
    return { redis, nodes, nginx, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

export interface ClusterClientOptions {
  name: string;
  /**
   * v1.1: a clientId is honoured only with the memberToken `hello` gave it (on any node). Sent
   * together, the socket is that member (another tab); a clientId alone makes a new member.
   */
  clientId?: string;
  memberToken?: string;
  /** Default: polling first, then upgrade (what a browser does), so stickiness is exercised. */
  transports?: Array<'polling' | 'websocket'>;
  /** Reconnect after a lost link (through nginx to a living node). */
  reconnection?: boolean;
}

/**
 * Connects a recording client; resolves once greeted (`hello`). Like the web app, it keeps the
 * identity each `hello` gives for its next handshake, so that a reconnection (to any node) is the
 * same member.
 */
export function connectTo(url: string, options: ClusterClientOptions): Promise<TestClient> {
  const { name, clientId, memberToken } = options;
  const socket: TypedClientSocket = io(url, {
    transports: options.transports ?? ['polling', 'websocket'],
    auth: {
      name,
      ...(clientId !== undefined && { clientId }),
      ...(memberToken !== undefined && { memberToken }),
    },
    reconnection: options.reconnection ?? false,
    reconnectionDelay: 100,
    reconnectionDelayMax: 500,
    forceNew: true,
  });
  const client = new TestClient(socket);
  socket.on('hello', (hello) => {
    socket.auth = { clientId: hello.clientId, memberToken: hello.memberToken, name: hello.name };
  });
  return new Promise((resolve, reject) => {
    socket.once('hello', () => resolve(client));
    socket.once('connect_error', (error) => {
      if (!options.reconnection) socket.disconnect();
      reject(error);
    });
  });
}

/** The node a client's current session lives on: the NODE_ID that prefixes its Engine.IO id. */
export function nodeOf(client: TestClient): string {
  const engineId = client.socket.io.engine?.id ?? '';
  return engineId.slice(0, engineId.indexOf('.'));
}

/** A client connected straight to node `n` (0-based), checked to be served by that node. */
export async function connectToNode(
  cluster: Cluster,
  n: number,
  options: ClusterClientOptions,
): Promise<TestClient> {
  const node = cluster.nodes[n];
  if (!node) throw new Error(`no node ${n}`);
  const client = await connectTo(node.url, options);
  if (nodeOf(client) !== node.id) {
    client.close();
    throw new Error(`a client of ${node.id} was served by ${nodeOf(client)}`);
  }
  return client;
}

/** Who a client is: the identity its latest `hello` gave it (v1.1: the server makes the clientId). */
export function memberOf(client: TestClient): { clientId: string; memberToken: string; name: string } {
  const hello = client.all('hello').at(-1);
  if (!hello) throw new Error('the client was not greeted yet');
  return { clientId: hello.clientId, memberToken: hello.memberToken, name: hello.name };
}

/** The clientId the server gave a client. */
export function clientIdOf(client: TestClient): string {
  return memberOf(client).clientId;
}

/** Creates a public board through the HTTP API of `url` (a node or nginx). */
export async function createBoardAt(url: string, name: string): Promise<CreateBoardResponse> {
  const response = await fetch(`${url}/api/boards`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name }),
  });
  if (response.status !== 201)
    throw new Error(`POST /api/boards: ${response.status} ${await response.text()}`);
  return (await response.json()) as CreateBoardResponse;
}
