import type { BoardView } from '@tally/client';
import { lazy, Suspense } from 'react';
import { getBoardKeys } from './board-keys';
import { ShareButton } from './ShareButton';

// Used rarely: not part of the first screen.
const BoardMenu = lazy(() => import('./BoardMenu'));

/**
 * The board's title, badges and tools: Share, and the board menu (the event inspector for
 * developers; export and import for the owner, whose Share adds the view-only link). A viewer
 * reads that the board is view-only.
 */
export function BoardHeader(props: { view: BoardView }) {
  const { view } = props;
  const { board, role } = view;
  const owner = role === 'owner';
  // The join answer's keys on any device of the owner; the stored ones of the creating browser otherwise.
  const viewerKey = owner ? (view.keys?.viewerKey ?? getBoardKeys(board.id).viewerKey) : undefined;
  return (
    <>
      <div className="board-head">
        <div className="board-title">
          <h1>{board.name}</h1>
          {board.visibility === 'private' && <span className="badge badge-private">Private</span>}
          {owner && <span className="badge badge-soft">Owner</span>}
          {role === 'viewer' && <span className="badge badge-view">View only</span>}
        </div>
        <div className="board-tools">
          <ShareButton boardId={board.id} visibility={board.visibility} viewerKey={viewerKey} owner={owner} />
          <Suspense fallback={null}>
            <BoardMenu boardId={board.id} boardName={board.name} owner={owner} />
          </Suspense>
        </div>
      </div>
      {role === 'viewer' && (
        <p className="view-only-note">
          You are viewing this board: everything updates live, but you cannot change anything here.
        </p>
      )}
    </>
  );
}
