import type { BoardListItem } from '@tally/events';
import { LOBBY_BOARD_ID } from '@tally/events/constants';
import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { Link } from '../app/Link';
import { useNow } from '../history/useNow';
import { boardPath } from './board-keys';
import { boardsListQueryOptions } from './boards-list-query';
import { timeAgo } from './time-ago';
import './public-boards.css';

/** "Active 5 minutes ago" moves on with the clock, not only when the list is fetched again. */
const CLOCK_MS = 30_000;

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** The lobby first, then where people are, then where something happened last, then by name. */
function byInterest(a: BoardListItem, b: BoardListItem): number {
  return (
    Number(b.id === LOBBY_BOARD_ID) - Number(a.id === LOBBY_BOARD_ID) ||
    b.online - a.online ||
    b.lastActivityAt - a.lastActivityAt ||
    a.name.localeCompare(b.name)
  );
}

/** Names that more than one listed board has: those boards show a short id to tell them apart. */
function sharedNames(boards: readonly BoardListItem[]): Set<string> {
  const seen = new Set<string>();
  const shared = new Set<string>();
  for (const { name } of boards) (seen.has(name) ? shared : seen).add(name);
  return shared;
}

/**
 * The public boards with who is on each and when something last happened there (the landing
 * page and the Boards page). Boards of the same name also show the end of their id, which the
 * link's description carries too, so that neither eyes nor screen readers confuse them.
 */
export function PublicBoards() {
  const boards = useQuery(boardsListQueryOptions());
  const now = useNow(CLOCK_MS);
  const listed = boards.data?.toSorted(byInterest);
  const shared = sharedNames(listed ?? []);

  return (
    <section aria-labelledby="public-boards-title">
      <h2 id="public-boards-title" className="section-title">
        Public boards
      </h2>
      {boards.isPending && <p className="empty">Loading boards…</p>}
      {boards.isError && <p className="empty">Cannot load the boards right now. Retrying…</p>}
      {listed?.length === 0 && <p className="empty">No public boards yet: create the first one.</p>}
      {listed !== undefined && listed.length > 0 && (
        // biome-ignore lint/a11y/noRedundantRoles: an <ul> styled without bullets loses its list role in Safari.
        <ul role="list" aria-label="Public boards" className="board-list">
          {listed.map((board) => (
            <PublicBoardItem key={board.id} board={board} now={now} showId={shared.has(board.name)} />
          ))}
        </ul>
      )}
    </section>
  );
}

function PublicBoardItem(props: { board: BoardListItem; now: number; showId: boolean }) {
  const { board, now, showId } = props;
  const detailsId = useId();
  return (
    <li className="card board-item">
      <Link href={boardPath(board.id)} className="board-link" aria-describedby={detailsId}>
        {board.name}
      </Link>
      <span id={detailsId} className="board-details">
        <span className="board-stats">
          <span className={board.online > 0 ? 'live-dot live' : 'live-dot'} aria-hidden="true" />
          <span>{board.online} online</span>
          <span aria-hidden="true">·</span>
          <span>{plural(board.counters, 'counter', 'counters')}</span>
        </span>
        <span className="board-meta">
          <span>
            Active{' '}
            <time dateTime={new Date(board.lastActivityAt).toISOString()}>
              {timeAgo(board.lastActivityAt, now)}
            </time>
          </span>
          {showId && (
            <>
              <span aria-hidden="true">·</span>
              <span className="board-short-id">
                <span className="visually-hidden">id ending </span>…{board.id.slice(-6)}
              </span>
            </>
          )}
        </span>
      </span>
    </li>
  );
}
