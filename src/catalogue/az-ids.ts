/**
 * The AZ ids of the catalogue's regions, from AWS's list of Availability Zones
 * (https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-availability-zones.html, read
 * 2026-11). AZ ids are the same in every account, so an id outside this list does not exist and
 * CreateSubnet would fail at apply. Ids that AWS keeps only for older accounts (usw1-az2, apne1-az3)
 * are listed: they exist for the accounts that have them. Regions outside the catalogue are not
 * checked; a region that opens a new AZ needs a new row here.
 */
export const AZ_IDS: Readonly<Record<string, readonly string[]>> = {
  'ap-northeast-1': ['apne1-az1', 'apne1-az2', 'apne1-az3', 'apne1-az4'],
  'ap-northeast-2': ['apne2-az1', 'apne2-az2', 'apne2-az3', 'apne2-az4'],
  'ap-northeast-3': ['apne3-az1', 'apne3-az2', 'apne3-az3'],
  'ap-south-1': ['aps1-az1', 'aps1-az2', 'aps1-az3'],
  'ap-southeast-1': ['apse1-az1', 'apse1-az2', 'apse1-az3'],
  'ap-southeast-2': ['apse2-az1', 'apse2-az2', 'apse2-az3'],
  'ca-central-1': ['cac1-az1', 'cac1-az2', 'cac1-az4'],
  'eu-central-1': ['euc1-az1', 'euc1-az2', 'euc1-az3'],
  'eu-north-1': ['eun1-az1', 'eun1-az2', 'eun1-az3'],
  'eu-west-1': ['euw1-az1', 'euw1-az2', 'euw1-az3'],
  'eu-west-2': ['euw2-az1', 'euw2-az2', 'euw2-az3'],
  'eu-west-3': ['euw3-az1', 'euw3-az2', 'euw3-az3'],
  'sa-east-1': ['sae1-az1', 'sae1-az2', 'sae1-az3'],
  'us-east-1': ['use1-az1', 'use1-az2', 'use1-az3', 'use1-az4', 'use1-az5', 'use1-az6'],
  'us-east-2': ['use2-az1', 'use2-az2', 'use2-az3'],
  'us-west-1': ['usw1-az1', 'usw1-az2', 'usw1-az3'],
  'us-west-2': ['usw2-az1', 'usw2-az2', 'usw2-az3', 'usw2-az4'],
};

/** The region's AZ ids, or undefined when the table does not cover the region. */
export const azIdsOf = (region: string): readonly string[] | undefined => AZ_IDS[region];
