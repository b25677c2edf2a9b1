import { lazy, Suspense } from 'react';
import { BoardPage } from '../boards/BoardPage';
import { useResyncOnReconnect } from '../connection/useResyncOnReconnect';
import { UndoBar } from '../counters/UndoBar';
import { Toasts } from '../toasts/Toasts';
import { Header } from './Header';
import { Link } from './Link';
import { matchRoute, usePathname } from './router';

// Each page loads the code it needs: someone opening a board does not download the boards list.
const BoardsPage = lazy(() =>
  import('../boards/BoardsPage').then((module) => ({ default: module.BoardsPage })),
);

export function App() {
  const route = matchRoute(usePathname());
  useResyncOnReconnect();

  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <Header onBoardsPage={route.page === 'boards'} />
      <main id="main" className="app-main">
        {route.page === 'board' && <BoardPage key={route.boardId} boardId={route.boardId} />}
        {route.page === 'boards' && (
          <Suspense fallback={<p className="board-loading">Loading the boards…</p>}>
            <BoardsPage />
          </Suspense>
        )}
        {route.page === 'missing' && (
          <section className="message-page">
            <h1>Page not found</h1>
            <p>Nothing lives at this address.</p>
            <Link href="/boards" className="button">
              Go to the boards
            </Link>
          </section>
        )}
      </main>
      <Toasts>{route.page === 'board' && <UndoBar boardId={route.boardId} />}</Toasts>
    </>
  );
}
