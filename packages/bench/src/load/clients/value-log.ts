import { nowMs } from '../clock.js';

/**
 * What one client saw of the counter: every value-bearing message counts as a delivery, and each
 * first sight of a higher version is kept with its receipt time. Versions only rise here (a
 * client drops stale ones, as the protocol says), so the log is sorted and a later merge with the
 * sorted list of increments finds, per increment, when this client first held a value including it.
 */
export class ValueLog {
  deliveries = 0;
  latestVersion = -1;
  private versions = new Float64Array(64);
  private receivedAt = new Float64Array(64);
  private length = 0;

  /** The version the client starts from (snapshot or welcome message); not a delivery. */
  start(version: number): void {
    if (version > this.latestVersion) this.latestVersion = version;
  }

  deliver(version: number): void {
    this.deliveries += 1;
    if (version <= this.latestVersion) return;
    this.latestVersion = version;
    if (this.length === this.versions.length) this.grow();
    this.versions[this.length] = version;
    this.receivedAt[this.length] = nowMs();
    this.length += 1;
  }

  /**
   * For each increment (sorted by version), calls `onReceipt` with the time this client first held
   * a version ≥ it, or `undefined` when it never did.
   */
  matchIncrements(
    incrementVersions: Float64Array,
    onReceipt: (incrementIndex: number, receivedAt: number | undefined) => void,
  ): void {
    let entry = 0;
    for (let index = 0; index < incrementVersions.length; index++) {
      const version = incrementVersions[index] ?? 0;
      while (entry < this.length && (this.versions[entry] ?? 0) < version) entry += 1;
      onReceipt(index, entry < this.length ? this.receivedAt[entry] : undefined);
    }
  }

  private grow(): void {
    const versions = new Float64Array(this.versions.length * 2);
    versions.set(this.versions);
    this.versions = versions;
    const receivedAt = new Float64Array(this.receivedAt.length * 2);
    receivedAt.set(this.receivedAt);
    this.receivedAt = receivedAt;
  }
}
