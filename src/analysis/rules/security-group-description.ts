/** VH-SG-001: every endpoint security group and every one of its rules says what it is for. */
import { str } from '../json-value';
import { ruleWhere } from '../security-group-rules';
import { resourcesOfType } from '../tree';
import { endpointGroupRules } from './endpoint-groups';
import { defineRule, type Violation } from './rule';

/** What the provider writes when `description` is left out: as good as none. */
const PROVIDER_DEFAULT = 'Managed by Terraform';

export const sgDescriptions = defineRule(
  {
    id: 'VH-SG-001',
    severity: 'error',
    summary: 'Security groups and each of their rules have a description',
    explanation:
      'Reviewers and incident responders read descriptions to tell a deliberate opening from a mistake (checkov CKV_AWS_23). ' +
      'A group description cannot be changed without replacing the group, so it has to be right at creation.',
  },
  (tree) => {
    const out: Violation[] = [];
    for (const sg of resourcesOfType(tree, 'aws_security_group')) {
      const d = str(sg.body, 'description')?.trim();
      if (!d || d === PROVIDER_DEFAULT) out.push({ stack: sg.stack, resource: sg.address, message: 'the security group has no description' });
    }
    for (const rule of endpointGroupRules(tree)) {
      if (!rule.description?.trim()) out.push({ stack: rule.holder.stack, resource: rule.holder.address, message: `${ruleWhere(rule)} has no description` });
    }
    return out;
  },
);
