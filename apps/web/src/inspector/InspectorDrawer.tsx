import { useState } from 'react';
import { useEventRecorder } from './useEventRecorder';

const timeFormat = new Intl.DateTimeFormat(undefined, {
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  fractionalSecondDigits: 3,
});

/**
 * The event inspector: every socket event in and out, newest first, the last 200. Loaded on
 * first use (it is a developer's view, not part of the first screen) and kept mounted, hidden,
 * once opened so that it keeps recording.
 */
export default function InspectorDrawer(props: { open: boolean; onClose(): void }) {
  const [paused, setPaused] = useState(false);
  const { events, clear } = useEventRecorder(paused);

  return (
    <aside id="event-inspector" className="inspector" aria-label="Event inspector" hidden={!props.open}>
      <div className="inspector-head">
        <h2 className="panel-title">
          Events <span className="panel-count">{events.length}</span>
        </h2>
        <div className="inspector-tools">
          <button type="button" className="button button-small" onClick={() => setPaused((p) => !p)}>
            {paused ? 'Resume' : 'Pause'}
          </button>
          <button type="button" className="button button-small" onClick={clear}>
            Clear
          </button>
          <button
            type="button"
            className="button button-small"
            aria-label="Close inspector"
            onClick={props.onClose}
          >
            ×
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
    </aside>
  );
}
