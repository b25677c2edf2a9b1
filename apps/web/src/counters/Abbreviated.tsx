import type { DisplayedValue } from './format-value';

/**
 * A line with values (see displayText): as it is when written in full; when its values are
 * compact, the full line is its tooltip and what a screen reader reads.
 */
export function Abbreviated(props: { text: DisplayedValue }) {
  const { full, shown, compact } = props.text;
  if (!compact) return full;
  return (
    <>
      <span aria-hidden="true" title={full}>
        {shown}
      </span>
      <span className="visually-hidden">{full}</span>
    </>
  );
}
