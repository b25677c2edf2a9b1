/** What this module touches of an Engine.IO transport (engine.io is not a direct dependency). */
interface EngineTransport {
  readonly name: string;
  send(packets: unknown[]): void;
  /** The websocket transport's `ws` WebSocket, whose `_socket` is the TCP socket (also used by Engine.IO itself). */
  readonly socket?: { readonly _socket?: { cork(): void; uncork(): void } };
}

/** An Engine.IO connection: its transport, replaced by `upgrade` (polling → websocket). */
interface EngineConnection {
  readonly transport: EngineTransport;
  on(event: 'upgrade', listener: (transport: EngineTransport) => void): void;
}

/** Engine.IO's server, as far as new connections go. */
interface EngineServer {
  on(event: 'connection', listener: (connection: EngineConnection) => void): void;
}

/**
 * Writes the packets a websocket flushes together in one system call instead of one per packet.
 * Engine.IO sends a websocket's waiting packets as one frame each, and `ws` writes each frame as
 * soon as it is made: a socket that has several packets waiting (presence announcements of a
 * connect storm, a burst the Redis adapter read at once) costs a `writev` per packet, and in a
 * storm of 1,000 members-mode joins those writes were the nodes' main work (~5 s of each node's
 * CPU, ~30 % of it). Corked around one flush, the frames leave together, unchanged and in the same
 * order, before `send` returns: nothing waits for a later tick. A lone packet is written as before.
 */
export function batchWebsocketWrites(engine: EngineServer): void {
  engine.on('connection', (connection) => {
    corkMultiPacketSends(connection.transport);
    connection.on('upgrade', corkMultiPacketSends);
  });
}

function corkMultiPacketSends(transport: EngineTransport): void {
  const tcp = transport.socket?._socket;
  if (transport.name !== 'websocket' || !tcp) return;
  const send = transport.send.bind(transport);
  transport.send = (packets) => {
    if (packets.length < 2) {
      send(packets);
      return;
    }
    tcp.cork();
    try {
      send(packets);
    } finally {
      tcp.uncork();
    }
  };
}
