/**
 * The RAM sharing model (issue 8 section 2; planning/ram-sharing.ts says what RAM does with each
 * combination, with the AWS pages). Every combination that cannot work is an error that says what to
 * set: a share with an organization or OU needs the organization and RAM's organization sharing; an
 * account outside the organization needs a share that allows external principals; and whether accounts
 * of the organization get invitations must be stated, because an accepter without an invitation fails.
 */
import type { Finding } from './findings';
import { formatPath } from './paths';
import { hubOfSpoke } from './resolve';
import type { ValidationContext } from './validate';

const ENABLE = 'run `aws ram enable-sharing-with-aws-organization` in the management account';

export function validateRamSharing({ config, raw }: ValidationContext): Finding[] {
  const findings: Finding[] = [];
  const sharing = config.ramSharing;
  // Accounts that join a share: spoke accounts other than their hub's account, when the hub shares a
  // Route 53 Profile or a transit gateway it creates (an existing one is shared by its owner).
  const sharedAccounts = new Set<string>();
  config.spokes.forEach((spoke) => {
    const hub = hubOfSpoke(config, spoke);
    const sharesTgw = hub?.connectivity === 'transit-gateway' && hub.transitGateway !== undefined && hub.transitGateway.id === undefined;
    if ((hub?.dns === 'route53-profile' || sharesTgw) && hub?.account !== spoke.account) sharedAccounts.add(spoke.account);
  });
  if (!sharing) {
    if (sharedAccounts.size > 0) {
      findings.push({
        severity: 'error',
        code: 'RamSharingMissing',
        path: 'ramSharing',
        message: `is not set, but route53-profile hubs or hubs that create a transit gateway have spokes in other accounts (${[...sharedAccounts].sort().join(', ')}) that can only use the profile or transit gateway through an AWS RAM share`,
        fix: 'add ramSharing: { shareWith: organization } (with organizationArn; needs RAM sharing with AWS Organizations enabled), { shareWith: organizational-units, organizationalUnits: [<OU ARN>] }, or { shareWith: accounts, organizationSharing: enabled | disabled }',
      });
    }
    return findings;
  }
  const byOrganization = sharing.shareWith !== 'accounts';
  if (sharing.shareWith === 'organization' && !config.organizationArn) {
    findings.push({
      severity: 'error',
      code: 'RamOrganizationArnMissing',
      path: 'organizationArn',
      message: 'is not set, but ramSharing.shareWith is organization: RAM needs the organization ARN as the principal',
      fix: 'set organizationArn: arn:aws:organizations::<management account id>:organization/<o-id> (aws organizations describe-organization), or share with accounts',
    });
  }
  if (sharing.shareWith === 'organizational-units' && (sharing.organizationalUnits ?? []).length === 0) {
    findings.push({
      severity: 'error',
      code: 'RamOrganizationalUnitsMissing',
      path: 'ramSharing.organizationalUnits',
      message: 'is not set, but ramSharing.shareWith is organizational-units',
      fix: 'list the OU ARNs that hold the spoke accounts (aws organizations list-organizational-units-for-parent), or choose shareWith: organization',
    });
  }
  if (sharing.shareWith !== 'organizational-units' && sharing.organizationalUnits !== undefined) {
    findings.push({
      severity: 'error',
      code: 'RamOrganizationalUnitsUnused',
      path: 'ramSharing.organizationalUnits',
      value: sharing.organizationalUnits,
      message: `is set, but ramSharing.shareWith is ${sharing.shareWith}: the OUs would never be shared with`,
      fix: 'set shareWith: organizational-units, or remove organizationalUnits',
    });
  }
  const orgId = config.organizationId ?? /\/(o-[a-z0-9]+)$/.exec(config.organizationArn ?? '')?.[1];
  (sharing.organizationalUnits ?? []).forEach((ou, i) => {
    const ouOrg = /:ou\/(o-[a-z0-9]+)\//.exec(ou)?.[1];
    if (orgId !== undefined && ouOrg !== undefined && ouOrg !== orgId) {
      findings.push({
        severity: 'error',
        code: 'RamOrganizationalUnitForeign',
        path: `ramSharing.organizationalUnits.${i}`,
        value: ou,
        message: `is an OU of organization ${ouOrg}, not of ${orgId}: RAM shares only with OUs of the sharing account's organization`,
        fix: `use an OU ARN of ${orgId}`,
      });
    }
  });
  if (byOrganization && sharing.organizationSharing === 'disabled') {
    findings.push({
      severity: 'error',
      code: 'RamOrganizationSharingDisabled',
      path: 'ramSharing.organizationSharing',
      value: 'disabled',
      message: `says RAM sharing with AWS Organizations is disabled, but shareWith ${sharing.shareWith} needs it: until it is enabled RAM accepts only individual accounts as principals`,
      fix: `${ENABLE} and set organizationSharing: enabled, or use shareWith: accounts`,
    });
  }
  const inside = [...sharedAccounts].filter((key) => config.accounts[key] && !config.accounts[key].outsideOrganization).sort();
  if (sharing.shareWith === 'accounts' && sharing.organizationSharing === undefined && inside.length > 0) {
    findings.push({
      severity: 'error',
      code: 'RamOrganizationSharingUnset',
      path: 'ramSharing.organizationSharing',
      message: `is not set: whether accounts of the organization (${inside.join(', ')}) get an invitation to accept depends on it, and accepting an invitation that does not exist fails the apply`,
      fix: 'set organizationSharing: enabled when `aws organizations list-aws-service-access-for-organization` lists ram.amazonaws.com, else disabled (or mark accounts outside the organization with outsideOrganization: true)',
    });
  }
  const outside = [...sharedAccounts].filter((key) => config.accounts[key]?.outsideOrganization).sort();
  if (outside.length > 0 && !sharing.allowExternalPrincipals) {
    findings.push({
      severity: 'error',
      code: 'RamExternalPrincipalsNotAllowed',
      path: 'ramSharing.allowExternalPrincipals',
      value: false,
      message: `is false, but spoke accounts outside the organization (${outside.join(', ')}) must join the share as external principals`,
      fix: 'set allowExternalPrincipals: true, or move those accounts into the organization (and drop outsideOrganization)',
    });
  }
  for (const [key, account] of Object.entries(config.accounts)) {
    if (account.outsideOrganization && !config.organizationId && !config.organizationArn) {
      findings.push({
        severity: 'error',
        code: 'RamOrganizationUnknown',
        path: `${formatPath(['accounts', key], raw)}.outsideOrganization`,
        value: true,
        message: 'is set, but the config names no organization (organizationId or organizationArn) to be outside of',
        fix: 'set organizationId (and organizationArn for shareWith: organization), or remove outsideOrganization',
      });
    }
  }
  return findings;
}
