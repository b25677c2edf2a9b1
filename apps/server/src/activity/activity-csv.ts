import { ACTIVITY_CSV_HEADER, type ActivityEntry } from '@tally/events';

/** Characters that make a spreadsheet read a cell as a formula (or hide what follows). */
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** RFC 4180 line breaks. */
const EOL = '\r\n';

/**
 * A text cell (a counter's or an actor's name), made safe to open in a spreadsheet: a leading
 * `=`, `+`, `-`, `@`, TAB or CR gets a `'` so that it is shown and never run (CSV injection), and
 * a cell with a quote, comma or line break is quoted with its quotes doubled (RFC 4180).
 */
export function csvTextCell(text: string): string {
  const guarded = FORMULA_START.test(text) ? `'${text}` : text;
  return NEEDS_QUOTES.test(guarded) ? `"${guarded.replaceAll('"', '""')}"` : guarded;
}

/** One entry as a row of `at,counter,kind,by,value,actor`; numbers stay plain (a `-5` stays `-5`). */
export function activityCsvRow(entry: ActivityEntry): string {
  return [
    new Date(entry.at).toISOString(),
    csvTextCell(entry.counterName),
    entry.kind,
    entry.by ?? '',
    entry.value ?? '',
    csvTextCell(entry.actor.name),
  ].join(',');
}

/** The CSV text of pages of entries (oldest first), the header row first, a line at a time. */
export async function* activityCsvLines(
  pages: AsyncIterable<readonly ActivityEntry[]>,
): AsyncGenerator<string> {
  yield `${ACTIVITY_CSV_HEADER}${EOL}`;
  for await (const entries of pages) {
    if (entries.length > 0) yield `${entries.map(activityCsvRow).join(EOL)}${EOL}`;
  }
}
