import { useEffect, useRef, useState } from 'react';
import { useSocket } from '../socket/SocketProvider';
import { appendEvents, type RecordedEvent, recordEvent } from './event-log';

/**
 * Records every event the socket sends and receives (socket.onAny / onAnyOutgoing), removing
 * exactly its own listeners on cleanup. Events are buffered and committed once per frame, so
 * a busy board does not re-render the inspector for every message.
 */
export function useEventRecorder(paused: boolean) {
  const socket = useSocket();
  const [events, setEvents] = useState<readonly RecordedEvent[]>([]);
  const pausedRef = useRef(paused);
  useEffect(() => {
    pausedRef.current = paused;
  }, [paused]);

  useEffect(() => {
    let buffer: RecordedEvent[] = [];
    let frame: number | null = null;
    const commit = () => {
      frame = null;
      const batch = buffer;
      buffer = [];
      setEvents((current) => appendEvents(current, batch));
    };
    const record = (direction: RecordedEvent['direction'], name: string, args: unknown[]) => {
      if (pausedRef.current) return;
      buffer.push(recordEvent(direction, name, args, Date.now()));
      frame ??= requestAnimationFrame(commit);
    };
    const onIncoming = (name: string, ...args: unknown[]) => record('in', name, args);
    const onOutgoing = (name: string, ...args: unknown[]) => record('out', name, args);
    socket.onAny(onIncoming);
    socket.onAnyOutgoing(onOutgoing);
    return () => {
      socket.offAny(onIncoming);
      socket.offAnyOutgoing(onOutgoing);
      if (frame !== null) cancelAnimationFrame(frame);
    };
  }, [socket]);

  return { events, clear: () => setEvents([]) };
}
