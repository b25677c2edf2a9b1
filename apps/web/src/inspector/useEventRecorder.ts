import { useEffect, useRef, useState } from 'react';
import { useTallyClient } from '../app/TallyClientProvider';
import { appendEvents, type RecordedEvent, recordEvent } from './event-log';

/**
 * Records every event the socket sends and receives (the client's onAnyEvent), removing exactly
 * its own listener on cleanup. Events are buffered and committed once per frame, so
 * a busy board does not re-render the inspector for every message.
 */
export function useEventRecorder(paused: boolean) {
  const client = useTallyClient();
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
    const stop = client.onAnyEvent(record);
    return () => {
      stop();
      if (frame !== null) cancelAnimationFrame(frame);
    };
  }, [client]);

  return { events, clear: () => setEvents([]) };
}
