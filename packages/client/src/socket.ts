import type { ClientToServerEvents, ServerToClientEvents } from '@tally/events';
import type { Socket } from 'socket.io-client';

/** The client's one socket, typed by the contract. */
export type TallySocket = Socket<ServerToClientEvents, ClientToServerEvents>;
