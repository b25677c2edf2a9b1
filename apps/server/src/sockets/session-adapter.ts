import {
  type BroadcastOptions,
  type PrivateSessionId,
  type Room,
  type Session,
  SessionAwareAdapter,
} from 'socket.io-adapter';

type SessionToPersist = Parameters<SessionAwareAdapter['persistSession']>[0];

interface WaitingSession {
  rooms: Room[];
  expiresAt: number;
}

/**
 * Socket.IO's in-memory adapter with connection state recovery (one node), minus one waste: it
 * keeps every broadcast for the recovery window (two minutes, ~750 bytes each), also one sent to
 * rooms where no socket is and to which no disconnected session can come back, so that nobody will
 * ever get it. `presence:joined` to a board's members-mode room, on a board where everyone uses
 * summaries, is such a broadcast: 10,000 joins kept 10,000 packets (issue 5, a twentieth of what an
 * idle connection cost). Such a broadcast is dropped; every other one is kept and sent as before.
 */
export class ListenedRoomsSessionAdapter extends SessionAwareAdapter {
  /** The rooms of the sessions kept for recovery, oldest first (so expired ones are at the front). */
  readonly #waiting = new Map<PrivateSessionId, WaitingSession>();
  /** How long a disconnected session may come back: the server's own setting, as Socket.IO reads it. */
  readonly #windowMs: number;

  constructor(nsp: ConstructorParameters<typeof SessionAwareAdapter>[0]) {
    super(nsp);
    this.#windowMs = nsp.server.opts.connectionStateRecovery.maxDisconnectionDuration;
  }

  override persistSession(session: SessionToPersist): void {
    super.persistSession(session);
    const now = Date.now();
    this.#sweepExpired(now);
    this.#waiting.set(session.pid, { rooms: session.rooms, expiresAt: now + this.#windowMs });
  }

  override restoreSession(pid: PrivateSessionId, offset: string): Promise<Session> {
    // Restored or not, the session no longer waits: Socket.IO forgets it either way.
    this.#waiting.delete(pid);
    return super.restoreSession(pid, offset);
  }

  override broadcast(packet: unknown, opts: BroadcastOptions): void {
    // An empty `rooms` means every socket (io.emit): always kept.
    if (opts.rooms.size > 0 && !this.#anyoneCanReceive(opts.rooms)) return;
    super.broadcast(packet, opts);
  }

  #anyoneCanReceive(rooms: Set<Room>): boolean {
    for (const room of rooms) if (this.rooms.get(room)?.size) return true;
    this.#sweepExpired(Date.now());
    for (const session of this.#waiting.values()) {
      if (session.rooms.some((room) => rooms.has(room))) return true;
    }
    return false;
  }

  /** Forgets the sessions whose window has passed: every disconnect adds one, so this must keep up. */
  #sweepExpired(now: number): void {
    for (const [pid, session] of this.#waiting) {
      if (session.expiresAt >= now) return;
      this.#waiting.delete(pid);
    }
  }
}
