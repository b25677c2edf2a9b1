import type {
  ClientToServerEvents,
  InterServerEvents,
  ServerToClientEvents,
  SocketData,
} from '@tally/events';
import type { Server, Socket } from 'socket.io';

/** The typed Socket.IO server: events, payloads and `socket.data` all come from the contract. */
export type TallyServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
export type TallySocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
