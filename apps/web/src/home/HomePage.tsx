import { LOBBY_BOARD_ID } from '@tally/events/constants';
import { useEffect } from 'react';
import { Link } from '../app/Link';
import { boardPath } from '../boards/board-keys';
import { CreateBoardForm } from '../boards/CreateBoardForm';
import { PublicBoards } from '../boards/PublicBoards';
import './home.css';
import { withQueries } from '../app/with-queries';

/**
 * The landing page (`/`): what Tally is, its two first steps (create a board, or join whoever is
 * in the lobby), and the public boards with who is on them. Loaded on its own: a link to a board
 * does not download it.
 */
function HomePage() {
  useEffect(() => {
    document.title = 'Tally · count together, live';
  }, []);

  return (
    <div className="home-page">
      <section className="home-hero" aria-labelledby="home-title">
        <h1 id="home-title" className="home-title">
          Count together, live.
        </h1>
        <p className="home-pitch">
          Tally is a board of shared counters: everyone on it taps + or −, and everyone sees the count change
          at once.
        </p>
        <div className="home-actions">
          <CreateBoardForm />
          <div className="card home-lobby">
            <h2 className="panel-title">Just looking?</h2>
            <p className="hint">The lobby is open to everyone: count with whoever is there now.</p>
            <Link href={boardPath(LOBBY_BOARD_ID)} className="button">
              Open the lobby
            </Link>
          </div>
        </div>
      </section>
      <PublicBoards />
    </div>
  );
}

export default withQueries(HomePage);
