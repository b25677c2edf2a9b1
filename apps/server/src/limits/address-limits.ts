import { TallyError } from '@tally/events';
import type { TallySocket } from '../sockets/socket-types.js';
import type { AddressBuckets } from './address-buckets.js';
import type { BoardCreationLimit } from './board-creation-limit.js';
import type { Handshake } from './client-address.js';
import type { Refusals } from './refusals.js';

/** A refusal that says when to come back: HTTP sends it as Retry-After. */
export class RetryLaterError extends TallyError {
  constructor(
    message: string,
    /** How long until the same request would be allowed. */
    readonly retryAfterMs: number,
  ) {
    super('rate_limited', message);
  }
}

/** What the socket handlers and the routes ask of the limits per address. */
export interface AddressLimits {
  /** The address a socket's limits count under (its handshake's, by TRUST_PROXY's rule). */
  addressOf(socket: TallySocket): string;
  /** Takes one event from the socket's address's budget: false = over it (the refusal is counted). */
  takeEvent(socket: TallySocket): boolean;
  /** Counts one board creation of `address`; over the limit it throws a RetryLaterError (`rate_limited`). */
  takeBoardCreation(address: string): Promise<void>;
}

export interface AddressLimitsParts {
  handshakeAddress(handshake: Handshake): string;
  events: AddressBuckets;
  boardCreations: BoardCreationLimit;
  refusals: Refusals;
}

export function createAddressLimits(parts: AddressLimitsParts): AddressLimits {
  const { events, boardCreations, refusals } = parts;
  // Worked out once per socket: an event then costs a WeakMap and a Map lookup.
  const addresses = new WeakMap<TallySocket, string>();

  function addressOf(socket: TallySocket): string {
    let address = addresses.get(socket);
    if (address === undefined) {
      address = parts.handshakeAddress(socket.handshake);
      addresses.set(socket, address);
    }
    return address;
  }

  return {
    addressOf,

    takeEvent(socket) {
      if (events.take(addressOf(socket)) === 0) return true;
      refusals.refused('address_events');
      return false;
    },

    async takeBoardCreation(address) {
      const waitMs = await boardCreations.take(address);
      if (waitMs === 0) return;
      refusals.refused('board_creates');
      const seconds = Math.ceil(waitMs / 1000);
      throw new RetryLaterError(`too many boards created from this address; retry in ${seconds} s`, waitMs);
    },
  };
}
