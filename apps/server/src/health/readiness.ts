// Framework-free on purpose: the states and their logging, tested without a server.

/** Why a node says it is not ready: the words /api/ready and the log use while it holds, and when it ends. */
export const NOT_READY_REASONS = {
  store: { holds: 'the store cannot write', ended: 'the store writes again' },
  event_loop: { holds: 'the event loop is overloaded', ended: 'the event loop keeps up again' },
  // A drain ends with the process; its end is never logged.
  draining: { holds: 'the node is draining', ended: 'the drain was called off' },
} as const;

export type NotReadyReason = keyof typeof NOT_READY_REASONS;

export interface ReadinessLog {
  warn(details: object, message: string): void;
}

export interface Readiness {
  /**
   * Says whether `reason` holds now. Only a change is logged, at warn: once when the state starts
   * (with `details`, e.g. the error or the measured delay) and once when it ends.
   */
  set(reason: NotReadyReason, holds: boolean, details?: object): void;
  /** The reasons that hold now, in NOT_READY_REASONS order; empty: ready. */
  reasons(): NotReadyReason[];
}

/**
 * The node's readiness as a set of independent reasons (the store, the event loop, a drain), so
 * that one ending does not hide another still holding, and each is logged on its own edges only:
 * however many requests see a state, the log shows when it started and when it ended.
 */
export function createReadiness(log: ReadinessLog): Readiness {
  const holding = new Set<NotReadyReason>();
  return {
    set(reason, holds, details = {}) {
      if (holds === holding.has(reason)) return;
      if (holds) {
        holding.add(reason);
        log.warn({ ...details, readiness: reason }, `not ready: ${NOT_READY_REASONS[reason].holds}`);
      } else {
        holding.delete(reason);
        log.warn({ ...details, readiness: reason }, `ready again: ${NOT_READY_REASONS[reason].ended}`);
      }
    },
    reasons() {
      return (Object.keys(NOT_READY_REASONS) as NotReadyReason[]).filter((reason) => holding.has(reason));
    },
  };
}
