/** VH-SG-007: a security group's rules are either all inline or all standalone resources. */
import { has } from '../json-value';
import { groupOfRule, STANDALONE_RULE_TYPES } from '../security-group-rules';
import { resourcesOfType } from '../tree';
import { defineRule, type Violation } from './rule';

export const sgNoMixedRules = defineRule(
  {
    id: 'VH-SG-007',
    severity: 'error',
    summary: 'No security group has both inline ingress/egress and standalone rule resources',
    explanation:
      'The AWS provider treats inline rules as the complete list: every plan removes the standalone rules, every apply ' +
      'of the rule resources adds them back (provider docs of aws_security_group). The result flaps, and for a moment ' +
      'the spokes lose access. vpce-hub uses standalone rules only, so adding a spoke adds a rule instead of rewriting a list.',
  },
  (tree) => {
    const out: Violation[] = [];
    const standalone = STANDALONE_RULE_TYPES.flatMap((t) => resourcesOfType(tree, t));
    for (const sg of resourcesOfType(tree, 'aws_security_group')) {
      if (!has(sg.body, 'ingress') && !has(sg.body, 'egress')) continue;
      const attached = standalone.filter((r) => groupOfRule(tree, r) === sg);
      if (attached.length > 0) {
        const names = attached.map((r) => (r.stack === sg.stack ? r.address : `${r.stack}/${r.address}`)).join(', ');
        out.push({ stack: sg.stack, resource: sg.address, message: `has inline rules and standalone rules (${names}): they overwrite each other on every apply` });
      }
    }
    return out;
  },
);
