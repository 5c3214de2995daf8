/**
 * VH-RAM-001: an aws_ram_resource_share_accepter only where RAM sends an invitation. RAM invites an
 * account only when the share names it individually (an account principal); an organization or OU
 * principal reaches its accounts without one, and an accepter then fails at apply ("No RAM Resource
 * Share ... invitation found": hashicorp/terraform issue 32068,
 * https://docs.aws.amazon.com/ram/latest/userguide/working-with-shared-invitations.html).
 */
import { resourceAccount } from '../accounts';
import { identityOf, resolveExpression, resourcesOfType } from '../tree';
import { defineRule, type Violation } from './rule';

export const ramAccepterHasInvitation = defineRule(
  {
    id: 'VH-RAM-001',
    severity: 'error',
    summary: 'A RAM share accepter accepts a share that names its account as a principal',
    explanation:
      'AWS RAM sends an invitation only to an account a share names individually; accounts reached through an organization or ' +
      'OU principal (with RAM sharing with AWS Organizations enabled) get access without one, and accepting an invitation that ' +
      'does not exist fails the apply half-way. The principal association must be for the accepter\'s own account. Whether an ' +
      'account principal inside an organization with sharing enabled gets an invitation depends on the organization, which the ' +
      'config states (ramSharing.organizationSharing) and validate checks.',
  },
  (tree) => {
    const out: Violation[] = [];
    const principals = resourcesOfType(tree, 'aws_ram_principal_association').map((pa) => ({
      share: identityOf(resolveExpression(tree, pa.stack, pa.body.resource_share_arn)),
      principal: resolveExpression(tree, pa.stack, pa.body.principal),
    }));
    for (const accepter of resourcesOfType(tree, 'aws_ram_resource_share_accepter')) {
      const share = identityOf(resolveExpression(tree, accepter.stack, accepter.body.share_arn));
      const account = resourceAccount(tree, accepter);
      if (share === undefined || account === undefined) continue;
      const named = principals.some((p) => p.share === share && p.principal.kind === 'literal' && p.principal.value === account);
      if (!named) {
        out.push({
          stack: accepter.stack,
          resource: accepter.address,
          message: `no aws_ram_principal_association names account ${account} on this share, so RAM sends it no invitation to accept`,
        });
      }
    }
    return out;
  },
);
