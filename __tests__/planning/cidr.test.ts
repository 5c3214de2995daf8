import { blockCount, cidrOf, contains, defaultSubnetPrefix, isPrivateRange, nthSubnet, overlaps, parseCidr } from '../../src/planning/cidr';

describe('parseCidr', () => {
  it.each<[string, string, number, boolean]>([
    ['10.0.0.0/16', '10.0.0.0/16', 16, true],
    ['192.168.10.0/24', '192.168.10.0/24', 24, true],
    ['100.64.0.0/20', '100.64.0.0/20', 20, true],
    ['10.0.0.1/16', '10.0.0.0/16', 16, false],
    ['192.168.1.77/24', '192.168.1.0/24', 24, false],
    ['172.16.5.0/12', '172.16.0.0/12', 12, false],
    ['10.0.0.0/32', '10.0.0.0/32', 32, true],
  ])('reads %s as %s (prefix %i, canonical %s)', (text, canonicalText, prefix, canonical) => {
    const r = parseCidr(text);
    expect(r).toEqual({ ok: true, cidr: { base: expect.any(Number), prefix, text: canonicalText }, canonical, canonicalText });
  });

  it('gives the network address as an unsigned 32-bit integer', () => {
    expect(cidrOf('10.0.0.0/8').base).toBe(10 * 2 ** 24);
    expect(cidrOf('255.255.255.0/24').base).toBe(2 ** 32 - 256);
  });

  it.each([
    ['10.0.0/16', 'three octets'],
    ['10.0.0.0', 'no prefix'],
    ['10.0.0.0/33', 'prefix beyond 32'],
    ['300.0.0.0/8', 'octet beyond 255'],
    ['::/0', 'IPv6'],
    ['fd00::/8', 'IPv6 with prefix'],
    [' 10.0.0.0/16', 'leading space'],
    ['10.0.0.0/16 ', 'trailing space'],
    ['', 'empty'],
    ['ten/8', 'words'],
  ])('rejects %j (%s)', (text) => {
    expect(parseCidr(text)).toEqual({ ok: false, reason: 'is not an IPv4 CIDR like 10.0.0.0/16' });
  });

  it.each(['010.0.0.0/16', '10.010.0.0/16', '10.0.0.0/08'])(
    'rejects %j: a leading zero is octal to some parsers (010 = 8), while AWS receives the text as written',
    (text) => {
      const r = parseCidr(text);
      expect(r.ok).toBe(false);
      expect(r.ok ? '' : r.reason).toMatch(/leading zero/);
    },
  );

  it('accepts a plain 0 octet (only leading zeros of longer numbers are ambiguous)', () => {
    expect(parseCidr('10.0.0.0/16').ok).toBe(true);
    expect(parseCidr('0.0.0.0/0')).toMatchObject({ ok: true, canonical: true });
  });

  it('cidrOf throws on text validation should have rejected', () => {
    expect(() => cidrOf('10.0.0/16')).toThrow(/invalid CIDR 10.0.0\/16/);
  });
});

describe('overlaps', () => {
  it.each<[string, string, boolean]>([
    ['10.0.0.0/16', '10.0.0.0/16', true],
    ['10.0.0.0/16', '10.0.128.0/17', true],
    ['10.0.0.0/8', '10.200.3.0/24', true],
    ['10.0.0.0/22', '10.0.3.240/28', true],
    ['10.0.0.0/16', '10.1.0.0/16', false],
    ['10.0.0.0/22', '10.0.4.0/22', false],
    ['10.0.3.0/24', '10.0.4.0/24', false],
    ['100.64.0.0/20', '10.0.0.0/8', false],
  ])('%s and %s: %s', (a, b, expected) => {
    expect(overlaps(cidrOf(a), cidrOf(b))).toBe(expected);
    expect(overlaps(cidrOf(b), cidrOf(a))).toBe(expected);
  });
});

describe('contains and isPrivateRange', () => {
  it('contains a sub-range and itself, not a super-range or a neighbour', () => {
    expect(contains(cidrOf('10.0.0.0/16'), cidrOf('10.0.4.0/24'))).toBe(true);
    expect(contains(cidrOf('10.0.0.0/16'), cidrOf('10.0.0.0/16'))).toBe(true);
    expect(contains(cidrOf('10.0.4.0/24'), cidrOf('10.0.0.0/16'))).toBe(false);
    expect(contains(cidrOf('10.0.0.0/16'), cidrOf('10.1.0.0/24'))).toBe(false);
  });

  it.each<[string, boolean]>([
    ['10.0.0.0/16', true],
    ['172.16.0.0/12', true],
    ['172.31.255.0/24', true],
    ['192.168.0.0/16', true],
    ['100.64.0.0/10', true],
    ['100.127.0.0/16', true],
    ['172.32.0.0/16', false],
    ['100.128.0.0/16', false],
    ['8.8.8.0/24', false],
    ['0.0.0.0/0', false],
  ])('%s is private: %s', (text, expected) => {
    expect(isPrivateRange(cidrOf(text))).toBe(expected);
  });
});

describe('nthSubnet', () => {
  it.each<[string, number, number, string]>([
    ['10.0.0.0/22', 24, 0, '10.0.0.0/24'],
    ['10.0.0.0/22', 24, 1, '10.0.1.0/24'],
    ['10.0.0.0/22', 24, 3, '10.0.3.0/24'],
    ['10.0.0.0/24', 26, 2, '10.0.0.128/26'],
    ['10.0.0.0/28', 28, 0, '10.0.0.0/28'],
    ['10.255.0.0/16', 24, 255, '10.255.255.0/24'],
  ])('block %3$i of /%2$i in %1$s is %4$s', (parent, prefix, index, expected) => {
    expect(nthSubnet(cidrOf(parent), prefix, index)).toEqual(cidrOf(expected));
  });

  it('refuses a block past the end of the range', () => {
    expect(() => nthSubnet(cidrOf('10.0.0.0/22'), 24, 4)).toThrow('10.0.0.0/22 has only 4 /24 blocks');
  });

  it('refuses a block larger than the range', () => {
    expect(() => nthSubnet(cidrOf('10.0.0.0/22'), 21, 0)).toThrow('/21 does not fit in 10.0.0.0/22');
  });

  it('carves disjoint blocks that stay inside the parent', () => {
    const parent = cidrOf('10.0.0.0/22');
    const blocks = [0, 1, 2, 3].map((i) => nthSubnet(parent, 24, i));
    for (const b of blocks) expect(contains(parent, b)).toBe(true);
    for (let i = 0; i < blocks.length; i++) for (let j = 0; j < i; j++) expect(overlaps(blocks[i], blocks[j])).toBe(false);
  });

  it('counts the blocks of a prefix that fit (0 when the prefix is larger than the range)', () => {
    expect(blockCount(cidrOf('10.0.0.0/22'), 24)).toBe(4);
    expect(blockCount(cidrOf('10.0.0.0/24'), 28)).toBe(16);
    expect(blockCount(cidrOf('10.0.0.0/24'), 24)).toBe(1);
    expect(blockCount(cidrOf('10.0.0.0/24'), 23)).toBe(0);
  });
});

describe('defaultSubnetPrefix: two bits below the hub range (4 AZs), clamped to /24../28', () => {
  it.each<[string, number]>([
    ['10.0.0.0/16', 24],
    ['10.0.0.0/20', 24],
    ['10.0.0.0/22', 24],
    ['10.0.0.0/23', 25],
    ['10.0.0.0/24', 26],
    ['10.0.0.0/26', 28],
    ['10.0.0.0/27', 28],
    ['10.0.0.0/28', 28],
  ])('hub %s -> /%i endpoint subnets', (hub, prefix) => {
    expect(defaultSubnetPrefix(cidrOf(hub))).toBe(prefix);
  });

  it('leaves room for four AZs in every hub range from /16 to /26', () => {
    for (let p = 16; p <= 26; p++) expect(blockCount(cidrOf(`10.0.0.0/${p}`), defaultSubnetPrefix(cidrOf(`10.0.0.0/${p}`)))).toBeGreaterThanOrEqual(4);
  });
});
