/**
 * How a counter's value is written: in the user's locale with grouping ("9,007,199,254,740,991"),
 * or in the compact form ("9007T") when the full one is too long for a card. `locale` undefined
 * means the browser's own.
 */

/**
 * The longest full form a card shows, in characters. The card's CSS shrinks the value to fit its
 * width (at most 0.7 em a character); past this length even a phone's narrowest card would need a
 * value smaller than its name, so the compact form takes over ("-999,999,999,999" still fits).
 */
export const MAX_FULL_LENGTH = 16;

/** The value exactly, grouped in the locale's way. */
export function formatValue(value: number, locale?: string): string {
  return new Intl.NumberFormat(locale, { useGrouping: true, maximumFractionDigits: 0 }).format(value);
}

/** The value rounded to a few significant digits with a locale unit ("1.2M", "9007T"). */
export function formatCompactValue(value: number, locale?: string): string {
  return new Intl.NumberFormat(locale, { notation: 'compact' }).format(value);
}

/** What a card shows for a value. */
export interface DisplayedValue {
  /** The exact value, grouped: for hover and screen readers. */
  full: string;
  /** What the card writes: `full`, or the compact form when `full` is too long. */
  shown: string;
  /** Whether `shown` is the rounded compact form (then `full` must be offered beside it). */
  compact: boolean;
}

export function displayValue(value: number, locale?: string): DisplayedValue {
  return displayText((format) => format(value), MAX_FULL_LENGTH, locale);
}

/**
 * A line made of values ("1,234 of 5,000"), written by `write` with each value in full or,
 * when the full line is longer than `maxLength` characters, with each value compact
 * ("9007T of 9007T"): so that a card's small lines stay on one line too.
 */
export function displayText(
  write: (format: (value: number) => string) => string,
  maxLength: number,
  locale?: string,
): DisplayedValue {
  const full = write((value) => formatValue(value, locale));
  if (full.length <= maxLength) return { full, shown: full, compact: false };
  return { full, shown: write((value) => formatCompactValue(value, locale)), compact: true };
}
