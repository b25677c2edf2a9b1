import { describe, expect, it } from 'vitest';
import { addressKey } from './address-key.js';

describe('addressKey', () => {
  it('keeps an IPv4 address, also when a dual-stack listener maps it into IPv6', () => {
    expect(addressKey('127.0.0.2')).toBe('127.0.0.2');
    expect(addressKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(addressKey('::FFFF:203.0.113.7')).toBe('203.0.113.7');
  });

  it('counts an IPv6 host by its /64, however the address is written', () => {
    const key = '2001:db8:0:12::/64';
    expect(addressKey('2001:db8:0:12::1')).toBe(key);
    expect(addressKey('2001:0db8:0000:0012:ffff:ffff:ffff:ffff')).toBe(key);
    expect(addressKey('2001:db8::12:0:0:0:9')).toBe(key);
    expect(addressKey('2001:db8:0:13::1')).not.toBe(key);
  });

  it('reads the compressed and special forms of IPv6', () => {
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
    expect(addressKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(addressKey('64:ff9b::192.0.2.33')).toBe('64:ff9b:0:0::/64');
    expect(addressKey('2001:db8:1:2:3::')).toBe('2001:db8:1:2::/64');
  });

  it('leaves anything else as it is (a socket whose address is already gone)', () => {
    expect(addressKey('')).toBe('');
  });
});
