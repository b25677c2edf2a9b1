import { createConnectionStatus } from './connection-status';
import { socket } from './socket';

/** The status of the one socket, for `useConnectionStatus` and for code outside React. */
export const connection = createConnectionStatus(socket, window);
