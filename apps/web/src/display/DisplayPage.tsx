import { isFinalLoadError } from '@tally/client';
import { type CSSProperties, useEffect } from 'react';
import { BoardNotFoundPage, NoAccessPage } from '../boards/AccessPages';
import { useBoard } from '../boards/useBoard';
import { useLinkKey } from '../boards/useLinkKey';
import { ConnectionBadge } from '../connection/ConnectionBadge';
import { displayValue } from '../counters/format-value';
import { DisplayCard } from './DisplayCard';
import { displayGrid } from './display-grid';
import { useViewportSize } from './useViewportSize';
import './display.css';

/**
 * Display mode (`/b/:id/display`, where the view-only link leads): a board's values as large as
 * the screen allows, for a wall or a projector, live. Read-only whatever the key: no control, no
 * chat, and no pointing (a display is nobody's hand). Opened with the viewer key it is not a
 * member of the board (protocol v1.1); the board's name and a small connection badge stay.
 */
export default function DisplayPage(props: { boardId: string }) {
  const { boardId } = props;
  useLinkKey(boardId);
  const state = useBoard(boardId);
  const board = state.view?.board;
  const viewport = useViewportSize();

  const boardName = board?.name;
  useEffect(() => {
    if (boardName !== undefined) document.title = `${boardName} · Display · Tally`;
  }, [boardName]);

  if (state.status === 'error' && isFinalLoadError(state.error) && board === undefined) {
    return state.error?.code === 'not_found' ? <BoardNotFoundPage /> : <NoAccessPage />;
  }

  if (board === undefined) {
    return (
      <div className="display display-waiting" aria-busy="true">
        <p>{state.failureCount > 0 ? 'Cannot reach the server yet. Retrying…' : 'Loading the board…'}</p>
      </div>
    );
  }

  const { counters } = board;
  // Every value in the same type, the longest one's: a wall of numbers reads as one.
  const longest = Math.max(1, ...counters.map((counter) => displayValue(counter.value).shown.length));
  const grid = displayGrid(counters.length, viewport.width, viewport.height, longest);
  const layout = {
    '--columns': grid.columns,
    '--rows': grid.rows,
    '--value-length': longest,
  } as CSSProperties;

  return (
    <div className="display">
      <div className="display-bar">
        <h1 className="display-title">{board.name}</h1>
        <ConnectionBadge quiet className="display-connection" />
      </div>
      {counters.length === 0 ? (
        <p className="display-empty">No counters on this board yet.</p>
      ) : (
        <div className="display-grid" style={layout}>
          {counters.map((counter) => (
            <DisplayCard key={counter.id} counter={counter} />
          ))}
        </div>
      )}
    </div>
  );
}
