/**
 * The security-group rules the VH-SG rules judge: those of ordinary groups (the endpoints' groups).
 * Rules on a VPC's default security group are all wrong, whatever they say: VH-VPC-001 reports them.
 */
import { securityGroupRules, type SgRule } from '../security-group-rules';
import { resolveReferencesIn, resourcesOfType, type SynthTree } from '../tree';

export function endpointGroupRules(tree: SynthTree): SgRule[] {
  // Groups of Route 53 Resolver endpoints admit DNS, not HTTPS: VH-TGW-003 judges them.
  const resolverGroups = resolverGroupIdentities(tree);
  return securityGroupRules(tree).filter((r) => r.group?.type !== 'aws_default_security_group' && !(r.group && resolverGroups.has(`${r.group.stack}/${r.group.address}`)));
}

/** `stack/address` of every security group a Route 53 Resolver endpoint names. */
export function resolverGroupIdentities(tree: SynthTree): Set<string> {
  const out = new Set<string>();
  for (const e of resourcesOfType(tree, 'aws_route53_resolver_endpoint')) {
    for (const r of resolveReferencesIn(tree, e.stack, e.body.security_group_ids)) {
      if (r.kind === 'resource') out.add(`${r.resource.stack}/${r.resource.address}`);
    }
  }
  return out;
}


