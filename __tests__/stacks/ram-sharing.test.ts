/**
 * The RAM sharing model of a route53-profile hub (issue 8 section 2), each combination synthesized:
 * where the share's principals go (organization and OU principals in the hub stack, account principals
 * in the spoke account's stack through the hub-side provider), and an accepter exactly where RAM sends
 * an invitation (planning/ram-sharing.ts), never in an organization with RAM sharing enabled.
 */
import type { VpceHubConfigInput } from '../support/arbitraries';
import { config, hub, load, spoke } from '../planning/configs';
import { synthConfig } from '../support/synth';
import type { TerraformJson } from '../support/terraform';
import { namesOf, ofType } from './json';

const ORG_ID = 'o-a1b2c3d4e5';
const ORG_ARN = `arn:aws:organizations::999999999999:organization/${ORG_ID}`;
const OU = `arn:aws:organizations::999999999999:ou/${ORG_ID}/ou-ab12-cd34ef56`;

/** A profile hub in network, spokes in payments (another account) and network (the hub's own). */
function synth(extra: Partial<VpceHubConfigInput>, outside = false): Record<string, TerraformJson> {
  const base = config([hub({ dns: 'route53-profile' })], [spoke('payments-prod', 'payments', 1), spoke('tools', 'network', 2)], { organizationId: ORG_ID, ...extra });
  if (outside) base.accounts = { ...base.accounts, payments: { id: '222222222222', outsideOrganization: true } };
  const s = synthConfig(load(base));
  s.cleanup();
  return s.stacks;
}

interface Expected {
  hubPrincipals: string[];
  allowExternal: boolean;
  accountPrincipal: boolean;
  accepter: boolean;
}

describe.each<[string, Partial<VpceHubConfigInput>, boolean, Expected]>([
  ['the organization (RAM organization sharing enabled)', { organizationArn: ORG_ARN, ramSharing: { shareWith: 'organization' } }, false, { hubPrincipals: [ORG_ARN], allowExternal: false, accountPrincipal: false, accepter: false }],
  ['organizational units', { ramSharing: { shareWith: 'organizational-units', organizationalUnits: [OU] } }, false, { hubPrincipals: [OU], allowExternal: false, accountPrincipal: false, accepter: false }],
  ['accounts, organization sharing enabled (no invitation inside the organization)', { ramSharing: { shareWith: 'accounts', organizationSharing: 'enabled' } }, false, { hubPrincipals: [], allowExternal: false, accountPrincipal: true, accepter: false }],
  ['accounts, organization sharing disabled (every account gets an invitation)', { ramSharing: { shareWith: 'accounts', organizationSharing: 'disabled' } }, false, { hubPrincipals: [], allowExternal: false, accountPrincipal: true, accepter: true }],
  [
    'the organization, with a spoke account outside it (invited as an external principal)',
    { organizationArn: ORG_ARN, ramSharing: { shareWith: 'organization', allowExternalPrincipals: true } },
    true,
    { hubPrincipals: [ORG_ARN], allowExternal: true, accountPrincipal: true, accepter: true },
  ],
  [
    'accounts, organization sharing enabled, a spoke account outside the organization',
    { ramSharing: { shareWith: 'accounts', organizationSharing: 'enabled', allowExternalPrincipals: true } },
    true,
    { hubPrincipals: [], allowExternal: true, accountPrincipal: true, accepter: true },
  ],
])('sharing with %s', (_label, extra, outside, expected) => {
  const stacks = synth(extra, outside);

  it('puts the share, its resource and only organization or OU principals in the hub stack', () => {
    expect(namesOf(stacks.network, 'aws_ram_resource_share')).toEqual(['hub_main_profile']);
    expect(ofType(stacks.network, 'aws_ram_resource_share').hub_main_profile.allow_external_principals).toBe(expected.allowExternal);
    expect(Object.values(ofType(stacks.network, 'aws_ram_principal_association')).map((p) => p.principal)).toEqual(expected.hubPrincipals);
  });

  it('associates the spoke account as its own principal in its stack, through the hub-side provider, only where needed', () => {
    const principals = ofType(stacks.payments, 'aws_ram_principal_association');
    if (!expected.accountPrincipal) {
      expect(principals).toEqual({});
      return;
    }
    expect(principals).toEqual({
      'hub_main_profile_to_payments': {
        provider: 'aws.hub_network_us_east_1',
        principal: '222222222222',
        resource_share_arn: '${data.terraform_remote_state.remote_state_network.outputs.hub_main_profile_share_arn}',
      },
    });
  });

  it(expected.accepter ? 'accepts the invitation once, after the principal association, before the profile association' : 'has no accepter: there is no invitation to accept', () => {
    const accepters = ofType(stacks.payments, 'aws_ram_resource_share_accepter');
    const association = ofType(stacks.payments, 'aws_route53profiles_association')['spoke_payments-prod'];
    if (expected.accepter) {
      expect(accepters).toEqual({
        hub_main_profile: {
          provider: 'aws.us_east_1',
          share_arn: '${data.terraform_remote_state.remote_state_network.outputs.hub_main_profile_share_arn}',
          depends_on: ['aws_ram_principal_association.hub_main_profile_to_payments'],
        },
      });
      expect(association.depends_on).toEqual(['aws_ram_resource_share_accepter.hub_main_profile']);
    } else {
      expect(accepters).toEqual({});
      expect(association.depends_on).toEqual(expected.accountPrincipal ? ['aws_ram_principal_association.hub_main_profile_to_payments'] : undefined);
    }
  });

  it('needs nothing from RAM for the spoke in the hub\'s own account', () => {
    expect(namesOf(stacks['network-spokes'], 'aws_ram_principal_association')).toEqual([]);
    expect(namesOf(stacks['network-spokes'], 'aws_ram_resource_share_accepter')).toEqual([]);
    expect(namesOf(stacks['network-spokes'], 'aws_route53profiles_association')).toEqual(['spoke_tools']);
  });
});

it('shares nothing when only same-account spokes use the profile and no ramSharing is set', () => {
  const s = synthConfig(load(config([hub({ dns: 'route53-profile' })], [spoke('tools', 'network', 2)])));
  s.cleanup();
  expect(namesOf(s.stacks.network, 'aws_ram_resource_share')).toEqual([]);
  expect(s.stacks.network.output).not.toHaveProperty('hub_main_profile_share_arn');
});
