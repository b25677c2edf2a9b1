import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { activityQueryKeys } from '../activity/activity-queries';
import { isJoined, markJoined, resumeJoins, retainBoard, suspendJoins } from '../boards/board-membership';
import { boardQueryKeys } from '../boards/board-queries';
import type { ConnectionStatusStore } from './connection-status';
import { SocketProvider } from './SocketProvider';
import type { TallySocket } from './socket';
import { useResyncOnReconnect } from './useResyncOnReconnect';

/**
 * The few parts of a socket.io-client socket the hook touches: `connect` listeners, `recovered`,
 * and acknowledged emits (answered at once), recorded in order.
 */
class SocketStandIn {
  connected = false;
  recovered = false;
  readonly emitted: Array<[string, unknown]> = [];
  readonly #connectListeners = new Set<() => void>();

  on(event: string, listener: () => void): this {
    if (event === 'connect') this.#connectListeners.add(listener);
    return this;
  }

  off(event: string, listener: () => void): this {
    if (event === 'connect') this.#connectListeners.delete(listener);
    return this;
  }

  timeout() {
    return {
      emit: (event: string, payload: unknown, callback: (error: Error | null, ack: unknown) => void) => {
        this.emitted.push([event, payload]);
        queueMicrotask(() => callback(null, { ok: true }));
      },
    };
  }

  /** The link is back, as socket.io-client reports it: `recovered` set, then `connect`. */
  connect(recovered: boolean): void {
    this.connected = true;
    this.recovered = recovered;
    for (const listener of this.#connectListeners) listener();
  }
}

const noStatus: ConnectionStatusStore = {
  getSnapshot: () => ({ kind: 'connecting' }),
  subscribe: () => () => {},
};

let boardCount = 0;
function uniqueBoard(): string {
  boardCount += 1;
  return `resync-${boardCount}`;
}

function setUp() {
  const socket = new SocketStandIn();
  const queryClient = new QueryClient();
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={queryClient}>
      <SocketProvider socket={socket as unknown as TallySocket} connection={noStatus}>
        {children}
      </SocketProvider>
    </QueryClientProvider>
  );
  renderHook(() => useResyncOnReconnect(), { wrapper });
  const cache = (key: readonly unknown[]) => {
    queryClient.setQueryData(key, { cached: true });
    return () => queryClient.getQueryState(key)?.isInvalidated;
  };
  return { socket, cache };
}

/** A board on screen whose room this tab had joined before the link dropped. */
function joinedBoard(): string {
  const boardId = uniqueBoard();
  retainBoard(boardId, () => {});
  markJoined(boardId);
  return boardId;
}

describe('useResyncOnReconnect', () => {
  afterEach(() => {
    cleanup();
    resumeJoins(false);
  });

  it('refetches everything but the activity after a connection the server did not recover', () => {
    const { socket, cache } = setUp();
    const boardId = joinedBoard();
    const boardStale = cache(boardQueryKeys.detail(boardId));
    const listStale = cache(boardQueryKeys.list);
    const activityStale = cache(activityQueryKeys.board(boardId));
    suspendJoins();
    socket.connect(false);
    expect(boardStale()).toBe(true);
    expect(listStale()).toBe(true);
    expect(isJoined(boardId)).toBe(false);
    // The activity is asked for again once the board has been joined again, not before.
    expect(activityStale()).toBe(false);
  });

  it('refetches nothing the server kept after a recovered connection (regression: every connect refetched)', () => {
    const { socket, cache } = setUp();
    const boardId = joinedBoard();
    const boardStale = cache(boardQueryKeys.detail(boardId));
    const listStale = cache(boardQueryKeys.list);
    suspendJoins();
    socket.connect(true);
    expect(boardStale()).toBe(false);
    expect(listStale()).toBe(false);
    // Joined again without a board:join, so its pending clicks go out at once.
    expect(isJoined(boardId)).toBe(true);
    expect(socket.emitted).toEqual([]);
  });

  it('after a recovered connection, still joins a board opened while the link was down, and leaves one closed meanwhile', () => {
    const { socket, cache } = setUp();
    const closedMeanwhile = uniqueBoard();
    const release = retainBoard(closedMeanwhile, () => {});
    markJoined(closedMeanwhile);
    suspendJoins();
    release();
    const openedOffline = uniqueBoard();
    retainBoard(openedOffline, () => {});
    const openedStale = cache(boardQueryKeys.detail(openedOffline));

    socket.connect(true);
    expect(openedStale()).toBe(true);
    expect(socket.emitted).toEqual([['board:leave', { boardId: closedMeanwhile }]]);
  });
});
