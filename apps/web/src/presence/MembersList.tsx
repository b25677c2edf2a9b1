import type { PresenceRoster } from '@tally/client';
import { type CSSProperties, memo, type ReactNode, useId, useState } from 'react';
import { initials, memberHue } from './member-color';

/** Names shown until the list is opened: a few rows, so that the chat stays in view on a busy board. */
export const FOLDED_NAMES = 12;

/**
 * Who is on the board right now: how many, and the names the server lists (this user first).
 * A busy board shows the first few names and "+K more" for everyone else, which opens the rest
 * of the list; what is left then is the members the server does not name.
 */
export const MembersList = memo(function MembersList(props: { roster: PresenceRoster; selfId: string }) {
  const { roster, selfId } = props;
  const listId = useId();
  const [open, setOpen] = useState(false);
  const folds = roster.shown.length > FOLDED_NAMES;
  const names = folds && !open ? roster.shown.slice(0, FOLDED_NAMES) : roster.shown;
  const unnamed = roster.total - names.length;
  const more = unnamed > 0 ? `+${unnamed} more` : null;
  return (
    <section className="panel members" aria-labelledby="members-title">
      <h2 className="panel-title">
        <span id="members-title">Here now</span>
        <span className="panel-count">{roster.total} online</span>
      </h2>
      {/* biome-ignore lint/a11y/noRedundantRoles: an <ul> styled without bullets loses its list role in Safari. */}
      <ul id={listId} className={open ? 'member-list open' : 'member-list'} role="list" aria-label="Members">
        {names.map((member) => (
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
      {(more !== null || folds) && (
        <p className="member-more">
          {folds && !open ? (
            <FoldButton listId={listId} open={false} onToggle={() => setOpen(true)}>
              {more}
            </FoldButton>
          ) : (
            <>
              {more !== null && <span>{more}</span>}
              {folds && (
                <FoldButton listId={listId} open onToggle={() => setOpen(false)}>
                  Show fewer
                </FoldButton>
              )}
            </>
          )}
        </p>
      )}
    </section>
  );
});

/** Opens or folds the member list it controls. */
function FoldButton(props: { listId: string; open: boolean; onToggle: () => void; children: ReactNode }) {
  return (
    <button
      type="button"
      className="link-button"
      aria-expanded={props.open}
      aria-controls={props.listId}
      onClick={props.onToggle}
    >
      {props.children}
    </button>
  );
}
