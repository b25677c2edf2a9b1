import type { Member, ServerPayload } from '@tally/events';
import type { PresenceSummary } from './presence-registry.js';

export type PresenceSummaryPayload = ServerPayload<'presence:summary'>;

export interface PresenceSummariesOptions {
  /** Reads a board's member count and first members (the registry's `summary`). */
  read(boardId: string): Promise<PresenceSummary>;
  /** Sends to this node's summary-mode sockets on the board, except the given socket ids. */
  sendToBoard(boardId: string, payload: PresenceSummaryPayload, except: string[]): void;
  /** Sends to these sockets of this node, as one broadcast. */
  sendToSockets(socketIds: string[], payload: PresenceSummaryPayload): void;
  /** The shortest time between two summaries of a board. */
  intervalMs: number;
  onError(error: unknown, boardId: string): void;
}

/**
 * The `presence:summary` of every board that has summary-mode sockets on this node: told when a
 * board's members change, it reads the board's summary at most once per interval (the first change
 * after a quiet spell at once) and sends it when the count or the visible members changed, with
 * `members` only when the list did. Without summary sockets on a board it keeps nothing for it.
 *
 * A socket that joins holds its snapshot's members, which may differ from the board's previous
 * summary (someone came and went in between): so it gets no room summary until the first summary
 * read after its ack, which brings it up to date on its own, with `members` if its list is not the
 * current one. From then on it holds what the board's summaries say.
 */
export interface PresenceSummaries {
  /** A socket joins a board in summary mode; call it before the socket enters the room. */
  add(boardId: string, socketId: string): void;
  /** What the socket's snapshot told it; call it last before its ack goes out (no await in between). */
  snapshotSent(boardId: string, socketId: string, summary: PresenceSummary): void;
  /** A recovered socket is back on a board: what it holds is unknown, so its next summary names the members. */
  addRecovered(boardId: string, socketId: string): void;
  /** The socket left the board, switched to `members` or disconnected. */
  remove(boardId: string, socketId: string): void;
  /** The board's members changed (a join, a leave, a departure). */
  changed(boardId: string): void;
  /** Every board's members may have changed (on other nodes, which tell this one nothing). */
  changedAnywhere(): void;
  close(): void;
}

/** What a socket not yet brought up to date holds: its snapshot is still being built, it got one, or unknown. */
type Holding = { kind: 'reading' } | { kind: 'snapshot'; summary: PresenceSummary } | { kind: 'unknown' };

interface BoardSummaries {
  /** Summary sockets that hold `last` and get every room summary. */
  up: Set<string>;
  /** Summary sockets that get no room summary until a read brings them up to date. */
  pending: Map<string, Holding>;
  /** The board's previous summary, which every socket in `up` holds; null before the first read. */
  last: PresenceSummary | null;
  /** The members may have changed since `last` was read. */
  dirty: boolean;
  timer: NodeJS.Timeout | undefined;
  flushing: boolean;
  flushedAt: number;
}

export function createPresenceSummaries(options: PresenceSummariesOptions): PresenceSummaries {
  const boards = new Map<string, BoardSummaries>();
  let closed = false;

  function boardOf(boardId: string): BoardSummaries {
    let board = boards.get(boardId);
    if (!board) {
      board = {
        up: new Set(),
        pending: new Map(),
        last: null,
        dirty: true,
        timer: undefined,
        flushing: false,
        flushedAt: Number.NEGATIVE_INFINITY,
      };
      boards.set(boardId, board);
    }
    return board;
  }

  function isLive(boardId: string, board: BoardSummaries): boolean {
    return !closed && boards.get(boardId) === board;
  }

  /** Sockets a read can bring up to date: their snapshot (or recovery) is behind them. */
  function due(board: BoardSummaries): Array<[string, Holding]> {
    return [...board.pending].filter(([, holding]) => holding.kind !== 'reading');
  }

  function schedule(boardId: string, board: BoardSummaries): void {
    // A flush in progress looks at `dirty` and `pending` again when it ends.
    if (!isLive(boardId, board) || board.timer || board.flushing) return;
    const wait = Math.max(0, board.flushedAt + options.intervalMs - performance.now());
    board.timer = setTimeout(() => void flush(boardId, board), wait);
  }

  async function flush(boardId: string, board: BoardSummaries): Promise<void> {
    board.timer = undefined;
    board.flushing = true;
    board.dirty = false;
    // Only sockets whose snapshot was read before this read: this read is then the newer one.
    const catchingUp = due(board);
    try {
      const current = await options.read(boardId);
      // A turn later, every ack whose snapshot was registered before the read has gone out:
      // no socket gets a summary before the snapshot it is newer than.
      await new Promise((resolve) => setImmediate(resolve));
      if (isLive(boardId, board)) send(boardId, board, current, catchingUp);
    } catch (error) {
      board.dirty = true;
      options.onError(error, boardId);
    } finally {
      board.flushing = false;
      board.flushedAt = performance.now();
      if (board.dirty || due(board).length > 0) schedule(boardId, board);
    }
  }

  function send(
    boardId: string,
    board: BoardSummaries,
    current: PresenceSummary,
    catchingUp: Array<[string, Holding]>,
  ): void {
    const { last } = board;
    const membersChanged = !last || !sameMembers(last.members, current.members);
    if (membersChanged || last.count !== current.count) {
      const payload = { boardId, count: current.count, ...(membersChanged && { members: current.members }) };
      options.sendToBoard(boardId, payload, [...board.pending.keys()]);
    }
    board.last = current;
    const stale: string[] = [];
    const behind: string[] = [];
    for (const [socketId, holding] of catchingUp) {
      // Gone, or joined again since: its new snapshot is for a later read.
      if (board.pending.get(socketId) !== holding) continue;
      board.pending.delete(socketId);
      board.up.add(socketId);
      const held = holding.kind === 'snapshot' ? holding.summary : null;
      if (!held || !sameMembers(held.members, current.members)) stale.push(socketId);
      else if (held.count !== current.count) behind.push(socketId);
    }
    // One broadcast per kind of news, not one per socket: with connection state recovery, Socket.IO
    // keeps every packet it sends for two minutes (~800 bytes each), so a burst of 10,000 joins
    // would keep 10,000 catch-up packets.
    if (stale.length > 0) {
      options.sendToSockets(stale, { boardId, count: current.count, members: current.members });
    }
    if (behind.length > 0) options.sendToSockets(behind, { boardId, count: current.count });
  }

  return {
    add(boardId, socketId) {
      if (closed) return;
      const board = boardOf(boardId);
      board.up.delete(socketId);
      board.pending.set(socketId, { kind: 'reading' });
    },

    snapshotSent(boardId, socketId, summary) {
      const board = boards.get(boardId);
      // Not pending: the socket left or disconnected while its snapshot was read.
      if (!board?.pending.has(socketId)) return;
      board.pending.set(socketId, { kind: 'snapshot', summary });
      schedule(boardId, board);
    },

    addRecovered(boardId, socketId) {
      if (closed) return;
      const board = boardOf(boardId);
      board.up.delete(socketId);
      board.pending.set(socketId, { kind: 'unknown' });
      schedule(boardId, board);
    },

    remove(boardId, socketId) {
      const board = boards.get(boardId);
      if (!board) return;
      board.up.delete(socketId);
      board.pending.delete(socketId);
      if (board.up.size > 0 || board.pending.size > 0) return;
      clearTimeout(board.timer);
      boards.delete(boardId);
    },

    changed(boardId) {
      const board = boards.get(boardId);
      if (!board) return;
      board.dirty = true;
      schedule(boardId, board);
    },

    changedAnywhere() {
      for (const [boardId, board] of boards) {
        board.dirty = true;
        schedule(boardId, board);
      }
    },

    close() {
      closed = true;
      for (const board of boards.values()) clearTimeout(board.timer);
      boards.clear();
    },
  };
}

function sameMembers(a: readonly Member[], b: readonly Member[]): boolean {
  return (
    a === b ||
    (a.length === b.length &&
      a.every((member, i) => member.clientId === b[i]?.clientId && member.name === b[i]?.name))
  );
}
