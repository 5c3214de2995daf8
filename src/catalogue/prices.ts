/**
 * The one price table of the cost estimate (USD, AWS list prices for us-east-1, on-demand, no
 * discounts, read 2025). Every price is an assumption the user can replace in the config:
 *
 *   prices:
 *     interfaceEndpointAzHour: 0.011      # any key below; unknown keys are rejected
 *     traffic: { gbPerSpokeMonth: 500 }   # the traffic assumption the estimate states
 *
 * Every region is priced at these us-east-1 rates (PRICE_REGION): AWS publishes regional prices only
 * through its price list API and pages, which this project cannot read offline, so the report says so
 * next to every hub instead of implying a regional figure. Other regions often cost more.
 */
import { z } from 'zod';

export interface PriceEntry {
  usd: number;
  unit: string;
  /** Where the number comes from, and whether it was verified. */
  source: string;
}

export const PRICES = {
  interfaceEndpointAzHour: {
    usd: 0.01,
    unit: 'per interface endpoint per AZ per hour',
    source: 'AWS PrivateLink pricing, us-east-1 (aws.amazon.com/privatelink/pricing), 2025',
  },
  endpointDataPerGb: {
    usd: 0.01,
    unit: 'per GB processed by an interface endpoint (first PB per month)',
    source: 'AWS PrivateLink pricing, us-east-1 (aws.amazon.com/privatelink/pricing), 2025',
  },
  hostedZoneMonth: {
    usd: 0.5,
    unit: 'per hosted zone per month (first 25 zones of an account; $0.10 beyond)',
    source: 'Amazon Route 53 pricing (aws.amazon.com/route53/pricing), 2025',
  },
  interAzPerGb: {
    usd: 0.01,
    unit: 'per GB in each direction between AZs, VPC peering included (same AZ id: free)',
    source: 'Amazon EC2 data transfer pricing (aws.amazon.com/ec2/pricing/on-demand), 2025',
  },
  interRegionPerGb: {
    usd: 0.02,
    unit: 'per GB sent to another region (inter-region VPC peering)',
    source: 'Amazon EC2 data transfer pricing, us-east-1 to other US regions, 2025',
  },
  flowLogsCloudWatchPerGb: {
    usd: 0.5,
    unit: 'per GB of VPC flow logs delivered to CloudWatch Logs (vended logs, first 10 TB per month; storage extra)',
    source: 'Amazon CloudWatch pricing, Logs tab, vended logs (aws.amazon.com/cloudwatch/pricing), us-east-1, 2025',
  },
  flowLogsS3PerGb: {
    usd: 0.25,
    unit: 'per GB of VPC flow logs delivered to S3 (vended logs, first 10 TB per month; S3 storage extra)',
    source: 'Amazon CloudWatch pricing, Logs tab, vended logs delivered to S3 (aws.amazon.com/cloudwatch/pricing), us-east-1, 2025',
  },
  // AWS's Route 53 pricing page, Profiles: "$0.75 per AWS account for up to 100 Profile-VPC associations"
  // (per hour), then "$0.0014 per Profile-VPC association per hour per AWS Region". A flat hourly fee, not one
  // per association. https://aws.amazon.com/route53/pricing/ (read through a verbatim transcription of the
  // page, 2026-09; the page itself is not reachable from here).
  route53ProfileHour: {
    usd: 0.75,
    unit: 'per hour for a Route 53 Profile with up to 100 VPC associations (flat, per account and region)',
    source: 'Amazon Route 53 pricing, Profiles (aws.amazon.com/route53/pricing), 2026',
  },
  route53ProfileAssociationHourAbove100: {
    usd: 0.0014,
    unit: 'per Route 53 Profile VPC association per hour, beyond the first 100',
    source: 'Amazon Route 53 pricing, Profiles (aws.amazon.com/route53/pricing), 2026',
  },
  // Issue 10: transit gateway hubs and the on-premises inbound resolver.
  transitGatewayAttachmentHour: {
    usd: 0.05,
    unit: 'per transit gateway VPC attachment per hour (billed to the attachment owner)',
    source: 'AWS Transit Gateway pricing, us-east-1 (aws.amazon.com/transit-gateway/pricing), 2025',
  },
  transitGatewayDataPerGb: {
    usd: 0.02,
    unit: 'per GB sent from an attachment to the transit gateway (requests and replies both count)',
    source: 'AWS Transit Gateway pricing, us-east-1 (aws.amazon.com/transit-gateway/pricing), 2025',
  },
  resolverEndpointEniHour: {
    usd: 0.125,
    unit: 'per Route 53 Resolver endpoint network interface (one per AZ) per hour',
    source: 'Amazon Route 53 pricing, Resolver endpoints (aws.amazon.com/route53/pricing), us-east-1, 2025',
  },
} as const satisfies Record<string, PriceEntry>;

export type PriceKey = keyof typeof PRICES;
export const PRICE_KEYS = Object.keys(PRICES) as PriceKey[];

/** The region whose list prices PRICES holds; the report labels every hub with it. */
export const PRICE_REGION = 'us-east-1';

/** Hours in a billing month, as AWS's own calculator counts them. */
export const HOURS_PER_MONTH = 730;

/** The traffic the estimate assumes, unless the config says otherwise. */
export const TRAFFIC_DEFAULTS = {
  /** GB per spoke VPC per month through the endpoints, both directions together. */
  gbPerSpokeMonth: 100,
  /**
   * GB of flow log records per spoke per month in the hub VPC. An ASSUMPTION (1% of the traffic
   * default): a record is ~100 bytes per flow per aggregation interval, so the volume follows the
   * number of connections more than the bytes; measure yours and set prices.traffic.flowLogGbPerSpokeMonth.
   */
  flowLogGbPerSpokeMonth: 1,
} as const;

/** The config's `prices:` section (the config schema embeds it). */
export const pricesOverrideSchema = z.strictObject({
  ...(Object.fromEntries(PRICE_KEYS.map((k) => [k, z.number().nonnegative().optional().describe(`USD ${PRICES[k].unit}; default ${PRICES[k].usd} (${PRICES[k].source}).`)])) as Record<PriceKey, z.ZodOptional<z.ZodNumber>>),
  traffic: z
    .strictObject({
      gbPerSpokeMonth: z.number().nonnegative().optional().describe(`GB per spoke VPC per month through the endpoints, both directions; default ${TRAFFIC_DEFAULTS.gbPerSpokeMonth}.`),
      flowLogGbPerSpokeMonth: z.number().nonnegative().optional().describe(`GB of hub VPC flow log records per spoke per month; default ${TRAFFIC_DEFAULTS.flowLogGbPerSpokeMonth} (an assumption: measure yours).`),
      /** Share of traffic that crosses AZs on the way to the hub endpoints; default (AZs - 1) / AZs. */
      interAzShare: z.number().min(0).max(1).optional().describe('Share of the traffic that crosses AZs to reach the endpoints (0 to 1); default (AZs - 1) / AZs of the hub.'),
    })
    .optional()
    .describe('The traffic the cost estimate assumes.'),
});
export type PricesOverride = z.output<typeof pricesOverrideSchema>;

export interface PriceTable {
  usd: Record<PriceKey, number>;
  /** Keys the config changed. */
  overridden: PriceKey[];
  gbPerSpokeMonth: number;
  flowLogGbPerSpokeMonth: number;
  /** Undefined: derived from each hub's AZ count. */
  interAzShare?: number;
}

export function priceTable(override: PricesOverride | undefined, gbPerSpokeMonth?: number): PriceTable {
  const usd = Object.fromEntries(PRICE_KEYS.map((k) => [k, override?.[k] ?? PRICES[k].usd])) as Record<PriceKey, number>;
  const interAzShare = override?.traffic?.interAzShare;
  return {
    usd,
    overridden: PRICE_KEYS.filter((k) => override?.[k] !== undefined),
    gbPerSpokeMonth: gbPerSpokeMonth ?? override?.traffic?.gbPerSpokeMonth ?? TRAFFIC_DEFAULTS.gbPerSpokeMonth,
    flowLogGbPerSpokeMonth: override?.traffic?.flowLogGbPerSpokeMonth ?? TRAFFIC_DEFAULTS.flowLogGbPerSpokeMonth,
    ...(interAzShare !== undefined ? { interAzShare } : {}),
  };
}
