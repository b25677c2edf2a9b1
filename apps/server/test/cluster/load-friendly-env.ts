import { NO_ADDRESS_LIMITS_ENV } from '@tally/testbed';

/** Limits high enough that the load of a test is never rate limited: every node of a test cluster. */
export const LOAD_FRIENDLY_ENV = {
  RATE_LIMIT_BURST: '100000',
  RATE_LIMIT_REFILL_PER_SEC: '100000',
  HTTP_RATE_LIMIT_PER_MIN: '1000000',
  ...NO_ADDRESS_LIMITS_ENV,
};
