import type { ClientToServerEvents, CreateBoardResponse, ServerToClientEvents } from '@tally/events';
import { io, type Socket } from 'socket.io-client';

/** A member's socket, typed by the protocol. */
export type MeasureSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * The limits per client address (issue 14) raised past any measurement's load: every client
 * comes from 127.0.0.1, so a measurement would otherwise measure those limits.
 */
export const NO_ADDRESS_LIMITS_ENV = {
  MAX_SOCKETS_PER_ADDRESS: '1000000',
  ADDRESS_EVENT_BURST: '1000000',
  ADDRESS_EVENTS_PER_SEC: '1000000',
  MAX_QUEUED_OPS_PER_ADDRESS: '1000000',
  BOARD_CREATES_PER_HOUR: '1000000',
} as const;

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
