import { type CSSProperties, memo, useId, useMemo, useState } from 'react';
import { dayAndTime, timeWithSeconds } from '../app/time-formats';
import { memberHue } from '../presence/member-color';
import { showToast } from '../toasts/toast-store';
import { type FeedPerson, feedPeople, linesOf } from './activity-filter';
import type { FeedLine } from './activity-log';
import { downloadActivityCsv } from './downloadActivityCsv';
import type { ActivityFeedState } from './useActivityFeed';
import './activity-feed.css';

const fullFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

/** The time beside a line: the time of day today, the day and time before. */
function shortTime(at: number, now: Date): string {
  const day = new Date(at);
  return day.toDateString() === now.toDateString() ? timeWithSeconds.format(at) : dayAndTime.format(at);
}

/**
 * Who came, who went, who changed what: newest first, older pages on demand, narrowed to one
 * person if asked (among who acted in the loaded lines and who is on the board), all of it as CSV.
 */
export const ActivityFeed = memo(function ActivityFeed(
  props: ActivityFeedState & {
    boardId: string;
    boardName: string;
    members: readonly { clientId: string; name: string }[];
  },
) {
  const { history, boardId, boardName, members } = props;
  const filterId = useId();
  const [personKey, setPersonKey] = useState('');
  const people = useMemo(() => feedPeople(props.lines, members), [props.lines, members]);
  const person: FeedPerson | undefined = people.find((p) => p.key === personKey);
  const lines = useMemo(
    () => (person === undefined ? props.lines : linesOf(props.lines, person)),
    [props.lines, person],
  );
  const now = new Date();
  return (
    <section className="panel activity" aria-labelledby="activity-title">
      <div className="activity-head">
        <h2 id="activity-title" className="panel-title">
          Activity
        </h2>
        {people.length > 0 && (
          <div className="activity-filter">
            <label htmlFor={filterId}>Show</label>
            <select
              id={filterId}
              className="input activity-filter-select"
              value={person?.key ?? ''}
              onChange={(event) => setPersonKey(event.target.value)}
            >
              <option value="">Everyone</option>
              {people.map((p) => (
                <option key={p.key} value={p.key}>
                  {p.label}
                </option>
              ))}
            </select>
          </div>
        )}
      </div>
      {/* The log is the scroll box around the list: on the <ol> itself, role="log" would replace its list role. */}
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a box that scrolls must take focus, or the keyboard cannot scroll it. */}
      <div className="activity-log" role="log" aria-label="Activity" tabIndex={0}>
        {lines.length === 0 ? (
          <p className="empty">
            {history.status === 'loading'
              ? 'Loading activity…'
              : person !== undefined
                ? `Nothing from ${person.label} in the loaded activity.`
                : 'Quiet so far.'}
          </p>
        ) : (
          // biome-ignore lint/a11y/noRedundantRoles: an <ol> styled without numbers loses its list role in Safari.
          <ol className="activity-entries" role="list">
            {lines.map((line) => (
              <ActivityLine key={line.key} line={line} now={now} />
            ))}
          </ol>
        )}
      </div>
      {history.status === 'error' && (
        <p className="hint activity-note">Earlier activity cannot be loaded right now.</p>
      )}
      {person !== undefined && history.status === 'ready' && (
        <p className="hint activity-note">The CSV holds everyone's activity, not only {person.label}'s.</p>
      )}
      <div className="activity-tools">
        {history.hasOlder && (
          <button
            type="button"
            className="link-button"
            aria-busy={history.loadingOlder}
            disabled={history.loadingOlder}
            onClick={history.loadOlder}
          >
            Load older
          </button>
        )}
        {history.status === 'ready' && (
          <button
            type="button"
            className="link-button"
            onClick={() =>
              downloadActivityCsv(boardId, boardName).catch(() =>
                showToast('The activity cannot be downloaded right now. Try again in a moment.'),
              )
            }
          >
            Download CSV
          </button>
        )}
      </div>
    </section>
  );
});

function ActivityLine(props: { line: FeedLine; now: Date }) {
  const { line, now } = props;
  return (
    // The time is drawn by CSS from data-time, so an entry's text is exactly its sentence.
    <li
      className={`activity-entry activity-${line.kind}`}
      title={fullFormat.format(line.at)}
      data-time={shortTime(line.at, now)}
    >
      <span
        className={line.actorId === null ? 'activity-dot activity-dot-plain' : 'activity-dot'}
        aria-hidden="true"
        style={line.actorId === null ? undefined : ({ '--hue': memberHue(line.actorId) } as CSSProperties)}
      />
      {/* The name gives way to an ellipsis (its full text is in the title), never the time. */}
      <span className="activity-text">
        <span className="activity-who" title={line.who}>
          {line.who}
        </span>
        {line.text.slice(line.who.length)}
      </span>
    </li>
  );
}
