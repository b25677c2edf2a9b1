import { type CSSProperties, memo } from 'react';
import { memberHue } from '../presence/member-color';
import { type ActivityEntry, describeActivity } from './activity-log';

const timeFormat = new Intl.DateTimeFormat(undefined, {
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** Who came, who went, who clicked what: newest first. */
export const ActivityFeed = memo(function ActivityFeed(props: { entries: readonly ActivityEntry[] }) {
  const { entries } = props;
  return (
    <section className="panel activity" aria-labelledby="activity-title">
      <h2 id="activity-title" className="panel-title">
        Activity
      </h2>
      <ol className="activity-log" role="log" aria-label="Activity">
        {entries.length === 0 && <li className="empty">Quiet so far.</li>}
        {entries.toReversed().map((entry) => (
          // The time is drawn by CSS from data-time, so an entry's text is exactly its sentence.
          <li
            key={entry.id}
            className={`activity-entry activity-${entry.kind}`}
            title={timeFormat.format(entry.at)}
            data-time={timeFormat.format(entry.at)}
          >
            <span
              className="activity-dot"
              aria-hidden="true"
              style={{ '--hue': entry.kind === 'changed' ? memberHue(entry.clientId) : 0 } as CSSProperties}
            />
            {describeActivity(entry)}
          </li>
        ))}
      </ol>
    </section>
  );
});
