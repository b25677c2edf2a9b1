import { ConnectionBadge } from '../socket/ConnectionBadge';
import { OnlineCount } from '../stats/OnlineCount';
import { Link } from './Link';
import { NameField } from './NameField';

export function Header(props: { current: 'lobby' | 'boards' | 'other' }) {
  return (
    <header className="app-header">
      <div className="header-inner">
        <Link href="/" className="brand" aria-label="Tally, the lobby">
          <span className="brand-mark" aria-hidden="true" />
          <span className="brand-name">Tally</span>
        </Link>
        <nav className="header-nav" aria-label="Main">
          <Link
            href="/boards"
            className="nav-link"
            aria-current={props.current === 'boards' ? 'page' : undefined}
          >
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
