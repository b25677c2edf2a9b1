/**
 * A Map of at most `capacity` entries that forgets the oldest insertion first. Meant for facts that
 * never change once they exist (a board's record, the board a counter is on), so that an entry
 * forgotten under pressure only costs one more store read, never a wrong answer. Plain insertion
 * order rather than LRU: a hit then costs one Map lookup, which matters on every click's path.
 */
export class BoundedCache<K, V> {
  readonly #entries = new Map<K, V>();

  constructor(private readonly capacity: number) {}

  get(key: K): V | undefined {
    return this.#entries.get(key);
  }

  set(key: K, value: V): void {
    if (!this.#entries.has(key) && this.#entries.size >= this.capacity) {
      const oldest = this.#entries.keys().next();
      if (!oldest.done) this.#entries.delete(oldest.value);
    }
    this.#entries.set(key, value);
  }

  delete(key: K): void {
    this.#entries.delete(key);
  }

  get size(): number {
    return this.#entries.size;
  }
}
