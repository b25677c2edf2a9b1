/** The limits per address, as metrics and logs name them. */
export const ADDRESS_LIMITS = [
  'address_sockets',
  'address_events',
  'address_queue',
  'board_creates',
] as const;
export type AddressLimit = (typeof ADDRESS_LIMITS)[number];

/** How often each limit refused something on this node, since it started. */
export type RefusalCounts = Record<AddressLimit, number>;

export interface Refusals {
  /** Told once per refusal: a handshake, an event, a write or a board creation. */
  refused(limit: AddressLimit): void;
  counts(): RefusalCounts;
}

/** `report` passes each refusal on (to /metrics' `tally_refusals_total`). */
export function createRefusals(report: (limit: AddressLimit) => void): Refusals {
  const counts: RefusalCounts = { address_sockets: 0, address_events: 0, address_queue: 0, board_creates: 0 };
  return {
    refused(limit) {
      counts[limit]++;
      report(limit);
    },
    counts: () => ({ ...counts }),
  };
}
