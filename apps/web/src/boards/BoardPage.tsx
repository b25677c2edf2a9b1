import { isFinalLoadError, pointersByCounter, presenceRoster } from '@tally/client';
import { lazy, Suspense, useEffect, useMemo } from 'react';
import { PanelLoading } from '../app/PanelLoading';
import { AddCounterForm } from '../counters/AddCounterForm';
import { CounterList } from '../counters/CounterList';
import { useCounterActions } from '../counters/useCounterActions';
import { useDeletionNotices } from '../counters/useDeletionNotices';
import { usePendingOps } from '../counters/usePendingOps';
import { useClientId } from '../identity/useIdentity';
import { MembersList } from '../presence/MembersList';
import { usePointer } from '../presence/usePointer';
import { useSelfMember } from '../presence/useSelfMember';
import { OfflineBoardNote } from '../pwa/OfflineBoardNote';
import { BoardNotFoundPage, NoAccessPage } from './AccessPages';
import { BoardHeader } from './BoardHeader';
import { useBoard } from './useBoard';
import { useLinkKey } from './useLinkKey';

// Beside the counters, not before them: its code is fetched as soon as the page starts (while the
// board joins), not when the panel first renders, so a link lost meanwhile does not leave it out.
// Extends the sparklines' histories live; comes with their query cache, not the first screen.
const LiveHistoryPoints = lazy(() => import('../counters/LiveHistoryPoints'));
const activityPanel = import('../activity/ActivityPanel');
const ActivityPanel = lazy(() => activityPanel);
// The chat likewise, fetched at the start too.
const chatPanel = import('../chat/ChatPanel');
const ChatPanel = lazy(() => chatPanel);

/**
 * A board: its counters, who is here, the chat and the activity feed. A viewer (v1.1) sees all
 * of it live, with no control that changes anything.
 */
export function BoardPage(props: { boardId: string }) {
  const { boardId } = props;
  const clientId = useClientId();
  useLinkKey(boardId);
  const state = useBoard(boardId);
  const view = state.view;
  const viewer = view?.role === 'viewer';
  const point = usePointer(boardId);
  const self = useSelfMember();
  const pendingByCounter = usePendingOps(boardId);
  const actions = useCounterActions(boardId);
  useDeletionNotices(state.live, clientId);

  const board = view?.board;
  const members = board?.members;
  const memberCount = board?.memberCount;
  const pointers = useMemo(
    () => pointersByCounter(state.focusByClient, { members: members ?? [], memberCount }, clientId),
    [members, memberCount, state.focusByClient, clientId],
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

  if (state.status === 'error' && isFinalLoadError(state.error) && board === undefined) {
    return state.error?.code === 'not_found' ? <BoardNotFoundPage /> : <NoAccessPage />;
  }

  if (view === undefined || board === undefined) {
    return (
      <div className="board-loading" aria-busy="true">
        <p>{state.failureCount > 0 ? 'Cannot reach the server yet. Retrying…' : 'Loading the board…'}</p>
      </div>
    );
  }

  return (
    <div className="board-page">
      <BoardHeader view={view} />
      {state.lastKnownAt !== undefined && <OfflineBoardNote savedAt={state.lastKnownAt} />}

      <div className="board-layout">
        <div className="board-main">
          {!viewer && <AddCounterForm boardId={board.id} />}
          <CounterList
            boardId={board.id}
            counters={board.counters}
            pendingByCounter={pendingByCounter}
            pointersByCounter={pointers}
            actions={actions}
            onPoint={point}
            access={viewer ? 'view' : view.role === 'owner' ? 'owner' : 'member'}
          />
          <Suspense fallback={null}>
            <LiveHistoryPoints counters={board.counters} />
          </Suspense>
        </div>
        <div className="board-side">
          <MembersList roster={roster} selfId={clientId} />
          <Suspense
            fallback={
              <PanelLoading className="chat" titleId="chat-title" title="Chat" text="Loading the chat…" />
            }
          >
            <ChatPanel boardId={board.id} messages={board.messages} selfId={clientId} readOnly={viewer} />
          </Suspense>
          <Suspense
            fallback={
              <PanelLoading
                className="activity"
                titleId="activity-title"
                title="Activity"
                text="Loading activity…"
              />
            }
          >
            <ActivityPanel
              boardId={board.id}
              boardName={board.name}
              loadedAt={view.loadedAt}
              live={state.live}
              members={board.members}
            />
          </Suspense>
        </div>
      </div>
    </div>
  );
}
