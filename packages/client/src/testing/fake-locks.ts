/**
 * The Web Locks of one browser profile, as far as the leader uses them: exclusive locks granted
 * in the order they were requested, a holder keeps its lock until its callback's promise settles,
 * and a request still waiting can be withdrawn with its signal.
 */
export class FakeLocks {
  readonly #held = new Set<string>();
  readonly #waiting: Array<{ name: string; grant(): void }> = [];

  asLockManager(): LockManager {
    return this as unknown as LockManager;
  }

  request(name: string, options: LockOptions, callback: LockGrantedCallback<unknown>): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const signal = options.signal;
      if (signal?.aborted) return reject(signal.reason);
      const waiter = {
        name,
        grant: () => {
          signal?.removeEventListener('abort', withdraw);
          this.#held.add(name);
          // Browsers call the callback in a task of its own, never inside request().
          setTimeout(() => {
            Promise.resolve(callback({ name, mode: 'exclusive' } as Lock))
              .then(resolve, reject)
              .finally(() => {
                this.#held.delete(name);
                this.#grantNext(name);
              });
          });
        },
      };
      const withdraw = () => {
        this.#waiting.splice(this.#waiting.indexOf(waiter), 1);
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', withdraw);
      this.#waiting.push(waiter);
      this.#grantNext(name);
    });
  }

  #grantNext(name: string): void {
    if (this.#held.has(name)) return;
    const next = this.#waiting.findIndex((waiter) => waiter.name === name);
    if (next === -1) return;
    const [waiter] = this.#waiting.splice(next, 1);
    waiter?.grant();
  }
}
