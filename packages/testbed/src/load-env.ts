/**
 * The limits per client address (issue 14) raised past any test's or measurement's load. Every
 * client comes from 127.0.0.1, so a load would otherwise measure those limits rather than what it
 * means to. The tests of the limits themselves set their own.
 */
export const NO_ADDRESS_LIMITS_ENV = {
  MAX_SOCKETS_PER_ADDRESS: '1000000',
  ADDRESS_EVENT_BURST: '1000000',
  ADDRESS_EVENTS_PER_SEC: '1000000',
  MAX_QUEUED_OPS_PER_ADDRESS: '1000000',
  BOARD_CREATES_PER_HOUR: '1000000',
} as const;
