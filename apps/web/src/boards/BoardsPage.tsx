import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useEffect, useState } from 'react';
import { Link } from '../app/Link';
import { withQueries } from '../app/with-queries';
import { boardPath, ownedBoards } from './board-keys';
import { boardsListQueryOptions } from './boards-list-query';
import { CreateBoardForm } from './CreateBoardForm';
import { PublicBoards } from './PublicBoards';

const ImportBoardDialog = lazy(() => import('./ImportBoardDialog'));

/**
 * Public boards with how many are on each, the boards this browser created, a create form, and
 * "Import board" (a new board from a `.tally` snapshot).
 */
function BoardsPage() {
  const boards = useQuery(boardsListQueryOptions());
  const [mine] = useState(ownedBoards);
  const [importing, setImporting] = useState(false);
  const publicIds = new Set(boards.data?.map((board) => board.id));
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

      <PublicBoards />

      {privateMine.length > 0 && (
        <section aria-labelledby="my-boards-title">
          <h2 id="my-boards-title" className="section-title">
            Your private boards
          </h2>
          {/* biome-ignore lint/a11y/noRedundantRoles: an <ul> styled without bullets loses its list role in Safari. */}
          <ul role="list" className="board-list">
            {privateMine.map((board) => (
              <li key={board.id} className="card board-item">
                <Link href={boardPath(board.id)} className="board-link">
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

export default withQueries(BoardsPage);
