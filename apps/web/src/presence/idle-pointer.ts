/** How long a member points at a counter without touching it before they stop pointing. */
export const POINTING_IDLE_MS = 5_000;

/**
 * Pointing as a sign of activity: each call with a counter says "this user is using this counter
 * now" (a hover, a key, a tap) and renews the pointer; one left untouched for `idleMs` is taken
 * back. So a steward who tapped + on a phone (where focus stays on the button and no hover ever
 * ends) stops pointing a few seconds later instead of forever.
 */
export function createIdlePointer(
  send: (counterId: string | null) => void,
  idleMs = POINTING_IDLE_MS,
): { point(counterId: string | null): void; dispose(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return {
    point(counterId) {
      clearTimeout(timer);
      timer = counterId === null ? undefined : setTimeout(() => send(null), idleMs);
      send(counterId);
    },
    dispose() {
      clearTimeout(timer);
    },
  };
}
