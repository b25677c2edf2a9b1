import type { ChatMessage } from '@tally/events';
import { CHAT_HISTORY_LIMIT } from '@tally/events/constants';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTallyClient } from '../app/TallyClientProvider';
import { chatTimeline, earlierAfterLiveChange, withEarlierPage } from './chat-timeline';

/**
 * Where paging back stands. `loading`: a page is on its way; `settling`: it was just put in, and
 * the log stays quiet for screen readers a moment longer (see ChatPanel); `error`: the last page
 * could not be loaded (the button stays, to try again).
 */
export type ChatHistoryStatus = 'idle' | 'loading' | 'settling' | 'error';

export interface ChatHistory {
  /** Earlier pages and the live messages, oldest first, each once. */
  messages: readonly ChatMessage[];
  /** Whether "Load earlier messages" has anything to ask for. */
  hasEarlier: boolean;
  /** The server said nothing is kept before the first message shown. */
  reachedStart: boolean;
  status: ChatHistoryStatus;
  loadEarlier(): void;
}

interface State {
  boardId: string;
  /** The live list these pages were last lined up with. */
  live: readonly ChatMessage[];
  earlier: readonly ChatMessage[];
  reachedStart: boolean;
  status: ChatHistoryStatus;
}

const fresh = (boardId: string, live: readonly ChatMessage[]): State => ({
  boardId,
  live,
  earlier: [],
  reachedStart: false,
  status: 'idle',
});

/**
 * The board's chat with "Load earlier messages": pages of `chat:history` before the first message
 * shown, kept in this panel (the client's board keeps the live end only).
 */
export function useChatHistory(boardId: string, live: readonly ChatMessage[]): ChatHistory {
  const client = useTallyClient();
  const [state, setState] = useState(() => fresh(boardId, live));

  // Lined up with the props while rendering (React's way to adjust state to a prop change).
  let current = state;
  if (state.boardId !== boardId) current = fresh(boardId, live);
  else if (state.live !== live) {
    const earlier = earlierAfterLiveChange(state.earlier, state.live, live);
    current =
      earlier === null ? { ...state, live, earlier: [], reachedStart: false } : { ...state, live, earlier };
  }
  if (current !== state) setState(current);

  const messages = useMemo(() => chatTimeline(current.earlier, live), [current.earlier, live]);
  const before = messages[0]?.id;
  const { status } = current;

  const loadEarlier = useCallback(() => {
    if (before === undefined || status === 'loading') return;
    const update = (change: (state: State) => State) =>
      setState((state) => (state.boardId === boardId ? change(state) : state));
    update((state) => ({ ...state, status: 'loading' }));
    void client.chatHistory(boardId, { before, limit: CHAT_HISTORY_LIMIT }).then((answer) => {
      update((state) =>
        answer.ok
          ? {
              ...state,
              earlier: withEarlierPage(state.earlier, answer.messages),
              reachedStart: !answer.hasMore,
              status: 'settling',
            }
          : { ...state, status: 'error' },
      );
    });
  }, [client, boardId, before, status]);

  // Two frames: the page has been laid out and seen by the accessibility tree before the log speaks again.
  useEffect(() => {
    if (status !== 'settling') return;
    let frame = requestAnimationFrame(() => {
      frame = requestAnimationFrame(() => setState((state) => ({ ...state, status: 'idle' })));
    });
    return () => cancelAnimationFrame(frame);
  }, [status]);

  // The snapshot brings the last CHAT_HISTORY_LIMIT messages: fewer means they are all there are.
  const hasEarlier =
    !current.reachedStart && (current.earlier.length > 0 || live.length >= CHAT_HISTORY_LIMIT);
  return { messages, hasEarlier, reachedStart: current.reachedStart, status, loadEarlier };
}
