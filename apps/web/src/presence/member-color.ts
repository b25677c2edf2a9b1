/** A stable hue per member, so the same person has the same colour in the list and on the cards. */
export function memberHue(clientId: string): number {
  let hash = 0;
  for (let i = 0; i < clientId.length; i += 1) hash = (hash * 31 + clientId.charCodeAt(i)) >>> 0;
  return hash % 360;
}

/** One or two letters for an avatar (drawn by CSS from data-initials, so list items read as just the name). */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? [words[0], words.at(-1)] : [words[0]];
  return letters
    .map((word) => [...(word ?? '')][0] ?? '')
    .join('')
    .toUpperCase();
}
