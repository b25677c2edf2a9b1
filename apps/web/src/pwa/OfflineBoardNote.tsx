import './offline-board-note.css';

/** The time it was saved; with the date when that was not today. */
function savedAtLabel(savedAt: number): string {
  const saved = new Date(savedAt);
  const sameDay = saved.toDateString() === new Date().toDateString();
  return new Intl.DateTimeFormat(
    undefined,
    sameDay ? { timeStyle: 'short' } : { dateStyle: 'medium', timeStyle: 'short' },
  ).format(saved);
}

/**
 * Says that the board shown is the one this browser saw last (the server cannot be reached):
 * values may have moved since, and the pending clicks go out once the link is back.
 */
export function OfflineBoardNote(props: { savedAt: number }) {
  return (
    <p className="offline-board-note" role="status">
      <strong>Offline — showing the last known state</strong>{' '}
      <span>(saved {savedAtLabel(props.savedAt)}). Your clicks are kept and sent once you are back.</span>
    </p>
  );
}
