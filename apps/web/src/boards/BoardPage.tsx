import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { ActivityFeed } from '../activity/ActivityFeed';
import { useActivityFeed } from '../activity/useActivityFeed';
import { ApiError } from '../app/http';
import { ChatPanel } from '../chat/ChatPanel';
import { useChatMessages } from '../chat/useChatMessages';
import { AddCounterForm } from '../counters/AddCounterForm';
import { CounterList } from '../counters/CounterList';
import { useCounterActions } from '../counters/useCounterActions';
import { useCounterEvents } from '../counters/useCounterEvents';
import { usePendingOps } from '../counters/usePendingOps';
import { pointersByCounter, presenceRoster } from '../presence/board-presence';
import { MembersList } from '../presence/MembersList';
import { usePresenceFocus } from '../presence/usePresenceFocus';
import { usePresenceSummary } from '../presence/usePresenceSummary';
import { useSelfMember } from '../presence/useSelfMember';
import { clientId } from '../socket/identity';
import { useSocket } from '../socket/SocketProvider';
import { BoardNotFoundPage, NoAccessPage } from './AccessPages';
import { boardQueryOptions, isFinalLoadError } from './board-queries';
import { ShareButton } from './ShareButton';
import { useBoardMembership } from './useBoardMembership';
import { useLinkKey } from './useLinkKey';

// A developer's view, not part of the first screen: loaded on first use.
const InspectorDrawer = lazy(() => import('../inspector/InspectorDrawer'));

/** A board: its counters, who is here, the chat and the activity feed. */
export function BoardPage(props: { boardId: string }) {
  const { boardId } = props;
  const socket = useSocket();
  useLinkKey(boardId);
  useBoardMembership(boardId);
  const query = useQuery(boardQueryOptions(socket, boardId));
  useCounterEvents(boardId);
  usePresenceSummary(boardId);
  useChatMessages(boardId);
  const focus = usePresenceFocus(boardId, query.data?.board.members);
  const self = useSelfMember();
  const activity = useActivityFeed(boardId, query.data?.board);
  const pendingByCounter = usePendingOps(boardId);
  const actions = useCounterActions(boardId);
  const [inspector, setInspector] = useState<'never-opened' | 'open' | 'closed'>('never-opened');

  const board = query.data?.board;
  const members = board?.members;
  const memberCount = board?.memberCount;
  const pointers = useMemo(
    () => pointersByCounter(focus.focusByClient, { members: members ?? [], memberCount }, clientId),
    [members, memberCount, focus.focusByClient],
  );
  const roster = useMemo(
    () => presenceRoster({ members: members ?? [], memberCount }, self),
    [members, memberCount, self],
  );

  const boardName = board?.name;
  useEffect(() => {
    if (boardName !== undefined) document.title = `${boardName} · Tally`;
  }, [boardName]);

  if (query.isError && isFinalLoadError(query.error) && board === undefined) {
    return query.error instanceof ApiError && query.error.code === 'not_found' ? (
      <BoardNotFoundPage />
    ) : (
      <NoAccessPage />
    );
  }

  if (board === undefined) {
    return (
      <div className="board-loading" aria-busy="true">
        <p>{query.failureCount > 0 ? 'Cannot reach the server yet. Retrying…' : 'Loading the board…'}</p>
      </div>
    );
  }

  return (
    <div className="board-page">
      <div className="board-head">
        <div className="board-title">
          <h1>{board.name}</h1>
          {board.visibility === 'private' && <span className="badge badge-private">Private</span>}
          {query.data?.role === 'owner' && <span className="badge badge-soft">Owner</span>}
        </div>
        <div className="board-tools">
          <ShareButton boardId={board.id} visibility={board.visibility} />
          <button
            type="button"
            className="button"
            aria-expanded={inspector === 'open'}
            aria-controls="event-inspector"
            onClick={() => setInspector((state) => (state === 'open' ? 'closed' : 'open'))}
          >
            Events
          </button>
        </div>
      </div>

      <div className="board-layout">
        <div className="board-main">
          <AddCounterForm boardId={board.id} />
          <CounterList
            boardId={board.id}
            counters={board.counters}
            pendingByCounter={pendingByCounter}
            pointersByCounter={pointers}
            actions={actions}
            onPoint={focus.point}
          />
        </div>
        <div className="board-side">
          <MembersList roster={roster} selfId={clientId} />
          <ChatPanel boardId={board.id} messages={board.messages} selfId={clientId} />
          <ActivityFeed entries={activity} />
        </div>
      </div>

      {inspector !== 'never-opened' && (
        <Suspense fallback={null}>
          <InspectorDrawer open={inspector === 'open'} onClose={() => setInspector('closed')} />
        </Suspense>
      )}
    </div>
  );
}
