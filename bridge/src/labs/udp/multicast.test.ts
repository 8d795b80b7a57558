import { describe, expect, it } from 'vitest';
import { isMulticastGroup, multicastRefusal } from './multicast.ts';

describe('multicast helpers', () => {
  it('accepts only IPv4 multicast groups', () => {
    expect(isMulticastGroup('226.1.1.1')).toBe(true);
    expect(isMulticastGroup('224.0.0.1')).toBe(true);
    expect(isMulticastGroup('239.255.255.255')).toBe(true);
    for (const g of ['127.0.0.1', '223.255.255.255', '240.0.0.1', 'ff02::1', 'example.com']) expect(isMulticastGroup(g), g).toBe(false);
  });

  it('says why the kernel refused a membership, as Python would word the error', () => {
    const msg = multicastRefusal(Object.assign(new Error('addMembership ENODEV'), { code: 'ENODEV' }));
    expect(msg).toMatch(/^multicast is not available here: IP_ADD_MEMBERSHIP failed with OSError: ENODEV: addMembership ENODEV: the loopback interface has no multicast support/);
  });
});
