import type { CSSProperties } from 'react';
import { initials, memberHue } from './member-color';

/**
 * A small avatar on a counter card: another member is pointing at this counter. One the member
 * list does not name (a board past its first names) shows as "Someone", in their own colour.
 */
export function PresenceMarker(props: { clientId: string; name: string | undefined }) {
  const { clientId, name } = props;
  const label = `${name ?? 'Someone'} is pointing here`;
  return (
    <span
      role="img"
      aria-label={label}
      title={label}
      className="avatar avatar-small"
      data-initials={name === undefined ? '?' : initials(name)}
      style={{ '--hue': memberHue(clientId) } as CSSProperties}
    />
  );
}
