import { Server } from 'socket.io';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RECOVERY_WINDOW_MS } from './redis-socket-adapter.js';
import { ListenedRoomsSessionAdapter } from './session-adapter.js';

/** An EVENT packet as Socket.IO hands it to the adapter; the adapter appends its offset to `data`. */
function eventPacket(name: string): { type: number; data: unknown[] } {
  return { type: 2, data: [name] };
}

describe('ListenedRoomsSessionAdapter (a real Socket.IO server with connection state recovery)', () => {
  let io: Server;
  let adapter: ListenedRoomsSessionAdapter;

  function broadcastTo(room: string, name: string): { type: number; data: unknown[] } {
    const packet = eventPacket(name);
    adapter.broadcast(packet, { rooms: new Set([room]), except: new Set() });
    return packet;
  }

  /** The offset a client holds after receiving `packet` (Socket.IO's last data element). */
  function offsetOf(packet: { data: unknown[] }): string {
    return String(packet.data.at(-1));
  }

  async function missedEventNames(pid: string, offset: string): Promise<unknown[]> {
    const session = await adapter.restoreSession(pid, offset);
    return session.missedPackets.map((data: unknown[]) => data[0]);
  }

  afterEach(() => {
    vi.useRealTimers();
  });

  beforeEach(() => {
    // Not attached to an HTTP server: nothing to close (the adapter's sweep timer is unref'd).
    io = new Server({
      connectionStateRecovery: { maxDisconnectionDuration: RECOVERY_WINDOW_MS },
      adapter: ListenedRoomsSessionAdapter,
    });
    adapter = io.of('/').adapter as ListenedRoomsSessionAdapter;
    adapter.addAll('socket-1', new Set(['socket-1', 'board-room']));
  });

  it('keeps broadcasts to rooms with sockets and drops those to rooms nobody is in', async () => {
    const first = broadcastTo('board-room', 'first');
    broadcastTo('empty-room', 'to-nobody');
    broadcastTo('board-room', 'second');
    // A socket that was in both rooms when it dropped: had the middle broadcast been kept, its
    // recovery would replay an event sent while nobody could receive it.
    adapter.persistSession({ sid: 'socket-2', pid: 'pid-2', rooms: ['board-room', 'empty-room'], data: {} });

    expect(await missedEventNames('pid-2', offsetOf(first))).toEqual(['second']);
  });

  it('forgets a waiting session once the recovery window has passed', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const before = broadcastTo('board-room', 'before');
    adapter.persistSession({ sid: 'socket-5', pid: 'pid-5', rooms: ['quiet-room'], data: {} });
    vi.setSystemTime(Date.now() + RECOVERY_WINDOW_MS + 1_000);
    broadcastTo('quiet-room', 'after-the-window');
    adapter.persistSession({ sid: 'socket-6', pid: 'pid-6', rooms: ['quiet-room'], data: {} });

    expect(await missedEventNames('pid-6', offsetOf(before))).toEqual([]);
  });

  it('keeps broadcasts to the rooms of a session waiting for recovery, until it was restored', async () => {
    const before = broadcastTo('board-room', 'before');
    adapter.persistSession({ sid: 'socket-3', pid: 'pid-3', rooms: ['socket-3', 'quiet-room'], data: {} });
    broadcastTo('quiet-room', 'while-away');
    broadcastTo('socket-3', 'to-the-socket');

    expect(await missedEventNames('pid-3', offsetOf(before))).toEqual(['while-away', 'to-the-socket']);

    // Restored: nobody waits for the quiet room any more (the socket would be back in it if it had
    // come back; here it did not), so what is sent to it now is dropped.
    broadcastTo('quiet-room', 'after-restore');
    adapter.persistSession({ sid: 'socket-4', pid: 'pid-4', rooms: ['quiet-room'], data: {} });
    expect(await missedEventNames('pid-4', offsetOf(before))).toEqual(['while-away']);
  });
});
