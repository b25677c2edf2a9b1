import type { Cluster } from '@tally/testbed';
import { io } from 'socket.io-client';
import { TestClient, type TypedClientSocket } from '../helpers/test-client.js';

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
