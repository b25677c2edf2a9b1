import type { ServerPayload } from '@tally/events';
import { BOARD_KEY_HEADER } from '@tally/events/constants';
import { boardKeysSchema, boardSnapshotSchema, roleSchema } from '@tally/events/server-events';
import { ApiError } from '../http/fetch-json.js';
import type { ViolationReporter } from '../protocol/protocol-violation.js';
import { request } from '../protocol/request.js';
import { describeIssues, type ServerEventHub } from '../protocol/server-event-hub.js';
import type { TallySocket } from '../socket.js';
import type { BoardMembership } from './board-membership.js';
import { type BoardView, withPresenceSummary } from './board-view.js';

/** How long a board load waits for a connection in progress before it falls back to HTTP. */
const CONNECT_GRACE_MS = 2_000;

export interface BoardLoaderDeps {
  socket: TallySocket;
  hub: ServerEventHub;
  membership: BoardMembership;
  reporter: ViolationReporter;
  /** GET of a Tally API path (relative to the server's URL). */
  getJson<T>(path: string, headers: Record<string, string>): Promise<T>;
  /** The key to join the board with (private boards, owners, viewers), if any is known. */
  boardKey(boardId: string): string | undefined;
  /** The role to assume while the board is shown from HTTP (the socket down). */
  guessRole(boardId: string): BoardView['role'];
  /** Settles once the handshake can go out (the stored identity is read): the grace starts then. */
  handshakeReady: Promise<void>;
  now(): number;
}

/** Longest wait for the stored identity before the grace starts anyway (storage that hangs). */
const HANDSHAKE_READY_CAP_MS = 5_000;

/** The board refused the key it was loaded with (`forbidden`): the key is wrong, not the board. */
export class KeyRefusedError extends ApiError {
  constructor(
    readonly key: string,
    message: string,
  ) {
    super('forbidden', message);
  }
}

/** A refusal of a load that sent a key names the key, so that it can be forgotten. */
function withRefusedKey(error: unknown, key: string | undefined): unknown {
  return key !== undefined && error instanceof ApiError && error.code === 'forbidden'
    ? new KeyRefusedError(key, error.message)
    : error;
}

/** Resolves when the socket is connected, or after `ms` without a connection. */
function untilConnected(socket: TallySocket, ms: number): Promise<void> {
  if (socket.connected) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      socket.off('connect', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    socket.on('connect', done);
  });
}

/** A snapshot from the wire, checked against the contract before it reaches any state. */
function checkedSnapshot(deps: BoardLoaderDeps, event: string, board: unknown): BoardView['board'] {
  const parsed = boardSnapshotSchema.safeParse(board);
  if (parsed.success) return parsed.data;
  deps.reporter.report({
    event,
    reason: 'schema',
    message: describeIssues(parsed.error.issues),
    payload: board,
  });
  // Retryable: the next attempt may fare better; nothing malformed is shown meanwhile.
  throw new ApiError('unavailable', 'The server sent a board this client cannot read.');
}

/**
 * Joins the board over the socket and returns its snapshot. A socket still connecting gets a
 * moment; one that stays down gives way to HTTP, so a board opened without a live link still
 * shows (with its pending clicks), and the join follows once the socket connects.
 */
export async function loadBoard(deps: BoardLoaderDeps, boardId: string): Promise<BoardView> {
  const { socket, membership } = deps;
  // The socket's handshake waits for the stored identity (IndexedDB, slow to open in a fresh
  // profile): the connection's grace counts from then, or a board would fall back to HTTP while
  // its socket was about to connect.
  await Promise.race([deps.handshakeReady, new Promise((done) => setTimeout(done, HANDSHAKE_READY_CAP_MS))]);
  await untilConnected(socket, CONNECT_GRACE_MS);
  const key = deps.boardKey(boardId);
  if (!socket.connected) {
    const board = await deps
      .getJson<unknown>(
        `/api/boards/${encodeURIComponent(boardId)}`,
        key === undefined ? {} : { [BOARD_KEY_HEADER]: key },
      )
      .catch((error: unknown) => {
        throw withRefusedKey(error, key);
      });
    const snapshot = checkedSnapshot(deps, 'GET /api/boards/:id', board);
    // Still down: show this. Connected meanwhile: join now, or nobody would.
    if (!socket.connected) return { board: snapshot, role: deps.guessRole(boardId), loadedAt: deps.now() };
  }
  const { answer, summary } = await joinHearingSummaries(deps, boardId, key);
  if (!answer.ok) throw withRefusedKey(new ApiError(answer.error.code, answer.error.message), key);
  const board = checkedSnapshot(deps, 'ack:board:join', answer.board);
  const role = roleSchema.safeParse(answer.role);
  const keys = answer.keys === undefined ? undefined : boardKeysSchema.safeParse(answer.keys);
  if (!role.success || (keys !== undefined && !keys.success)) {
    deps.reporter.report({
      event: 'ack:board:join',
      reason: 'schema',
      message: 'role or keys',
      payload: answer,
    });
    throw new ApiError('unavailable', 'The server sent a board this client cannot read.');
  }
  if (!membership.isRetained(boardId)) {
    // Nothing shows the board any more: leave again rather than linger in the room.
    void request(socket, 'board:leave', { boardId });
  } else {
    membership.markJoined(boardId);
  }
  const view: BoardView = {
    board,
    role: role.data,
    ...(keys?.success === true ? { keys: keys.data } : {}),
    loadedAt: deps.now(),
  };
  return summary === undefined ? view : withPresenceSummary(view, summary);
}

/**
 * `board:join` in presence summary mode: a count and the first names at most once a second
 * instead of an event per arrival, which scales to boards of thousands. The protocol orders
 * summaries by the ack: one received before it is older than the snapshot (dropped), one after
 * it newer. The last one heard after the ack while the join is on its way comes back with the
 * answer, to lay over the snapshot: over long-polling it can arrive in the same transport
 * payload as the ack, and is then handled before the snapshot reaches the state.
 */
async function joinHearingSummaries(deps: BoardLoaderDeps, boardId: string, key: string | undefined) {
  let acked = false;
  let summary: ServerPayload<'presence:summary'> | undefined;
  const off = deps.hub.on('presence:summary', (event) => {
    if (acked && event.boardId === boardId)
      summary = { ...event, members: event.members ?? summary?.members };
  });
  try {
    const payload = { boardId, ...(key === undefined ? {} : { key }), presence: 'summary' } as const;
    const answer = await request(deps.socket, 'board:join', payload, {
      onAck: () => {
        acked = true;
      },
    });
    return { answer, summary };
  } finally {
    off();
  }
}
