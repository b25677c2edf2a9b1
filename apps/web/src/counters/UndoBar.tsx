import { useCallback, useEffect, useSyncExternalStore } from 'react';
import { useTallyClient } from '../app/TallyClientProvider';
import { type UndoOffer, undoTracker } from './undo-tracker';

/** "You added 5 to Count": the click Undo would take back (the latest), and how many more are on offer. */
function describeOffer(offer: UndoOffer): string {
  const latest = offer.clicks.at(-1);
  if (!latest) return '';
  const what =
    latest.by > 0
      ? `You added ${latest.by} to ${offer.counterName}`
      : `You took ${-latest.by} from ${offer.counterName}`;
  const earlier = offer.clicks.length - 1;
  return earlier === 0 ? what : `${what} (and ${earlier} click${earlier === 1 ? '' : 's'} before)`;
}

function isEditable(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement)
  );
}

/**
 * Offers to take back this user's latest clicks on a counter of this board, one per Undo, for a
 * few seconds after the last one: a button "Undo" (or Ctrl+Z / ⌘Z outside a text field). A click still
 * waiting to be sent is simply dropped; one the server has is undone there (`counter:undo`).
 */
export function UndoBar(props: { boardId: string }) {
  const client = useTallyClient();
  const undo = useCallback(() => {
    const latest = undoTracker.takeLatest();
    if (latest) client.undo(latest);
  }, [client]);
  const offer = useSyncExternalStore(undoTracker.subscribe, undoTracker.get);
  const shown = offer !== null && offer.boardId === props.boardId;

  useEffect(() => {
    if (!shown) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key.toLowerCase() !== 'z' || !(event.ctrlKey || event.metaKey) || event.shiftKey) return;
      if (isEditable(event.target)) return;
      event.preventDefault();
      undo();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [shown, undo]);

  if (!shown) return null;
  return (
    <div className="toast toast-undo" role="status">
      <span>{describeOffer(offer)}</span>
      <button type="button" className="toast-action" onClick={undo}>
        Undo
      </button>
      <button type="button" className="toast-close" aria-label="Dismiss" onClick={undoTracker.dismiss}>
        ×
      </button>
    </div>
  );
}
