import { isIPv6 } from 'node:net';

/**
 * The key a client address is counted under by every per-address limit: IPv4 as is, an
 * IPv4-mapped IPv6 address (`::ffff:192.0.2.1`) as its IPv4 address, and IPv6 by its /64
 * prefix, since one client (or one venue router) usually holds a whole /64 and could
 * otherwise take a fresh address for each attempt. Anything else (`unknown`) is its own key.
 */
export function addressKey(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1]!;
  const bare = address.split('%')[0]!; // a zone id (`fe80::1%eth0`) names an interface, not a host
  if (!isIPv6(bare)) return address;
  const [head = '', tail = ''] = bare.split('::');
  const left = head ? head.split(':') : [];
  const right = bare.includes('::') && tail ? tail.split(':') : [];
  const groups = bare.includes('::')
    ? [...left, ...new Array<string>(8 - left.length - right.length).fill('0'), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((group) => parseInt(group, 16).toString(16))
    .join(':')}::/64`;
}
