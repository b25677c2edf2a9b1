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
import { useSocket } from '../socket/SocketProvider';
import { useClientId } from '../socket/useClientId';
import { BoardNotFoundPage, NoAccessPage } from './AccessPages';
import { BoardHeader } from './BoardHeader';
import { boardQueryOptions, isFinalLoadError } from './board-queries';
import { useBoardMembership } from './useBoardMembership';
import { useLinkKey } from './useLinkKey';

// A developer's view, not part of the first screen: loaded on first use.
const InspectorDrawer = lazy(() => import('../inspector/InspectorDrawer'));

/**
 * A board: its counters, who is here, the chat and the activity feed. A viewer (v1.1) sees all
 * of it live, with no control that changes anything.
 */
export function BoardPage(props: { boardId: string }) {
  const { boardId } = props;
  const socket = useSocket();
  const clientId = useClientId();
  useLinkKey(boardId);
  useBoardMembership(boardId);
  const query = useQuery(boardQueryOptions(socket, boardId));
  const view = query.data;
  const viewer = view?.role === 'viewer';
  useCounterEvents(boardId);
  usePresenceSummary(boardId);
  useChatMessages(boardId);
  const focus = usePresenceFocus(boardId, view?.board.members, !viewer);
  const self = useSelfMember();
  const activity = useActivityFeed(boardId, view, clientId);
  const pendingByCounter = usePendingOps(boardId);
  const actions = useCounterActions(boardId);
  const [inspector, setInspector] = useState<'never-opened' | 'open' | 'closed'>('never-opened');

  const board = view?.board;
  const members = board?.members;
  const memberCount = board?.memberCount;
  const pointers = useMemo(
    () => pointersByCounter(focus.focusByClient, { members: members ?? [], memberCount }, clientId),
    [members, memberCount, focus.focusByClient, clientId],
  );
  // A viewer is not a member of the board: not listed, not counted.
  const roster = useMemo(
    () => presenceRoster({ members: members ?? [], memberCount }, viewer ? undefined : self),
    [members, memberCount, self, viewer],
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

  if (view === undefined || board === undefined) {
    return (
      <div className="board-loading" aria-busy="true">
        <p>{query.failureCount > 0 ? 'Cannot reach the server yet. Retrying…' : 'Loading the board…'}</p>
      </div>
    );
  }

  return (
    <div className="board-page">
      <BoardHeader
        view={view}
        inspectorOpen={inspector === 'open'}
        onToggleInspector={() => setInspector((state) => (state === 'open' ? 'closed' : 'open'))}
      />

      <div className="board-layout">
        <div className="board-main">
          {!viewer && <AddCounterForm boardId={board.id} />}
          <CounterList
            boardId={board.id}
            counters={board.counters}
            pendingByCounter={pendingByCounter}
            pointersByCounter={pointers}
            actions={actions}
            onPoint={focus.point}
            access={viewer ? 'view' : view.role === 'owner' ? 'owner' : 'member'}
          />
        </div>
        <div className="board-side">
          <MembersList roster={roster} selfId={clientId} />
          <ChatPanel boardId={board.id} messages={board.messages} selfId={clientId} readOnly={viewer} />
          <ActivityFeed
            lines={activity.lines}
            history={activity.history}
            boardId={board.id}
            boardName={board.name}
          />
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
