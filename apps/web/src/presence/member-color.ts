/** A stable hue per member, so the same person has the same colour in the list and on the cards. */
export function memberHue(clientId: string): number {
  let hash = 0;
  for (let i = 0; i < clientId.length; i += 1) hash = (hash * 31 + clientId.charCodeAt(i)) >>> 0;
  return hash % 360;
}

/**
 * Two letters for an avatar (drawn by CSS from data-initials, so list items read as just the
 * name): the first and last words' initials ("Ana Lima" → "AL"), or a one-word name's first two
 * letters ("Ana" → "An", "Alex" → "Al"), so that one-word names sharing a first letter differ.
 */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const first = [...(words[0] ?? '')];
  if (words.length > 1) return `${first[0] ?? ''}${[...(words.at(-1) ?? '')][0] ?? ''}`.toUpperCase();
  return `${(first[0] ?? '').toUpperCase()}${(first[1] ?? '').toLowerCase()}`;
}
