import { readFileSync } from 'node:fs';
import path from 'node:path';
import { RULES } from '../../src/analysis/rules';
import { noAutoAcceptAcross, peeringAccepted } from '../../src/analysis/rules/peering-accept';
import { authorizationUsed, crossAccountAssociationAuthorized, peeredVpcsAssociated } from '../../src/analysis/rules/zone-association';
import { buildTree } from '../../src/analysis/tree';
import { PROJECT_ROOT, synthText } from '../support/synth';
import { body, EXAMPLES, example, flagged, messages, mutated, namesOf, removeResource, SHIPPED, type Stacks } from './support/trees';

const { stacks, tree } = example(SHIPPED);
const SQS_ZONE = 'aws_route53_zone.hub_main_sqs_us-east-1_amazonaws_com';
const PAYMENTS_SQS = 'aws_route53_zone_association.spoke_payments-prod_sqs_us-east-1_amazonaws_com';
const AUTH_PAYMENTS_SQS = 'aws_route53_vpc_association_authorization.hub_main_sqs_us-east-1_amazonaws_com_for_payments-prod';
const EXISTING = 'examples/existing-hub-vpc/vpce-hub.yaml';
const CROSS_REGION = 'examples/cross-region-cloud/vpce-hub.yaml';

/** The shipped example in route53-profile mode: zones shared through one profile, no per-zone associations. */
function profileMode(): Stacks {
  const yaml = readFileSync(path.join(PROJECT_ROOT, SHIPPED), 'utf8').replace('dns: private-hosted-zones', 'dns: route53-profile')
    .concat('ramSharing: { shareWith: accounts, organizationSharing: enabled }\n');
  const s = synthText(yaml);
  s.cleanup();
  return s.stacks as unknown as Stacks;
}

describe('VH-DNS-007 cross-account associations are authorized by the zone\'s account', () => {
  it('passes the shipped example and every example (same-account spokes need no authorization)', () => {
    expect(flagged(crossAccountAssociationAuthorized, tree)).toEqual([]);
    for (const file of EXAMPLES) expect(flagged(crossAccountAssociationAuthorized, example(file).tree)).toEqual([]);
    expect(namesOf(example(EXISTING).stacks, 'network-spokes', 'aws_route53_zone_association').length).toBeGreaterThan(0);
  });

  it('flags an association whose authorization is missing, naming the zone and the VPC', () => {
    const t = mutated(stacks, (s) => removeResource(s, 'payments', AUTH_PAYMENTS_SQS));
    expect(flagged(crossAccountAssociationAuthorized, t)).toEqual([`payments/${PAYMENTS_SQS}`]);
    expect(messages(crossAccountAssociationAuthorized, t)[0]).toContain('associates vpc-0a1b2c3d4e5f67890 with sqs.us-east-1.amazonaws.com (network/aws_route53_zone.hub_main_sqs_us-east-1_amazonaws_com) across accounts');
  });

  it('flags an authorization for another VPC or another region', () => {
    expect(flagged(crossAccountAssociationAuthorized, mutated(stacks, (s) => (body(s, 'payments', AUTH_PAYMENTS_SQS).vpc_id = 'vpc-0c1d2e3f4a5b67890')))).toEqual([`payments/${PAYMENTS_SQS}`]);
    expect(flagged(crossAccountAssociationAuthorized, mutated(stacks, (s) => (body(s, 'payments', AUTH_PAYMENTS_SQS).vpc_region = 'us-west-2')))).toEqual([`payments/${PAYMENTS_SQS}`]);
  });
});

describe('VH-DNS-008 every peered VPC is associated with each of the hub\'s zones', () => {
  it('passes the shipped example and every example', () => {
    expect(flagged(peeredVpcsAssociated, tree)).toEqual([]);
    for (const file of EXAMPLES) expect(flagged(peeredVpcsAssociated, example(file).tree)).toEqual([]);
  });

  it('flags the zone a peered spoke is not associated with', () => {
    const t = mutated(stacks, (s) => removeResource(s, 'payments', PAYMENTS_SQS));
    expect(flagged(peeredVpcsAssociated, t)).toEqual([`network/${SQS_ZONE}`]);
    expect(messages(peeredVpcsAssociated, t)).toEqual(['sqs.us-east-1.amazonaws.com is not associated with vpc-0a1b2c3d4e5f67890 (peered through payments/aws_vpc_peering_connection.hub_main_to_payments-prod)']);
  });

  it('flags a same-stack spoke of an existing hub VPC', () => {
    const ex = example(EXISTING);
    const t = mutated(ex.stacks, (s) => removeResource(s, 'network-spokes', 'aws_route53_zone_association.spoke_tooling_logs_us-east-2_amazonaws_com'));
    expect(flagged(peeredVpcsAssociated, t)).toEqual(['network/aws_route53_zone.hub_shared_logs_us-east-2_amazonaws_com']);
  });
});

describe('VH-DNS-009 no authorization without its association', () => {
  it('passes the shipped example and every example', () => {
    expect(flagged(authorizationUsed, tree)).toEqual([]);
    for (const file of EXAMPLES) expect(flagged(authorizationUsed, example(file).tree)).toEqual([]);
  });

  it('warns about an authorization nobody uses', () => {
    const t = mutated(stacks, (s) => removeResource(s, 'payments', PAYMENTS_SQS));
    expect(authorizationUsed.check(t)).toEqual([expect.objectContaining({ severity: 'warning', stack: 'payments', resource: AUTH_PAYMENTS_SQS })]);
  });
});

describe('route53-profile mode (spokes associate with a profile, not with each zone)', () => {
  const profile = profileMode();
  const profileTree = buildTree(profile);

  it('has no per-zone associations or authorizations, and passes every rule', () => {
    expect(namesOf(profile, 'payments', 'aws_route53_zone_association')).toEqual([]);
    expect(namesOf(profile, 'payments', 'aws_route53_vpc_association_authorization')).toEqual([]);
    const errors = RULES.flatMap((r) => r.check(profileTree)).filter((f) => f.severity === 'error');
    expect(errors).toEqual([]);
  });

  it('flags every zone when a spoke VPC loses its profile association', () => {
    const t = mutated(profile, (s) => removeResource(s, 'payments', 'aws_route53profiles_association.spoke_payments-prod'));
    expect(flagged(peeredVpcsAssociated, t)).toHaveLength(namesOf(profile, 'network', 'aws_route53_zone').length);
  });

  it('flags a zone the profile does not hold', () => {
    const t = mutated(profile, (s) => removeResource(s, 'network', 'aws_route53profiles_resource_association.hub_main_sqs_us-east-1_amazonaws_com'));
    expect(flagged(peeredVpcsAssociated, t)).toEqual([`network/${SQS_ZONE}`]);
  });
});

describe('VH-PCX-001 every peering request is accepted by the right side', () => {
  it('passes the shipped example and every example (auto-accepted, same-stack and cross-region accepters)', () => {
    expect(flagged(peeringAccepted, tree)).toEqual([]);
    for (const file of EXAMPLES) expect(flagged(peeringAccepted, example(file).tree)).toEqual([]);
  });

  it('flags a cross-account request that no accepter refers to', () => {
    const t = mutated(stacks, (s) => removeResource(s, 'payments', 'aws_vpc_peering_connection_accepter.spoke_payments-prod'));
    expect(messages(peeringAccepted, t)).toEqual(['the peer (account 222222222222) must accept, but no aws_vpc_peering_connection_accepter in any stack refers to this request']);
    expect(flagged(peeringAccepted, t)).toEqual(['payments/aws_vpc_peering_connection.hub_main_to_payments-prod']);
  });

  it('flags an accepter that runs in another account than the peer', () => {
    // The hub-side provider of the same stack acts in the hub's account, not the peer's.
    const t = mutated(stacks, (s) => (body(s, 'payments', 'aws_vpc_peering_connection_accepter.spoke_payments-prod').provider = 'aws.hub_network_us_east_1'));
    expect(messages(peeringAccepted, t)).toEqual(['accepts payments/aws_vpc_peering_connection.hub_main_to_payments-prod from account 111111111111, but the peer is account 222222222222']);
  });

  it('flags a cross-region accepter in the hub\'s region instead of the peer\'s', () => {
    const ex = example(CROSS_REGION);
    const t = mutated(ex.stacks, (s) => (body(s, 'web', 'aws_vpc_peering_connection_accepter.spoke_web-paris').provider = 'aws.eu_central_1'));
    expect(messages(peeringAccepted, t)).toEqual(['accepts web/aws_vpc_peering_connection.hub_central_to_web-paris in region eu-central-1, but the peer VPC is in eu-west-3']);
  });

  it('flags a same-account, same-region request that is neither auto-accepted nor accepted', () => {
    const ex = example(EXISTING);
    const t = mutated(ex.stacks, (s) => delete body(s, 'network-spokes', 'aws_vpc_peering_connection.hub_shared_to_tooling').auto_accept);
    expect(flagged(peeringAccepted, t)).toEqual(['network-spokes/aws_vpc_peering_connection.hub_shared_to_tooling']);
  });
});

describe('VH-PCX-002 no auto_accept across accounts or regions', () => {
  it('passes the shipped example and every example (auto_accept only on the same-account, same-region spoke)', () => {
    expect(flagged(noAutoAcceptAcross, tree)).toEqual([]);
    for (const file of EXAMPLES) expect(flagged(noAutoAcceptAcross, example(file).tree)).toEqual([]);
  });

  it('flags auto_accept on a cross-account request', () => {
    const t = mutated(stacks, (s) => (body(s, 'payments', 'aws_vpc_peering_connection.hub_main_to_payments-prod').auto_accept = true));
    expect(messages(noAutoAcceptAcross, t)).toEqual(['auto_accept is true on a request to account 222222222222']);
  });

  it('flags auto_accept on a same-account request to another region', () => {
    const ex = example(EXISTING);
    const t = mutated(ex.stacks, (s) => (body(s, 'network-spokes', 'aws_vpc_peering_connection.hub_shared_to_tooling-west').auto_accept = true));
    expect(messages(noAutoAcceptAcross, t)).toEqual(['auto_accept is true on a request to region us-west-2']);
  });
});
