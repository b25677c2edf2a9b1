import type { ClientToServerEvents, ServerToClientEvents } from '@tally/events';
import { NO_ADDRESS_LIMITS_ENV } from '@tally/testbed';
import { io, type Socket } from 'socket.io-client';

/** A member's socket, typed by the protocol. */
export type MeasureSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Rate limits and the limits per address out of a measurement's way. */
export const MEASURE_LOAD_ENV = {
  RATE_LIMIT_BURST: '100000',
  RATE_LIMIT_REFILL_PER_SEC: '100000',
  HTTP_RATE_LIMIT_PER_MIN: '1000000',
  ...NO_ADDRESS_LIMITS_ENV,
};

/** Connects a new member to `url` over `transports`; resolves once the server greeted it (`hello`). */
export function connectMember(
  url: string,
  options: { name: string; transports: Array<'polling' | 'websocket'> },
): Promise<MeasureSocket> {
  const socket: MeasureSocket = io(url, {
    transports: options.transports,
    auth: { name: options.name },
    reconnection: false,
    forceNew: true,
  });
  return new Promise((resolve, reject) => {
    socket.once('hello', () => resolve(socket));
    socket.once('connect_error', (error) => {
      socket.disconnect();
      reject(error);
    });
  });
}
