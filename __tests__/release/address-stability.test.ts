/**
 * Resource addresses stay stable across versions (issue 19): every shipped config synthesizes at least
 * the addresses the previous release did (__tests__/fixtures/addresses/, scripts/address-snapshots.ts),
 * or a moved block carries each one forward. A new example has no snapshot until the next release.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { lostAddresses, lostAddressesMessage, shippedConfigs, SNAPSHOT_DIR, snapshotFile, synthesizedAddresses, type AddressSnapshot } from '../../scripts/address-snapshots';

const snapshotted = shippedConfigs().filter((c) => existsSync(snapshotFile(c)));
const read = (config: string) => JSON.parse(readFileSync(snapshotFile(config), 'utf8')) as AddressSnapshot;

describe('resource addresses against the previous release', () => {
  it('has a snapshot for the shipped config and the examples, and none for a config that is gone', () => {
    expect(snapshotted).toContain('vpce-hub.yaml');
    expect(snapshotted.length).toBeGreaterThanOrEqual(8);
    const known = new Set(shippedConfigs().map((c) => path.basename(snapshotFile(c))));
    expect(readdirSync(SNAPSHOT_DIR).filter((f) => !known.has(f))).toEqual([]);
  });

  it.each(snapshotted)('%s keeps every address of the previous release (or moves it)', (config) => {
    const snapshot = read(config);
    expect(snapshot.config).toBe(config);
    const lost = lostAddresses(snapshot, synthesizedAddresses(config));
    if (lost.length > 0) throw new Error(lostAddressesMessage(snapshot, lost));
  });
});

describe('the comparison', () => {
  const snapshot: AddressSnapshot = { config: 'vpce-hub.yaml', release: '0.2.0', stacks: { network: ['aws_vpc.hub_main', 'aws_subnet.hub_main_a'], payments: ['aws_route.x'] } };

  it('accepts the same addresses and new ones', () => {
    expect(lostAddresses(snapshot, { stacks: { network: ['aws_vpc.hub_main', 'aws_subnet.hub_main_a', 'aws_subnet.hub_main_b'], payments: ['aws_route.x'] }, moved: {} })).toEqual([]);
  });

  it('reports a renamed address, unless a moved block in its stack carries it to an address that exists', () => {
    const renamed = { network: ['aws_vpc.hub_core', 'aws_subnet.hub_main_a'], payments: ['aws_route.x'] };
    const lost = lostAddresses(snapshot, { stacks: renamed, moved: {} });
    expect(lost).toEqual([{ stack: 'network', address: 'aws_vpc.hub_main', stackGone: false }]);
    expect(lostAddressesMessage(snapshot, lost)).toMatch(/destroy them[\s\S]*network\/aws_vpc\.hub_main[\s\S]*moved block[\s\S]*CHANGELOG\.md/);
    expect(lostAddresses(snapshot, { stacks: renamed, moved: { network: [{ from: 'aws_vpc.hub_main', to: 'aws_vpc.hub_core' }] } })).toEqual([]);
    expect(lostAddresses(snapshot, { stacks: renamed, moved: { payments: [{ from: 'aws_vpc.hub_main', to: 'aws_vpc.hub_core' }] } })).toHaveLength(1);
  });

  it('reports a stack that is gone as a whole', () => {
    const lost = lostAddresses(snapshot, { stacks: { network: snapshot.stacks.network }, moved: {} });
    expect(lost).toEqual([{ stack: 'payments', address: 'aws_route.x', stackGone: true }]);
    expect(lostAddressesMessage(snapshot, lost)).toContain('Stacks gone (their state would be orphaned): payments.');
  });
});
