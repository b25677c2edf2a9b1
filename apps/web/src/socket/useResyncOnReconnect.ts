import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useSocket } from './SocketProvider';

/**
 * After every (re)connection, everything is refetched: the board queries join their rooms again
 * (the new connection has none) and cover whatever happened while this tab was away. This holds
 * when `socket.recovered` is false (no missed events were replayed) and, to stay simple and
 * safe, after a recovered reconnect too: a repeated join is harmless.
 */
export function useResyncOnReconnect(): void {
  const socket = useSocket();
  const queryClient = useQueryClient();
  useEffect(() => {
    const onConnect = () => {
      // A load already on its way (waiting for this very connection) is not started twice.
      void queryClient.invalidateQueries(undefined, { cancelRefetch: false });
    };
    socket.on('connect', onConnect);
    return () => {
      socket.off('connect', onConnect);
    };
  }, [socket, queryClient]);
}
