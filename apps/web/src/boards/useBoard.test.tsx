import type { BoardState, BoardView, TallyClient } from '@tally/client';
import { act, cleanup, renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TallyClientProvider } from '../app/TallyClientProvider';
import { getBoardKeys, rememberBoardKeys } from './board-keys';
import { useBoard } from './useBoard';

const LOADING: BoardState = {
  status: 'loading',
  view: undefined,
  lastKnownAt: undefined,
  error: undefined,
  failureCount: 0,
  live: [],
  focusByClient: new Map(),
};

function viewAs(role: BoardView['role'], keys?: BoardView['keys']): BoardView {
  const board = { id: 'b1', name: 'B', visibility: 'private', counters: [], members: [], messages: [] };
  return { board, role, ...(keys === undefined ? {} : { keys }), loadedAt: 1 } as BoardView;
}

/** The board part of a client: which boards are open, and board b1's state, which the test moves on. */
function clientStandIn() {
  let state = LOADING;
  const open = new Map<string, number>();
  const listeners = new Set<() => void>();
  const client: Pick<TallyClient, 'openBoard' | 'getBoard' | 'subscribeBoard'> = {
    openBoard(boardId) {
      open.set(boardId, (open.get(boardId) ?? 0) + 1);
      return () => open.set(boardId, (open.get(boardId) ?? 0) - 1);
    },
    getBoard: () => state,
    subscribeBoard(_boardId, listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
  const become = (next: Partial<BoardState>) =>
    act(() => {
      state = { ...state, ...next };
      for (const listener of listeners) listener();
    });
  return { client: client as TallyClient, open, become };
}

function setUp() {
  const { client, open, become } = clientStandIn();
  const wrapper = ({ children }: { children: ReactNode }) => (
    <TallyClientProvider client={client}>{children}</TallyClientProvider>
  );
  const hook = renderHook(() => useBoard('b1'), { wrapper });
  return { hook, open, become };
}

describe('useBoard', () => {
  beforeEach(() => localStorage.clear());
  afterEach(cleanup);

  it('keeps the board open while mounted and follows its state', () => {
    const { hook, open, become } = setUp();
    expect(open.get('b1')).toBe(1);
    expect(hook.result.current.status).toBe('loading');
    become({ status: 'ready', view: viewAs('member') });
    expect(hook.result.current.view?.role).toBe('member');
    hook.unmount();
    expect(open.get('b1')).toBe(0);
  });

  it("keeps the keys of an owner's join answer in this browser, and the board's name to list it", () => {
    rememberBoardKeys('b1', { ownerKey: 'own' });
    const { become } = setUp();
    become({ status: 'ready', view: viewAs('owner', { viewerKey: 'view', accessKey: 'acc' }) });
    expect(getBoardKeys('b1')).toEqual({ ownerKey: 'own', viewerKey: 'view', accessKey: 'acc', name: 'B' });
  });

  it('files the link key as the viewer key once the join made this tab a viewer; a member learns nothing', () => {
    rememberBoardKeys('b1', { accessKey: 'link-key' });
    const { become } = setUp();
    become({ status: 'ready', view: viewAs('member') });
    expect(getBoardKeys('b1')).toEqual({ accessKey: 'link-key' });
    become({ view: viewAs('viewer') });
    expect(getBoardKeys('b1')).toEqual({ viewerKey: 'link-key' });
  });
});
