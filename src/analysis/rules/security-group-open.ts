/** VH-SG-004, VH-SG-005, VH-SG-006: no rule to or from anywhere, and no egress at all on endpoint groups. */
import { isAnywhere } from '../cidr-match';
import { ruleWhere, type SgRule } from '../security-group-rules';
import { endpointGroupRules } from './endpoint-groups';
import { defineRule } from './rule';

const openTo = (r: SgRule): string[] => r.cidrs.filter(isAnywhere);

export const sgNoIngressFromAnywhere = defineRule(
  {
    id: 'VH-SG-004',
    severity: 'error',
    summary: 'No security group ingress rule admits 0.0.0.0/0 or ::/0',
    explanation:
      'An endpoint reachable from anywhere turns the hub into a proxy to AWS APIs for any network that can route to it ' +
      '(trivy AVD-AWS-0107). Only spoke CIDRs need access.',
  },
  (tree) =>
    endpointGroupRules(tree)
      .filter((r) => r.direction === 'ingress' && openTo(r).length > 0)
      .map((r) => ({ stack: r.holder.stack, resource: r.holder.address, message: `${ruleWhere(r)} admits ${openTo(r).join(', ')}` })),
);

export const sgNoEgressToAnywhere = defineRule(
  {
    id: 'VH-SG-005',
    severity: 'error',
    summary: 'No security group egress rule reaches 0.0.0.0/0 or ::/0',
    explanation:
      'Security groups are stateful: replies to the spokes need no egress rule. An egress rule to anywhere lets anything ' +
      'that gets an address in the group send data anywhere (trivy AVD-AWS-0104).',
  },
  (tree) =>
    endpointGroupRules(tree)
      .filter((r) => r.direction === 'egress' && openTo(r).length > 0)
      .map((r) => ({ stack: r.holder.stack, resource: r.holder.address, message: `${ruleWhere(r)} sends to ${openTo(r).join(', ')}` })),
);

export const sgNoEgress = defineRule(
  {
    id: 'VH-SG-006',
    severity: 'warning',
    summary: 'Endpoint security groups carry no egress rules',
    explanation:
      'Endpoint network interfaces never initiate connections, and replies pass a stateful group without egress rules. ' +
      'Any egress rule is unused surface. (Egress to anywhere is VH-SG-005, an error.)',
  },
  (tree) =>
    endpointGroupRules(tree)
      .filter((r) => r.direction === 'egress' && openTo(r).length === 0)
      .map((r) => ({ stack: r.holder.stack, resource: r.holder.address, message: `${ruleWhere(r)} is an egress rule; endpoints need none` })),
);
