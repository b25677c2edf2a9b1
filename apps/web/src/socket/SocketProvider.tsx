import { createContext, type ReactNode, useContext } from 'react';
import type { ConnectionStatusStore } from './connection-status';
import type { TallySocket } from './socket';

interface SocketContextValue {
  socket: TallySocket;
  connection: ConnectionStatusStore;
}

const SocketContext = createContext<SocketContextValue | null>(null);

/** Hands the tab's one socket (made outside React) to the component tree. */
export function SocketProvider(props: {
  socket: TallySocket;
  connection: ConnectionStatusStore;
  children: ReactNode;
}) {
  const { socket, connection, children } = props;
  return <SocketContext value={{ socket, connection }}>{children}</SocketContext>;
}

function useSocketContext(): SocketContextValue {
  const value = useContext(SocketContext);
  if (value === null) throw new Error('useSocket() needs a <SocketProvider> above it.');
  return value;
}

/** The tab's socket. Throws outside a SocketProvider, so a missing provider fails loudly. */
export function useSocket(): TallySocket {
  return useSocketContext().socket;
}

export function useConnectionStore(): ConnectionStatusStore {
  return useSocketContext().connection;
}
