/**
 * How many Route 53 API requests Terraform makes for each resource type vpce-hub emits, and the apply
 * time those requests imply under Route 53's per-account rate limit.
 *
 * The counts are the MINIMUM the AWS provider (hashicorp/aws 5.100, the version @cdktf/provider-aws
 * 20.1.0 binds) makes, read from its source (internal/service/route53/*.go, route53profiles/*.go):
 * every create is followed by a read-back, and changes that return a ChangeInfo are polled with
 * GetChange until INSYNC. Paginated reads count one page. Only requests to the Route 53 hosted-zone
 * API (route53.amazonaws.com) count against its per-account limit; Route 53 Profiles
 * (route53profiles.<region>.amazonaws.com), RAM and EC2 are other APIs with their own limits.
 */

import { ROUTE53_API_RATES } from '../src/planning/quotas';

export type Api = 'route53' | 'route53profiles' | 'ram' | 'ec2' | 'other';

export interface CallModel {
  api: Api;
  /** Requests to create one resource (minimum); 0 where not counted. */
  create: number;
  /** Requests to refresh one existing resource (every plan and apply unless -refresh=false). */
  refresh: number;
  /** The requests, in order. */
  requests: string;
}

/**
 * Route 53's request rates (src/planning/quotas.ts ROUTE53_API_RATES, from AWS's "Throttling for Amazon
 * Route 53 API requests", https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/throttling-api-requests.html):
 * 10 requests/s per account sustained, of which AssociateVPCWithHostedZone at most 5/s.
 */
export const ROUTE53_REQUESTS_PER_SECOND = ROUTE53_API_RATES.account.rate;
export const ASSOCIATE_VPC_REQUESTS_PER_SECOND = ROUTE53_API_RATES.associateVpcWithHostedZone.rate;

/** The same limits as token buckets: a full bucket absorbs its burst first. */
export const ROUTE53_BUCKETS = {
  account: ROUTE53_API_RATES.account,
  associate: ROUTE53_API_RATES.associateVpcWithHostedZone,
} as const;

/**
 * aws_route53_zone_association waits 30 s before its first GetChange poll (retry.StateChangeConf
 * Delay in zone_association.go), so each association takes at least 30 s however fast the API
 * answers; Terraform runs 10 operations at a time by default (-parallelism=10).
 */
export const ASSOCIATION_WAIT_SECONDS = 30;
export const TERRAFORM_PARALLELISM = 10;

export const CALLS: Readonly<Record<string, CallModel>> = {
  aws_route53_zone: {
    api: 'route53',
    create: 6,
    refresh: 3,
    requests: 'CreateHostedZone, GetChange (polled until INSYNC), ChangeTagsForResource, read-back GetHostedZone, ListResourceRecordSets (name servers), ListTagsForResource; once per zone, never per spoke',
  },
  aws_route53_record: {
    api: 'route53',
    create: 3,
    refresh: 1,
    requests: 'ChangeResourceRecordSets, GetChange (polled until INSYNC), read-back ListResourceRecordSets; once per record, never per spoke',
  },
  aws_route53_vpc_association_authorization: {
    api: 'route53',
    create: 2,
    refresh: 1,
    requests: 'CreateVPCAssociationAuthorization, read-back ListVPCAssociationAuthorizations (one page per 50 authorized VPCs until found)',
  },
  aws_route53_zone_association: {
    api: 'route53',
    create: 3,
    refresh: 1,
    requests: `AssociateVPCWithHostedZone, GetChange (first poll after ${ASSOCIATION_WAIT_SECONDS} s, then every >= 2 s until INSYNC), read-back ListHostedZonesByVPC (one page per 100 zones)`,
  },
  aws_route53profiles_association: {
    api: 'route53profiles',
    create: 3,
    refresh: 1,
    requests: 'AssociateProfile, GetProfileAssociation polled until COMPLETE twice in a row (>= 2)',
  },
  aws_route53profiles_resource_association: {
    api: 'route53profiles',
    create: 3,
    refresh: 1,
    requests: 'AssociateResourceToProfile, GetProfileResourceAssociation polled until COMPLETE twice in a row (>= 2); once per zone, never per spoke',
  },
  aws_route53profiles_profile: { api: 'route53profiles', create: 0, refresh: 0, requests: 'Route 53 Profiles API, once per hub (not counted)' },
  aws_ram_resource_share: { api: 'ram', create: 0, refresh: 0, requests: 'AWS RAM API, once per hub (not counted)' },
  aws_ram_resource_association: { api: 'ram', create: 0, refresh: 0, requests: 'AWS RAM API, once per hub (not counted)' },
  aws_ram_principal_association: { api: 'ram', create: 0, refresh: 0, requests: 'AWS RAM API, once per spoke account when sharing per account (not counted)' },
  aws_ram_resource_share_accepter: { api: 'ram', create: 0, refresh: 0, requests: 'AWS RAM API, once per spoke account when sharing per account (not counted)' },
};

/** Resource types not in CALLS make no Route 53 request (EC2, CloudWatch Logs, IAM). */
export function callModel(type: string): CallModel {
  return CALLS[type] ?? { api: type.startsWith('aws_') ? 'ec2' : 'other', create: 0, refresh: 0, requests: 'no Route 53 request' };
}

/** Requests to one API (Route 53 by default) to create one resource of the type. */
export const createCalls = (type: string, api: Api = 'route53'): number => {
  const m = callModel(type);
  return m.api === api ? m.create : 0;
};
/** Requests to one API (Route 53 by default) to refresh one existing resource of the type. */
export const refreshCalls = (type: string, api: Api = 'route53'): number => {
  const m = callModel(type);
  return m.api === api ? m.refresh : 0;
};

/** Requests per stack (= per account), given the requests of one resource of each type. */
export function callsByStack(resources: ReadonlyArray<{ stack: string; type: string }>, per: (type: string) => number): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of resources) {
    const n = per(r.type);
    if (n > 0) out.set(r.stack, (out.get(r.stack) ?? 0) + n);
  }
  return out;
}

/**
 * Minimum seconds for requests that run stack after stack (hub stack first, then the spoke's:
 * associations need the authorizations), each stack at its own account's sustained rates: the slower of
 * all its Route 53 requests at 10/s and its AssociateVPCWithHostedZone requests (`associationsByStack`)
 * at 5/s. No burst, no retries.
 */
export function minimumSeconds(callsByStack: ReadonlyMap<string, number>, associationsByStack: ReadonlyMap<string, number> = new Map()): number {
  let seconds = 0;
  for (const [stack, calls] of callsByStack) {
    seconds += Math.max(calls / ROUTE53_REQUESTS_PER_SECOND, (associationsByStack.get(stack) ?? 0) / ASSOCIATE_VPC_REQUESTS_PER_SECOND);
  }
  return seconds;
}

/**
 * Minimum seconds under the token buckets, per stack: a bucket that starts full absorbs its burst,
 * the rest flows at its refill rate; the slower of the account bucket and the AssociateVPCWithHostedZone
 * bucket decides. `associations` = AssociateVPCWithHostedZone requests in that stack.
 */
export function minimumSeconds2025(callsByStack: ReadonlyMap<string, number>, associationsByStack: ReadonlyMap<string, number>): number {
  const { account, associate } = ROUTE53_BUCKETS;
  let seconds = 0;
  for (const [stack, calls] of callsByStack) {
    const assoc = associationsByStack.get(stack) ?? 0;
    seconds += Math.max(Math.max(0, calls - account.burst) / account.rate, Math.max(0, assoc - associate.burst) / associate.rate);
  }
  return seconds;
}

/** The provider's fixed 30 s wait per zone association, in waves of TERRAFORM_PARALLELISM. */
export const associationWaitSeconds = (associations: number): number => Math.ceil(associations / TERRAFORM_PARALLELISM) * ASSOCIATION_WAIT_SECONDS;
