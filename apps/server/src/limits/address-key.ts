import { isIPv6 } from 'node:net';

const IPV4_MAPPED = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i;
const IPV6_GROUPS = 8;
const PREFIX_GROUPS = 4;

/**
 * The key the limits per address count under, from a client address (Fastify's `request.ip`, or a
 * handshake's address by the same rule). An IPv4 address as it is, also when a dual-stack listener
 * reports it IPv4-mapped (`::ffff:1.2.3.4`). An IPv6 address by its /64: that is the smallest
 * network a provider gives one customer, and one host can pick any of its 2^64 addresses at will,
 * so limits per single IPv6 address would hold nobody.
 */
export function addressKey(ip: string): string {
  const mapped = IPV4_MAPPED.exec(ip);
  if (mapped?.[1]) return mapped[1];
  if (!isIPv6(ip)) return ip;
  return `${ipv6Groups(ip).slice(0, PREFIX_GROUPS).join(':')}::/64`;
}

/** The eight 16-bit groups of a valid IPv6 address, in hex without leading zeros. */
function ipv6Groups(ip: string): string[] {
  const bare = ip.split('%')[0] ?? ip; // a zone id (fe80::1%eth0) names a link, not an address
  const [head = '', tail] = bare.split('::');
  const split = (part: string) => (part === '' ? [] : part.split(':'));
  const headGroups = split(head);
  const tailGroups = tail === undefined ? [] : split(tail);
  // A trailing dotted IPv4 part (::1.2.3.4) stands for two groups; it only ever sits in the last 32 bits.
  const tailSize = tailGroups.reduce((size, group) => size + (group.includes('.') ? 2 : 1), 0);
  const zeros = Array.from({ length: IPV6_GROUPS - headGroups.length - tailSize }, () => '0');
  return [...headGroups, ...zeros, ...tailGroups].map((group) =>
    group.includes('.') ? group : Number.parseInt(group, 16).toString(16),
  );
}
