import { nowMs } from './clock.js';
import { Histogram } from './histogram.js';
import type { IncrementsReport } from './worker-protocol.js';

/** Sends increments through a client and keeps, per acknowledged one, its send time and version. */
export class IncrementRecorder {
  sent = 0;
  acked = 0;
  failed = 0;
  maxSendLagMs = 0;
  /** The highest version an ack reported (-1 before the first): the final value every client must reach. */
  maxAckedVersion = -1;
  private firstError: string | undefined;
  private readonly versions: number[] = [];
  private readonly sentAt: number[] = [];
  private readonly ackMs = new Histogram();

  /** `scheduledAt` is when the open-loop schedule wanted this send; the lag shows a busy worker. */
  send(increment: () => Promise<number>, scheduledAt: number): void {
    const sentAt = nowMs();
    this.maxSendLagMs = Math.max(this.maxSendLagMs, sentAt - scheduledAt);
    this.sent += 1;
    increment().then(
      (version) => {
        this.ackMs.record(nowMs() - sentAt);
        this.acked += 1;
        this.maxAckedVersion = Math.max(this.maxAckedVersion, version);
        this.versions.push(version);
        this.sentAt.push(sentAt);
      },
      (error: unknown) => {
        this.failed += 1;
        this.firstError ??= error instanceof Error ? error.message : String(error);
      },
    );
  }

  report(): IncrementsReport {
    return {
      versions: Float64Array.from(this.versions),
      sentAt: Float64Array.from(this.sentAt),
      ackMs: this.ackMs.toData(),
      failedAcks: this.failed,
      firstAckError: this.firstError,
      maxSendLagMs: this.maxSendLagMs,
    };
  }
}
