import { type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import { useEventRecorder } from './useEventRecorder';
import './inspector-dialog.css';

const timeFormat = new Intl.DateTimeFormat(undefined, {
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  fractionalSecondDigits: 3,
});

/** Where the inspector takes the whole screen (inspector-dialog.css says the same). */
const PHONE = '(max-width: 600px)';

/**
 * The event inspector: every socket event in and out, newest first, the last 200. A developer's
 * tool in a dialog: focus moves in when it opens, Escape or Close closes it and gives focus back
 * to what opened it (the board menu's button, or wherever the shortcut was pressed). On a wide
 * screen a side sheet beside the board, which stays usable (clicking + and watching the events
 * come is what it is for); on a phone a modal sheet over the whole screen. Loaded on first use
 * and kept mounted, closed, once opened so that it keeps recording.
 */
export default function InspectorDialog(props: { open: boolean; onClose(): void }) {
  const { open, onClose } = props;
  const dialog = useRef<HTMLDialogElement>(null);
  const closeButton = useRef<HTMLButtonElement>(null);
  const opener = useRef<HTMLElement | null>(null);
  const titleId = useId();
  const [paused, setPaused] = useState(false);
  const { events, clear } = useEventRecorder(paused);

  useEffect(() => {
    const element = dialog.current;
    if (element === null) return;
    if (open && !element.open) {
      opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      if (window.matchMedia(PHONE).matches) element.showModal();
      else element.show();
      closeButton.current?.focus();
    } else if (!open && element.open) {
      element.close();
    }
  }, [open]);

  function handleClose(): void {
    onClose();
    // Back to the opener, unless the user has moved on into the board meanwhile (beside the sheet).
    const focus = document.activeElement;
    const lost = focus === null || focus === document.body || dialog.current?.contains(focus);
    if (lost && opener.current?.isConnected) opener.current.focus();
    opener.current = null;
  }

  // Escape closes a modal dialog by itself, not the side sheet: one path for both, in every browser.
  function handleKeyDown(event: KeyboardEvent<HTMLDialogElement>): void {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    dialog.current?.close();
  }

  return (
    <dialog
      ref={dialog}
      className="dialog inspector-dialog"
      aria-labelledby={titleId}
      onClose={handleClose}
      onKeyDown={handleKeyDown}
    >
      <div className="inspector-head">
        <h2 id={titleId} className="dialog-title inspector-title">
          Event inspector <span className="panel-count">{events.length}</span>
        </h2>
        <div className="inspector-tools">
          <button type="button" className="button button-small" onClick={() => setPaused((p) => !p)}>
            {paused ? 'Resume' : 'Pause'}
          </button>
          <button type="button" className="button button-small" onClick={clear}>
            Clear
          </button>
          <button
            ref={closeButton}
            type="button"
            className="button button-small"
            aria-label="Close inspector"
            onClick={() => dialog.current?.close()}
          >
            Close
          </button>
        </div>
      </div>
      {/* A scroll box: focusable so that the keyboard can scroll it too. */}
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must take focus (axe scrollable-region-focusable). */}
      <ol className="inspector-list" tabIndex={0} aria-label="Events">
        {events.length === 0 && <li className="empty">{paused ? 'Paused.' : 'Waiting for events…'}</li>}
        {events.toReversed().map((event) => (
          <li key={event.id} className={`inspector-event inspector-${event.direction}`}>
            <span className="inspector-direction" title={event.direction === 'in' ? 'received' : 'sent'}>
              {event.direction === 'in' ? '↓' : '↑'}
            </span>
            <span className="inspector-name">{event.name}</span>
            <time className="inspector-time" dateTime={new Date(event.at).toISOString()}>
              {timeFormat.format(event.at)}
            </time>
            {event.payload !== '' && <code className="inspector-payload">{event.payload}</code>}
          </li>
        ))}
      </ol>
    </dialog>
  );
}
