/** The hour over which BOARD_CREATES_PER_HOUR is spread. */
export const BOARD_CREATION_WINDOW_MS = 3_600_000;

/**
 * Board creations per address (POST /api/boards, POST /api/boards/import, `board:import`): a token
 * bucket of BOARD_CREATES_PER_HOUR that refills evenly over the hour, so that an address may make
 * its whole allowance at once and then one board per share of the hour; no window edge lets it
 * make twice the allowance. In memory on one node, in Redis across nodes.
 */
export interface BoardCreationLimit {
  /** Counts one creation of `address`: 0 when allowed, else the ms until the next one is. */
  take(address: string): Promise<number>;
  /** Drops what no longer limits anyone (a periodic sweep; nothing to do in Redis). */
  sweep(): void;
}
