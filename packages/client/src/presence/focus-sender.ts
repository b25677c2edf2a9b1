export interface FocusSender {
  /** The user now points at this counter (null: at none). */
  point(counterId: string | null): void;
  /** Sends the current target again (someone new arrived and has not heard it); nothing if none. */
  repeat(): void;
  dispose(): void;
}

/**
 * Throttles presence:focus: at most one message per interval, always ending on the latest
 * target, and nothing when the target did not change (hovering inside one card sends once).
 */
export function createFocusSender(send: (counterId: string | null) => void, intervalMs = 150): FocusSender {
  let sent: string | null = null;
  let latest: string | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;

  let repeatDue = false;

  function sendLatest(): void {
    const repeating = repeatDue && latest !== null;
    repeatDue = false;
    if (latest === sent && !repeating) return;
    sent = latest;
    send(latest);
    timer = setTimeout(() => {
      timer = null;
      sendLatest();
    }, intervalMs);
  }

  return {
    point(counterId) {
      latest = counterId;
      if (timer === null) sendLatest();
    },
    repeat() {
      repeatDue = true;
      if (timer === null) sendLatest();
    },
    dispose() {
      if (timer !== null) clearTimeout(timer);
      timer = null;
    },
  };
}
