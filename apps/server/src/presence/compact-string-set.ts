/**
 * A set of strings kept as the string itself while it holds one, and as a Set from two on; absent
 * (undefined) when empty. Presence keeps one per socket, per client and per member on a board, and
 * nearly all of them hold one element (one board, one tab), where a Set costs about 150 bytes more.
 */
export type CompactStringSet = string | Set<string>;

/** The set with `value` added (the same Set object once it is one). */
export function addToSet(set: CompactStringSet | undefined, value: string): CompactStringSet {
  if (set === undefined || set === value) return value;
  if (typeof set === 'string') return new Set([set, value]);
  set.add(value);
  return set;
}

/** The set without `value`: undefined once empty, back to a string when one element is left. */
export function removeFromSet(set: CompactStringSet, value: string): CompactStringSet | undefined {
  if (typeof set === 'string') return set === value ? undefined : set;
  set.delete(value);
  if (set.size > 1) return set;
  const [last] = set;
  return last;
}

export function setHas(set: CompactStringSet | undefined, value: string): boolean {
  return typeof set === 'string' ? set === value : (set?.has(value) ?? false);
}

/** The elements, copied: the caller may change the set while it goes through them. */
export function setValues(set: CompactStringSet | undefined): string[] {
  if (set === undefined) return [];
  return typeof set === 'string' ? [set] : [...set];
}

/** Adds `value` to the set under `key` (made when missing); returns that set. */
export function addToSetIn(map: Map<string, CompactStringSet>, key: string, value: string): CompactStringSet {
  const set = addToSet(map.get(key), value);
  map.set(key, set);
  return set;
}

/** Removes `value` from the set under `key`, and the key once its set is empty; returns what is left. */
export function removeFromSetIn(
  map: Map<string, CompactStringSet>,
  key: string,
  value: string,
): CompactStringSet | undefined {
  const set = map.get(key);
  if (set === undefined) return undefined;
  const left = removeFromSet(set, value);
  if (left === undefined) map.delete(key);
  else map.set(key, left);
  return left;
}
