/** Which address family an endpoint ingress rule admits: AWS counts a security group's IPv4 and IPv6 rules separately. */
import { cidrFamily } from './cidr6';
import type { IngressRulePlan } from './plan';

export const ruleFamily = (rule: IngressRulePlan): 'ipv4' | 'ipv6' => (rule.from === 'hub-vpc-ipv6' ? 'ipv6' : cidrFamily(rule.cidr));
