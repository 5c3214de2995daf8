/**
 * Region names: a misspelling or a region AWS never opened is an error, a region newer than the catalogue a warning;
 * AZ ids are checked against the region by their prefix.
 */
import { knownRegions } from '../../src/catalogue/catalogue';
import { AWS_REGIONS } from '../../src/catalogue/regions';
import { regionStatus } from '../../src/config/validate-regions';
import { azIdPrefix } from '../../src/config/validate-vpcs';

describe('regionStatus', () => {
  it.each([
    ['us-east-1', 'catalogued'],
    ['ap-southeast-5', 'newer'],
    ['mx-central-1', 'newer'],
    ['ca-west-1', 'newer'],
    ['us-gov-west-1', 'newer'],
    ['cn-north-1', 'newer'],
    ['ap-southeast-7', 'newer'],
    ['us-east-7', 'nonexistent'],
    ['eu-central-9', 'nonexistent'],
    ['ap-northwest-1', 'nonexistent'],
    ['us-esat-1', 'misspelled'],
    ['eu-wset-1', 'misspelled'],
    ['ue-east-1', 'misspelled'],
    ['us-east-northern-1', 'misspelled'],
  ])('%s is %s', (region, status) => {
    expect(regionStatus(region)).toBe(status);
  });

  it('knows every catalogued region', () => {
    for (const r of knownRegions()) expect(regionStatus(r)).toBe('catalogued');
  });

  it('lists every catalogued region among the regions AWS has', () => {
    expect(knownRegions().filter((r) => !AWS_REGIONS.includes(r))).toEqual([]);
  });
});

describe('azIdPrefix', () => {
  it.each([
    ['us-east-1', 'use1'],
    ['us-west-2', 'usw2'],
    ['eu-central-1', 'euc1'],
    ['eu-north-1', 'eun1'],
    ['ap-northeast-3', 'apne3'],
    ['ap-southeast-2', 'apse2'],
    ['ap-south-1', 'aps1'],
    ['sa-east-1', 'sae1'],
    ['ca-central-1', 'cac1'],
    ['us-gov-west-1', 'usgw1'],
  ])('%s has AZ ids %s-az<n>', (region, prefix) => {
    expect(azIdPrefix(region)).toBe(prefix);
  });
});
