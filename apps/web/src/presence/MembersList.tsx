import type { Member } from '@tally/events';
import { type CSSProperties, memo } from 'react';
import { initials, memberHue } from './member-color';

/** Who is on the board right now, this user first. */
export const MembersList = memo(function MembersList(props: { members: readonly Member[]; selfId: string }) {
  const { members, selfId } = props;
  const ordered = [...members].sort((a, b) => Number(b.clientId === selfId) - Number(a.clientId === selfId));
  return (
    <section className="panel members" aria-labelledby="members-title">
      <h2 id="members-title" className="panel-title">
        Here now <span className="panel-count">{members.length}</span>
      </h2>
      {/* biome-ignore lint/a11y/noRedundantRoles: an <ul> styled without bullets loses its list role in Safari. */}
      <ul className="member-list" role="list" aria-label="Members">
        {ordered.map((member) => (
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
    </section>
  );
});
