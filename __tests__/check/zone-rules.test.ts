import { configFacts } from '../../src/analysis/config-facts';
import { zoneAliasMatchesService } from '../../src/analysis/rules/zone-alias';
import { zoneApexRecord, zoneIgnoresVpcChanges, zoneNoForceDestroy, zonePrivateWithHubVpc, zoneWildcardRecord } from '../../src/analysis/rules/zone-shape';
import { buildTree } from '../../src/analysis/tree';
import { parseConfigText } from '../../src/config/load';
import { synthText } from '../support/synth';
import { body, EXAMPLES, example, flagged, messages, mutated, removeResource, SHIPPED, type Stacks } from './support/trees';

const { stacks, tree } = example(SHIPPED);
const SQS_ZONE = 'aws_route53_zone.hub_main_sqs_us-east-1_amazonaws_com';
const SQS_APEX = 'aws_route53_record.hub_main_sqs_us-east-1_amazonaws_com_apex';
const DKR_ZONE = 'aws_route53_zone.hub_main_dkr_ecr_us-east-1_amazonaws_com';

/** Points the sqs zone's apex alias at another endpoint attribute. */
function aliasTo(s: Stacks, name: string, zoneId: string): void {
  body(s, 'network', SQS_APEX).alias = { evaluate_target_health: true, name, zone_id: zoneId };
}

describe('VH-DNS-001 every zone has its apex alias record', () => {
  it('passes the shipped example and every example', () => {
    expect(flagged(zoneApexRecord, tree)).toEqual([]);
    for (const file of EXAMPLES) expect(flagged(zoneApexRecord, example(file).tree)).toEqual([]);
  });

  it('accepts the apex written with a trailing dot, in upper case, or as an empty relative name', () => {
    for (const name of ['SQS.us-east-1.amazonaws.com.', '']) {
      expect(flagged(zoneApexRecord, mutated(stacks, (s) => (body(s, 'network', SQS_APEX).name = name)))).toEqual([]);
    }
  });

  it('flags a zone whose apex record is missing', () => {
    expect(flagged(zoneApexRecord, mutated(stacks, (s) => removeResource(s, 'network', SQS_APEX)))).toEqual([`network/${SQS_ZONE}`]);
  });

  it('flags a zone whose apex record is not an alias', () => {
    const t = mutated(stacks, (s) => {
      const r = body(s, 'network', SQS_APEX);
      delete r.alias;
      r.records = ['10.0.0.10'];
      r.ttl = 300;
    });
    expect(flagged(zoneApexRecord, t)).toEqual([`network/${SQS_ZONE}`]);
  });
});

describe('VH-DNS-002 zones are private, with the endpoints\' VPC inline', () => {
  it('passes the shipped example and every example (an existing hub VPC is written inline by id)', () => {
    expect(flagged(zonePrivateWithHubVpc, tree)).toEqual([]);
    for (const file of EXAMPLES) expect(flagged(zonePrivateWithHubVpc, example(file).tree)).toEqual([]);
  });

  it('flags a zone without vpc blocks as public', () => {
    expect(messages(zonePrivateWithHubVpc, mutated(stacks, (s) => delete body(s, 'network', SQS_ZONE).vpc))).toEqual(['sqs.us-east-1.amazonaws.com has no inline vpc block: it is a public hosted zone']);
  });

  it('flags a zone whose inline VPC is not the VPC of the endpoint it aliases', () => {
    const t = mutated(stacks, (s) => (body(s, 'network', SQS_ZONE).vpc = [{ vpc_id: 'vpc-0a1b2c3d4e5f67890', vpc_region: 'us-east-1' }]));
    expect(messages(zonePrivateWithHubVpc, t)).toEqual(["aliases aws_vpc_endpoint.hub_main_sqs, but that endpoint's VPC is not among the zone's inline vpc blocks"]);
  });
});

describe('VH-DNS-003 zones ignore changes to vpc', () => {
  it('passes the shipped example, and ignore_changes = all', () => {
    expect(flagged(zoneIgnoresVpcChanges, tree)).toEqual([]);
    expect(flagged(zoneIgnoresVpcChanges, mutated(stacks, (s) => (body(s, 'network', SQS_ZONE).lifecycle = { ignore_changes: 'all' })))).toEqual([]);
  });

  it('flags a zone without the lifecycle, or ignoring something else', () => {
    expect(flagged(zoneIgnoresVpcChanges, mutated(stacks, (s) => delete body(s, 'network', SQS_ZONE).lifecycle))).toEqual([`network/${SQS_ZONE}`]);
    expect(flagged(zoneIgnoresVpcChanges, mutated(stacks, (s) => (body(s, 'network', SQS_ZONE).lifecycle = { ignore_changes: ['tags'] })))).toEqual([`network/${SQS_ZONE}`]);
  });
});

describe('VH-DNS-004 zones cannot be force-destroyed', () => {
  it('passes the shipped example, and an explicit false', () => {
    expect(flagged(zoneNoForceDestroy, tree)).toEqual([]);
    expect(flagged(zoneNoForceDestroy, mutated(stacks, (s) => (body(s, 'network', SQS_ZONE).force_destroy = false)))).toEqual([]);
  });

  it('flags force_destroy = true', () => {
    expect(flagged(zoneNoForceDestroy, mutated(stacks, (s) => (body(s, 'network', SQS_ZONE).force_destroy = true)))).toEqual([`network/${SQS_ZONE}`]);
  });
});

describe('VH-DNS-005 alias records target the regional entry of the endpoint of the zone\'s own service', () => {
  it('passes the shipped example (ecr.api serves api.ecr.<region>) and every example (s3 and kinesis serve several zones)', () => {
    expect(flagged(zoneAliasMatchesService, tree)).toEqual([]);
    for (const file of EXAMPLES) expect(flagged(zoneAliasMatchesService, example(file).tree)).toEqual([]);
  });

  it('flags a zone that aliases another service\'s endpoint', () => {
    const t = mutated(stacks, (s) => aliasTo(s, '${aws_vpc_endpoint.hub_main_sts.dns_entry[0].dns_name}', '${aws_vpc_endpoint.hub_main_sts.dns_entry[0].hosted_zone_id}'));
    expect(messages(zoneAliasMatchesService, t)).toEqual(['zone sqs.us-east-1.amazonaws.com aliases aws_vpc_endpoint.hub_main_sts (com.amazonaws.us-east-1.sts), which serves sts.us-east-1.amazonaws.com']);
  });

  it('flags a zonal DNS entry instead of the regional one', () => {
    const t = mutated(stacks, (s) => aliasTo(s, '${aws_vpc_endpoint.hub_main_sqs.dns_entry[1].dns_name}', '${aws_vpc_endpoint.hub_main_sqs.dns_entry[1].hosted_zone_id}'));
    expect(messages(zoneAliasMatchesService, t)).toEqual([
      'alias.name uses aws_vpc_endpoint.hub_main_sqs.dns_entry[1].dns_name instead of dns_entry[0].dns_name',
      'alias.zone_id uses aws_vpc_endpoint.hub_main_sqs.dns_entry[1].hosted_zone_id instead of dns_entry[0].hosted_zone_id',
    ]);
  });

  it('flags name and zone_id taken from two different endpoints', () => {
    const t = mutated(stacks, (s) => aliasTo(s, '${aws_vpc_endpoint.hub_main_sqs.dns_entry[0].dns_name}', '${aws_vpc_endpoint.hub_main_sts.dns_entry[0].hosted_zone_id}'));
    expect(messages(zoneAliasMatchesService, t)).toEqual(['alias.name uses aws_vpc_endpoint.hub_main_sqs but alias.zone_id uses aws_vpc_endpoint.hub_main_sts']);
  });

  it('flags an alias to something that is not an endpoint', () => {
    const t = mutated(stacks, (s) => aliasTo(s, 'internal-lb-123.us-east-1.elb.amazonaws.com', 'Z35SXDOTRQ7X7K'));
    expect(flagged(zoneAliasMatchesService, t)).toEqual([`network/${SQS_APEX}`, `network/${SQS_APEX}`]);
  });

  describe('a custom service the catalogue lacks', () => {
    const yaml = `
accounts: { network: { id: "111111111111" } }
hubs:
  - name: main
    account: network
    region: us-east-1
    vpc: { cidr: 10.0.0.0/22, availabilityZones: [us-east-1a, us-east-1b] }
    services: [{ name: mystery, privateDnsNames: ["mystery.{region}.example.com"] }]
`;
    const s = synthText(yaml);
    s.cleanup();
    const custom = buildTree(s.stacks);
    const facts = configFacts(parseConfigText(yaml).config);

    it('cannot be verified from the tree alone, and says so', () => {
      expect(messages(zoneAliasMatchesService, custom)).toEqual([
        'aws_vpc_endpoint.hub_main_mystery has service_name com.amazonaws.us-east-1.mystery, which neither the catalogue nor the config knows: cannot verify that it serves mystery.us-east-1.example.com',
      ]);
    });

    it('is verified with the config\'s private DNS names', () => {
      expect(flagged(zoneAliasMatchesService, custom, facts)).toEqual([]);
    });
  });
});

describe('VH-DNS-006 wildcard zones have the * record', () => {
  it('passes the shipped example (ecr.dkr) and every example (s3, kinesis, execute-api)', () => {
    expect(flagged(zoneWildcardRecord, tree)).toEqual([]);
    for (const file of EXAMPLES) expect(flagged(zoneWildcardRecord, example(file).tree)).toEqual([]);
  });

  it('flags a wildcard zone without its * record', () => {
    const t = mutated(stacks, (s) => removeResource(s, 'network', 'aws_route53_record.hub_main_dkr_ecr_us-east-1_amazonaws_com_wildcard'));
    expect(messages(zoneWildcardRecord, t)).toEqual(['no alias A record for *.dkr.ecr.us-east-1.amazonaws.com: the service is reached under per-resource host names']);
    expect(flagged(zoneWildcardRecord, t)).toEqual([`network/${DKR_ZONE}`]);
  });

  it('knows the zone is a wildcard zone from the catalogue even when no record aliases an endpoint', () => {
    const t = mutated(stacks, (s) => {
      removeResource(s, 'network', 'aws_route53_record.hub_main_dkr_ecr_us-east-1_amazonaws_com_wildcard');
      removeResource(s, 'network', 'aws_route53_record.hub_main_dkr_ecr_us-east-1_amazonaws_com_apex');
    });
    expect(flagged(zoneWildcardRecord, t)).toEqual([`network/${DKR_ZONE}`]);
  });
});
