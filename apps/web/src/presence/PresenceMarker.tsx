import type { CSSProperties } from 'react';
import { initials, memberHue } from './member-color';

/** A small avatar on a counter card: another member is pointing at this counter. */
export function PresenceMarker(props: { clientId: string; name: string }) {
  const { clientId, name } = props;
  const label = `${name} is pointing here`;
  return (
    <span
      role="img"
      aria-label={label}
      title={label}
      className="avatar avatar-small"
      data-initials={initials(name)}
      style={{ '--hue': memberHue(clientId) } as CSSProperties}
    />
  );
}
