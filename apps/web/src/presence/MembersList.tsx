import { type CSSProperties, memo } from 'react';
import type { PresenceRoster } from './board-presence';
import { initials, memberHue } from './member-color';

/**
 * Who is on the board right now: how many, and the names the server lists (this user first);
 * a board with more members than listed says how many more.
 */
export const MembersList = memo(function MembersList(props: { roster: PresenceRoster; selfId: string }) {
  const { roster, selfId } = props;
  return (
    <section className="panel members" aria-labelledby="members-title">
      <h2 className="panel-title">
        <span id="members-title">Here now</span>
        <span className="panel-count">{roster.total} online</span>
      </h2>
      {/* biome-ignore lint/a11y/noRedundantRoles: an <ul> styled without bullets loses its list role in Safari. */}
      <ul className="member-list" role="list" aria-label="Members">
        {roster.shown.map((member) => (
          <li key={member.clientId} className="member">
            <span
              className="avatar"
              aria-hidden="true"
              data-initials={initials(member.name)}
              style={{ '--hue': memberHue(member.clientId) } as CSSProperties}
            />
            <span className="member-name">
              {member.name}
              {member.clientId === selfId && <span className="member-self"> (you)</span>}
            </span>
          </li>
        ))}
      </ul>
      {roster.more > 0 && <p className="member-more">+{roster.more} more</p>}
    </section>
  );
});
