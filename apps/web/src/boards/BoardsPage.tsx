import { LOBBY_BOARD_ID } from '@tally/events/constants';
import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useEffect, useState } from 'react';
import { Link } from '../app/Link';
import { ownedBoards } from './board-keys';
import { boardsListQueryOptions } from './boards-list-query';
import { CreateBoardForm } from './CreateBoardForm';

const ImportBoardDialog = lazy(() => import('./ImportBoardDialog'));

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/**
 * Public boards with how many are on each, the boards this browser created, a create form, and
 * "Import board" (a new board from a `.tally` snapshot).
 */
export function BoardsPage() {
  const boards = useQuery(boardsListQueryOptions());
  const [mine] = useState(ownedBoards);
  const [importing, setImporting] = useState(false);
  // The lobby first, then where people are, then by name.
  const listed = boards.data?.toSorted(
    (a, b) =>
      Number(b.id === LOBBY_BOARD_ID) - Number(a.id === LOBBY_BOARD_ID) ||
      b.online - a.online ||
      a.name.localeCompare(b.name),
  );
  const publicIds = new Set(listed?.map((board) => board.id));
  const privateMine = mine.filter((board) => !publicIds.has(board.id));

  useEffect(() => {
    document.title = 'Boards · Tally';
  }, []);

  return (
    <div className="boards-page">
      <div className="page-head">
        <h1>Boards</h1>
        <p className="lede">Pick a board to count together, or start a new one.</p>
      </div>

      <CreateBoardForm />
      <p className="import-row">
        <span className="hint">Have a board exported from Tally?</span>
        <button type="button" className="button button-small" onClick={() => setImporting(true)}>
          Import board
        </button>
      </p>
      {importing && (
        <Suspense fallback={null}>
          <ImportBoardDialog onClose={() => setImporting(false)} />
        </Suspense>
      )}

      <section aria-labelledby="public-boards-title">
        <h2 id="public-boards-title" className="section-title">
          Public boards
        </h2>
        {boards.isPending && <p className="empty">Loading boards…</p>}
        {boards.isError && <p className="empty">Cannot load the boards right now. Retrying…</p>}
        {listed !== undefined && (
          // biome-ignore lint/a11y/noRedundantRoles: an <ul> styled without bullets loses its list role in Safari.
          <ul role="list" aria-label="Public boards" className="board-list">
            {listed.map((board) => (
              <li key={board.id} className="card board-item">
                <Link href={board.id === LOBBY_BOARD_ID ? '/' : `/b/${board.id}`} className="board-link">
                  {board.name}
                </Link>
                <span className="board-stats">
                  <span className={board.online > 0 ? 'live-dot live' : 'live-dot'} aria-hidden="true" />
                  <span>{board.online} online</span>
                  <span aria-hidden="true">·</span>
                  <span>{plural(board.counters, 'counter', 'counters')}</span>
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>

      {privateMine.length > 0 && (
        <section aria-labelledby="my-boards-title">
          <h2 id="my-boards-title" className="section-title">
            Your private boards
          </h2>
          {/* biome-ignore lint/a11y/noRedundantRoles: see above. */}
          <ul role="list" className="board-list">
            {privateMine.map((board) => (
              <li key={board.id} className="card board-item">
                <Link href={`/b/${board.id}`} className="board-link">
                  {board.name}
                </Link>
                <span className="board-stats">
                  <span className="badge badge-private">Private</span>
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
