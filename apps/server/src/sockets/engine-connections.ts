import type { TallyServer } from './socket-types.js';

/**
 * What this server reads of an Engine.IO 6 connection (one per client, below Socket.IO): the
 * packets it has not handed to the transport yet, and for websocket the `ws` socket with the
 * bytes still in its buffers. engine.io types `clients`, `writeBuffer` and the transport's
 * `socket` as non-public, but they are the only place these figures exist.
 */
export interface EngineConnection {
  readonly id: string;
  readonly readyState: 'opening' | 'open' | 'closing' | 'closed';
  readonly writeBuffer: ReadonlyArray<{ readonly data?: unknown }>;
  readonly transport: {
    readonly name: string;
    /** The `ws` WebSocket when `name` is 'websocket'. */
    readonly socket?: { readonly bufferedAmount: number; terminate(): void };
  };
  /** Without `discard`, sends what is queued first; either way the client sees its transport close. */
  close(discard?: boolean): void;
  once(event: 'close', listener: () => void): unknown;
}

/** Every Engine.IO connection open on this node, handshakes that did not reach Socket.IO included. */
export function engineConnections(io: TallyServer): EngineConnection[] {
  return Object.values((io.engine as unknown as { clients: Record<string, EngineConnection> }).clients);
}
