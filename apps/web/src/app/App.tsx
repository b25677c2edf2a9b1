import { lazy, Suspense } from 'react';
import { BoardPage } from '../boards/BoardPage';
import { UndoBar } from '../counters/UndoBar';
import { Toasts } from '../toasts/Toasts';
import { Header } from './Header';
import { Link } from './Link';
import { matchRoute, usePathname } from './router';

// Each page loads the code it needs: someone opening a board does not download the boards list.
const BoardsPage = lazy(() => import('../boards/BoardsPage'));
const DisplayPage = lazy(() => import('../display/DisplayPage'));
const HomePage = lazy(() => import('../home/HomePage'));

export function App() {
  const route = matchRoute(usePathname());
  // Display mode is the whole screen, read-only: no header, and no toast with its buttons.
  const display = route.page === 'display';

  return (
    <>
      {!display && (
        <>
          <a className="skip-link" href="#main">
            Skip to content
          </a>
          <Header onBoardsPage={route.page === 'boards'} />
        </>
      )}
      <main id="main" className={display ? 'display-main' : 'app-main'}>
        {route.page === 'home' && (
          <Suspense fallback={null}>
            <HomePage />
          </Suspense>
        )}
        {route.page === 'board' && <BoardPage key={route.boardId} boardId={route.boardId} />}
        {route.page === 'display' && (
          <Suspense fallback={null}>
            <DisplayPage key={route.boardId} boardId={route.boardId} />
          </Suspense>
        )}
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
      {!display && <Toasts>{route.page === 'board' && <UndoBar boardId={route.boardId} />}</Toasts>}
    </>
  );
}
