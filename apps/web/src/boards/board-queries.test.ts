import type { BoardSnapshot, Member, ServerPayload } from '@tally/events';
import { QueryClient } from '@tanstack/react-query';
import { afterEach, describe, expect, it } from 'vitest';
import type { TallySocket } from '../socket/socket';
import { getBoardKeys, rememberBoardKeys } from './board-keys';
import { retainBoard } from './board-membership';
import { boardQueryOptions } from './board-queries';

type Summary = ServerPayload<'presence:summary'>;

const ana: Member = { clientId: 'ana-client', name: 'Ana' };
const ben: Member = { clientId: 'ben-client', name: 'Ben' };
const cleo: Member = { clientId: 'cleo-client', name: 'Cleo' };

/**
 * The parts of a socket.io-client socket a board load touches. Its answer to `board:join` comes
 * as one long-polling payload does: the packets around the ack handled one after the other in
 * one task, before any promise continuation runs.
 */
class PollingSocketStandIn {
  connected = true;
  readonly joins: unknown[] = [];
  readonly #summaryListeners = new Set<(summary: Summary) => void>();

  constructor(
    private readonly snapshot: BoardSnapshot,
    private readonly around: { before: Summary[]; after: Summary[] },
    private readonly answer: Record<string, unknown> = { role: 'member' },
  ) {}

  on(event: string, listener: (summary: Summary) => void): this {
    if (event === 'presence:summary') this.#summaryListeners.add(listener);
    return this;
  }

  off(event: string, listener: (summary: Summary) => void): this {
    if (event === 'presence:summary') this.#summaryListeners.delete(listener);
    return this;
  }

  timeout() {
    return {
      emit: (event: string, payload: unknown, callback: (error: Error | null, ack: unknown) => void) => {
        if (event !== 'board:join') return;
        this.joins.push(payload);
        setTimeout(() => {
          for (const summary of this.around.before) this.#deliver(summary);
          callback(null, { ok: true, board: this.snapshot, ...this.answer });
          for (const summary of this.around.after) this.#deliver(summary);
        });
      },
    };
  }

  #deliver(summary: Summary): void {
    for (const listener of this.#summaryListeners) listener(summary);
  }
}

let boardCount = 0;
const releases: Array<() => void> = [];

/** Loads a board of two members through a socket that sends `around` with the join's ack. */
async function loadWith(around: { before: Summary[]; after: Summary[] }, answer?: Record<string, unknown>) {
  boardCount += 1;
  const boardId = `queries-${boardCount}`;
  releases.push(retainBoard(boardId, () => {}));
  const snapshot: BoardSnapshot = {
    id: boardId,
    name: 'B',
    visibility: 'public',
    counters: [],
    members: [ana, ben],
    memberCount: 2,
    messages: [],
  };
  const summaries = {
    before: around.before.map((summary) => ({ ...summary, boardId })),
    after: around.after.map((summary) => ({ ...summary, boardId })),
  };
  const socket = new PollingSocketStandIn(snapshot, summaries, answer);
  const view = await new QueryClient().fetchQuery(
    boardQueryOptions(socket as unknown as TallySocket, boardId),
  );
  return { view, socket };
}

describe('board load', () => {
  afterEach(() => {
    for (const release of releases.splice(0)) release();
  });

  it('joins in presence summary mode', async () => {
    const { socket } = await loadWith({ before: [], after: [] });
    expect(socket.joins).toEqual([{ boardId: `queries-${boardCount}`, presence: 'summary' }]);
  });

  it('lays a summary that came in the same payload after the ack over the snapshot (it is newer)', async () => {
    const { view } = await loadWith({
      before: [],
      after: [
        { boardId: '', count: 3, members: [ana, ben, cleo] },
        { boardId: '', count: 4 },
      ],
    });
    expect(view.board.memberCount).toBe(4);
    expect(view.board.members).toEqual([ana, ben, cleo]);
  });

  it('keeps the snapshot over a summary received before the ack (it is older)', async () => {
    const { view } = await loadWith({ before: [{ boardId: '', count: 1, members: [ana] }], after: [] });
    expect(view.board.memberCount).toBe(2);
    expect(view.board.members).toEqual([ana, ben]);
  });

  it("keeps the keys of an owner's join answer, for sharing from any device", async () => {
    const { view } = await loadWith(
      { before: [], after: [] },
      { role: 'owner', keys: { viewerKey: 'viewer-key', accessKey: 'access-key' } },
    );
    expect(view.role).toBe('owner');
    expect(view.keys).toEqual({ viewerKey: 'viewer-key', accessKey: 'access-key' });
    expect(view.loadedAt).toBeTypeOf('number');
    expect(getBoardKeys(view.board.id)).toMatchObject({ viewerKey: 'viewer-key', accessKey: 'access-key' });
  });

  it('files the link key of a join that made this tab a viewer as the viewer key', async () => {
    const boardId = `queries-${boardCount + 1}`;
    rememberBoardKeys(boardId, { accessKey: 'link-key' });
    const { view } = await loadWith({ before: [], after: [] }, { role: 'viewer' });
    expect(view.role).toBe('viewer');
    expect(getBoardKeys(boardId)).toEqual({ viewerKey: 'link-key' });
  });
});
