import type { Pointer } from '@tally/client';
import MorePointers from './MorePointers';
import { PresenceMarker } from './PresenceMarker';
import './pointer-markers.css';

/** Avatars a card shows at most; everyone else is behind "+N". */
const MAX_MARKERS = 3;

/**
 * Who is pointing at a counter: the first MAX_MARKERS avatars, then "+N", which lists them all
 * (see MorePointers). However many people point, the card keeps its width. Loaded when someone
 * first points at a counter: a board nobody points at does without it.
 */
export default function PointerMarkers(props: { pointers: readonly Pointer[] }) {
  const { pointers } = props;
  const more = pointers.length > MAX_MARKERS ? pointers.length - MAX_MARKERS : 0;
  return (
    <div className="markers">
      {pointers.slice(0, MAX_MARKERS).map((pointer) => (
        <PresenceMarker key={pointer.clientId} clientId={pointer.clientId} name={pointer.name} />
      ))}
      {more > 0 && <MorePointers pointers={pointers} more={more} />}
    </div>
  );
}
