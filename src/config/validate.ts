/**
 * Meaning checks on a structurally valid config. Each validator is a small function that returns
 * findings; this list is the registry (docs/validation.md is generated from it). Config validators see
 * the typed config; plan validators (quotas) run only when those found no error, on the network plan
 * the synth would build, so they count exactly what will be deployed.
 */
import { buildPlan } from '../planning/build-plan';
import type { NetworkPlan } from '../planning/plan';
import { hasErrors, type Finding } from './findings';
import type { VpceHubConfig } from './schema';
import { validateAdopt } from './validate-adopt';
import { validateAwsStrings } from './validate-aws-strings';
import { validateCompanions } from './validate-companions';
import { validateBackend } from './validate-backend';
import { validateDns } from './validate-dns';
import { validateHubSidePolicySize } from './validate-hub-side-policy-size';
import { validateHubSideRole } from './validate-hub-side-role';
import { validateIotData } from './validate-iot-data';
import { validateIpv6 } from './validate-ipv6';
import { validateNames } from './validate-names';
import { validatePartitions } from './validate-partitions';
import { validatePolicy } from './validate-policy';
import { validateQuotas } from './validate-quotas';
import { validateRamSharing } from './validate-ram-sharing';
import { validateReferences } from './validate-references';
import { validateRegions } from './validate-regions';
import { validateSecurityGroups } from './validate-security-groups';
import { validateServices } from './validate-services';
import { validateStackRoles } from './validate-stack-roles';
import { validateTags } from './validate-tags';
import { validateTransitGateway } from './validate-transit-gateway';
import { validateTransitGatewayDefaults } from './validate-transit-gateway-defaults';
import { validateHubAttachment } from './validate-hub-attachment';
import { validateVpcs } from './validate-vpcs';

export interface ValidationContext {
  config: VpceHubConfig;
  /** The parsed YAML before defaults, for user-facing paths (named list items). */
  raw: unknown;
  /** The config line of a field path (config-lines.ts), for messages that point at a second place. */
  lineOf?: (path: string) => number | undefined;
}
export interface PlanValidationContext extends ValidationContext {
  plan: NetworkPlan;
}

export type Validator = (ctx: ValidationContext) => Finding[];
export type PlanValidator = (ctx: PlanValidationContext) => Finding[];

export type RegisteredValidator =
  | { id: string; stage: 'config'; summary: string; run: Validator }
  | { id: string; stage: 'plan'; summary: string; run: PlanValidator };

export const VALIDATORS: ReadonlyArray<RegisteredValidator> = [
  { id: 'names', stage: 'config', summary: 'names are unique (case-insensitively), and hubs and spokes never share one', run: validateNames },
  { id: 'references', stage: 'config', summary: 'every account and hub a hub or spoke names exists; each spoke resolves to one hub; no account key takes the name of a spokes stack', run: validateReferences },
  { id: 'regions', stage: 'config', summary: 'region names are AWS regions (newer than the catalogue: warning); a spoke in another region than its hub is warned about inter-region data transfer', run: validateRegions },
  { id: 'partitions', stage: 'config', summary: "every region is in the first hub's partition (aws, aws-cn, aws-us-gov, ...) and every ARN names it; an account's roleArn is a role of that account", run: validatePartitions },
  { id: 'vpcs', stage: 'config', summary: "CIDRs are valid, canonical, private, /16-/28 and never overlap within a hub network; secondary CIDRs are ones AWS associates with the primary's range; client ranges are at most /8, outside the hub's VPCs and distinct; no spoke is its hub's VPC; the hub CIDR holds its endpoint subnets; AZs are >= 2, distinct, in the region and (AZ ids) exist; flow-log retention is a CloudWatch Logs value; existing-VPC fields and route tables are consistent", run: validateVpcs },
  { id: 'ipv6', stage: 'config', summary: "dual-stack hubs: IPv6 blocks are valid, canonical, /44-/60 for VPCs and /44-/64 for subnets in steps of /4, in a range a VPC holds, and never overlap within a hub network; an existing dual-stack hub VPC names its block and every subnet's (an IPv4-only subnet is rejected); IPv6 given to an IPv4-only hub and services whose endpoints do not accept IPv6 are warned about", run: validateIpv6 },
  { id: 'tags', stage: 'config', summary: "tags (top level, per hub, per spoke) use none of vpce-hub's own keys, have values, do not differ from another level's key only in case, and stay within 50 per resource; their characters and lengths are checked per resource type with the other AWS strings", run: validateTags },
  { id: 'backend', stage: 'config', summary: 'an S3 state bucket name follows the S3 bucket naming rules', run: validateBackend },
  { id: 'dns', stage: 'config', summary: 'route53-profile mode: spokes in the hub region, organizationArn consistent with organizationId; a hub VPC is no zone-mode spoke', run: validateDns },
  { id: 'hub-side-role', stage: 'config', summary: "an account's hubSideRoleArn is a role in that account", run: validateHubSideRole },
  { id: 'ram-sharing', stage: 'config', summary: 'the RAM sharing model (organization, OUs or accounts) can work: organization and OU principals need the organization and RAM organization sharing, accounts outside the organization need external principals allowed, and where invitations exist is stated', run: validateRamSharing },
  { id: 'transit-gateway', stage: 'config', summary: 'connectivity: transit-gateway has a transitGateway (owner known; a created one in the hub account; two distinct route tables), its spokes are in its region and list attachment subnets (distinct, one per AZ of the spoke region); onPremises needs a transit gateway, and its ranges are valid, at most /8 wide and overlap neither each other nor the hub or its spokes', run: validateTransitGateway },
  { id: 'transit-gateway-defaults', stage: 'config', summary: "an existing transit gateway's default route tables: known where accepters undo them (an error for a least-privilege hub-side role, a warning with a full roleArn), never vpce-hub's own tables, and not in use on an auto-accepting gateway whose new attachments nothing could take out of them", run: validateTransitGatewayDefaults },
  { id: 'hub-attachment', stage: 'config', summary: "the hub attachment's own subnets (hubAttachmentSubnets) are ids in an existing hub VPC or CIDRs inside a created one apart from the endpoint subnets, one per AZ and one in every endpoint AZ; a created gateway's amazonSideAsn is a private ASN CreateTransitGateway accepts", run: validateHubAttachment },
  { id: 'services', stage: 'config', summary: 'services exist in the catalogue and the hub region and AZs, are unique, have private DNS when zones are needed, and their zones neither collide nor shadow a region', run: validateServices },
  { id: 'iot-data', stage: 'config', summary: "iot.data (AWS IoT Core's data endpoint, whose clients must use the account's own data endpoint name): in endpoint-url mode clients are refused (warning); in the zone modes each privateDnsNames entry is that ATS endpoint name or a custom domain, never another AWS name", run: validateIotData },
  { id: 'companions', stage: 'config', summary: 'services that need companions in the same hub (ecr.dkr: s3 and ecr.api; ecs-agent: ecs; ...) and private DNS names that capture more than the service (execute-api) are warned about, with the fix', run: validateCompanions },
  { id: 'policy', stage: 'config', summary: 'endpoint policies: organization needs organizationId, principals are account ids or ARNs, a custom document is JSON with a Principal in every statement, fits 20,480 characters, conditions on nothing that cannot match through the hub, and (simulated) lets AWS\'s own traffic through', run: validatePolicy },
  { id: 'quotas', stage: 'plan', summary: 'the planned network fits every AWS quota (peerings, endpoints, security group rules and groups, routes, zone associations and authorizations, hosted zones, profile VPCs, policy size)', run: validateQuotas },
  { id: 'stack-roles', stage: 'plan', summary: "a stack whose providers act in another account (the hub-side halves of its pairs, a transit gateway owner's halves) has a role to assume there (hubSideRoleArn, else roleArn): two providers on the same ambient credentials cannot be pinned to two accounts", run: validateStackRoles },
  { id: 'hub-side-policy-size', stage: 'plan', summary: "the hub-side role's policy (vpce-hub iam-policy) fits one IAM managed policy (6,144 characters); otherwise a warning says how many managed policies it is split into, and whether that is more than the 10 a role takes by default (then the spoke VPCs are scoped per spoke account and region)", run: validateHubSidePolicySize },
  { id: 'aws-strings', stage: 'plan', summary: "every name, description, comment and tag the stacks would emit (from project, hub, spoke and account names) fits AWS's documented length, characters and reserved prefixes, and names AWS requires unique (IAM roles per account, log groups per region, security groups per VPC) differ", run: validateAwsStrings },
  { id: 'adopt', stage: 'plan', summary: 'adopted ids (security group, endpoints, zones, peerings) belong to things the config builds, in an existing hub VPC, and none is adopted twice', run: validateAdopt },
  { id: 'security-groups', stage: 'plan', summary: 'a hub whose spoke CIDRs need several endpoint security groups is told how the rules are spread and how to pin the group count', run: validateSecurityGroups },
];

export interface ValidationResult {
  findings: Finding[];
  /** The plan, when the config stage found no error (plan validators ran on it). */
  plan?: NetworkPlan;
}

export function runValidators(config: VpceHubConfig, raw: unknown, lineOf?: (path: string) => number | undefined): ValidationResult {
  const ctx: ValidationContext = { config, raw, ...(lineOf ? { lineOf } : {}) };
  const findings: Finding[] = [];
  for (const v of VALIDATORS) if (v.stage === 'config') findings.push(...guarded(v.id, () => v.run(ctx)));
  if (hasErrors(findings)) return { findings };
  let plan: NetworkPlan;
  try {
    plan = buildPlan(config);
  } catch (e) {
    return { findings: [...findings, internalError('plan', e)] };
  }
  const planCtx: PlanValidationContext = { ...ctx, plan };
  for (const v of VALIDATORS) if (v.stage === 'plan') findings.push(...guarded(v.id, () => v.run(planCtx)));
  return { findings, plan };
}

export function validateConfig(config: VpceHubConfig, raw: unknown): Finding[] {
  return runValidators(config, raw).findings;
}

/**
 * A validator that throws is a bug, but the loader promises to fail only with findings: report it as
 * one, naming the validator (the fuzz test asserts this never happens).
 */
function guarded(id: string, run: () => Finding[]): Finding[] {
  try {
    return run();
  } catch (e) {
    return [internalError(id, e)];
  }
}

function internalError(step: string, e: unknown): Finding {
  return {
    severity: 'error',
    code: 'InternalError',
    path: '',
    message: `validation step ${step} failed: ${e instanceof Error ? e.message : String(e)}`,
    fix: 'this is a vpce-hub bug; please report it with the config',
  };
}
