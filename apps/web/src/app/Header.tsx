import { ConnectionBadge } from '../connection/ConnectionBadge';
import { OnlineCount } from '../stats/OnlineCount';
import { Link } from './Link';
import { NameField } from './NameField';

/** Every page's header: the brand (to the landing page), Boards, the live figures and the user's name. */
export function Header(props: { onBoardsPage: boolean }) {
  return (
    <header className="app-header">
      <div className="header-inner">
        <Link href="/" className="brand" aria-label="Tally, home">
          <svg className="brand-mark" viewBox="0 0 32 32" aria-hidden="true">
            <rect width="32" height="32" rx="8" />
            <path d="M9.5 9v14M14 9v14M18.5 9v14M23 9v14M7 19.5l18-7" />
          </svg>
          <span className="brand-name">Tally</span>
        </Link>
        <nav className="header-nav" aria-label="Main">
          <Link href="/boards" className="nav-link" aria-current={props.onBoardsPage ? 'page' : undefined}>
            Boards
          </Link>
        </nav>
        <div className="header-status">
          <OnlineCount />
          <ConnectionBadge />
        </div>
        <NameField />
      </div>
    </header>
  );
}
