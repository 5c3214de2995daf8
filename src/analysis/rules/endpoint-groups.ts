/**
 * The security-group rules the VH-SG rules judge: those of ordinary groups (the endpoints' groups).
 * Rules on a VPC's default security group are all wrong, whatever they say: VH-VPC-001 reports them.
 */
import { securityGroupRules, type SgRule } from '../security-group-rules';
import type { SynthTree } from '../tree';

export function endpointGroupRules(tree: SynthTree): SgRule[] {
  return securityGroupRules(tree).filter((r) => r.group?.type !== 'aws_default_security_group');
}
