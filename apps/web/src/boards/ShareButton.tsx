import type { Visibility } from '@tally/events';
import { lazy, Suspense, useState } from 'react';

// Opened now and then, by whoever shares: not part of the first screen.
const ShareDialog = lazy(() => import('./ShareDialog'));

/**
 * "Share": opens the Share dialog, with the board's link (a private board's carries its access
 * key); for the owner, the view-only link (display mode) and "Owner access" too.
 */
export function ShareButton(props: {
  boardId: string;
  visibility: Visibility;
  /** The viewer key, for the owner (v1.1): the view-only link is theirs to give. */
  viewerKey?: string | undefined;
  owner?: boolean;
}) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="button" aria-haspopup="dialog" onClick={() => setOpen(true)}>
        Share
      </button>
      {open && (
        <Suspense fallback={null}>
          <ShareDialog {...props} onClose={() => setOpen(false)} />
        </Suspense>
      )}
    </>
  );
}
