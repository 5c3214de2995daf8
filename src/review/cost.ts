/**
 * Monthly cost of each hub as planned, against the alternative the pattern replaces: the same
 * endpoints in every spoke VPC. Pure arithmetic on the network plan and the price table.
 *
 * Model (each number is stated in the report):
 * - endpoints: services x AZs x 730 h x the AZ-hour price; the per-VPC alternative gives every spoke
 *   the hub's services in as many AZs as the hub has;
 * - data processing: every GB passes exactly one endpoint in both models, so it is the same on both
 *   sides and cancels out of the break-even;
 * - centralizing adds transfer over the peering: the share of traffic that crosses AZs pays the
 *   inter-AZ price in each direction, a spoke in another region pays the inter-region price per GB;
 *   the per-VPC alternative is assumed to keep traffic in the client's AZ;
 * - hosted zones (both zone modes) and, in route53-profile mode, one profile association per spoke;
 *   the per-VPC alternative uses the endpoints' own private DNS, which costs nothing;
 * - the hub VPC's flow logs (on by default): an assumed volume per spoke at the vended-logs price of
 *   the destination (CloudWatch Logs, or S3 when destinationArn is a bucket); the spokes' own flow
 *   logs are theirs in both models;
 * - every region at us-east-1 list prices (PRICE_REGION), said next to each hub;
 * - a centralized service with a gateway endpoint (`s3`, `dynamodb`) is flagged: gateway endpoints in
 *   each spoke are free, the hub's interface endpoint is not, and its traffic also pays processing
 *   and cross-AZ peering.
 * - connectivity: transit-gateway (issue 10): one attachment per spoke and one for the hub, and the
 *   gateway's per-GB processing, instead of peering's cross-AZ transfer (ASSUMPTION: traffic through a
 *   transit gateway pays its processing, not inter-AZ transfer); the report also gives what the same
 *   hub would cost over peering (free within an AZ), the price of passing the 125-peering ceiling;
 * - an on-premises inbound resolver: one network interface per hub AZ.
 * Break-even: the smallest number of (same-region) spokes from which the hub is cheaper.
 */
import { isAvoidableGatewayService } from '../catalogue/gateway-services';
import { isS3Arn } from '../config/partitions';
import type { HubPlan, NetworkPlan, SpokePlan } from '../planning/plan';
import { HOURS_PER_MONTH, PRICE_REGION, type PriceTable } from '../catalogue/prices';

export interface CostLine {
  item: string;
  /** How the number is made, e.g. `5 endpoints x 2 AZs x 730 h x $0.01`. */
  basis: string;
  usd: number;
}

export interface HubCost {
  hub: string;
  region: string;
  /** The region whose prices were used (always PRICE_REGION): the report says so when it is not `region`. */
  pricedAt: string;
  dns: HubPlan['dns'];
  services: number;
  azs: number;
  zones: number;
  spokes: number;
  interAzShare: number;
  centralized: { lines: CostLine[]; total: number };
  perVpc: { lines: CostLine[]; total: number };
  /** perVpc - centralized; negative when the hub costs more. */
  savings: number;
  /** Smallest spoke count at which the hub is cheaper; null when it never is (per-spoke costs exceed the per-VPC endpoints). */
  breakEvenSpokes: number | null;
  /** Each centralized service that has a free gateway endpoint (s3, dynamodb) and no other hub service needs as a companion: what its interface endpoint costs that gateway endpoints would not. */
  gatewayServices: GatewayServiceCost[];
  connectivity: HubPlan['connectivity'];
  /** transit-gateway hubs: the same hub over peering, and what the gateway adds per month (and per spoke). */
  peering?: { total: number; extra: number; extraPerSpoke: number };
}

export interface GatewayServiceCost {
  service: string;
  endpointUsd: number;
  perGbUsd: number;
}

export interface CostEstimate {
  hubs: HubCost[];
  total: { centralized: number; perVpc: number; savings: number };
  prices: PriceTable;
}

const PROFILE_TIER = 100;

export function estimateCost(plan: NetworkPlan, prices: PriceTable): CostEstimate {
  const hubs = plan.hubs.map((h) => hubCost(h, plan.spokes.filter((s) => s.hub === h.name), prices));
  const centralized = round(hubs.reduce((n, h) => n + h.centralized.total, 0));
  const perVpc = round(hubs.reduce((n, h) => n + h.perVpc.total, 0));
  return { hubs, total: { centralized, perVpc, savings: round(perVpc - centralized) }, prices };
}

function hubCost(hub: HubPlan, spokes: SpokePlan[], prices: PriceTable): HubCost {
  const p = prices.usd;
  const E = hub.endpoints.length;
  const A = hub.subnets.length;
  const Z = hub.dns === 'endpoint-url' ? 0 : hub.zones.length;
  const N = spokes.length;
  const G = prices.gbPerSpokeMonth;
  // The regional DNS name answers with every AZ's address; a client picks one at random.
  const share = prices.interAzShare ?? (A > 0 ? (A - 1) / A : 0);
  const remote = spokes.filter((s) => s.crossRegion).length;
  const gb = N * G;

  const endpointHours = E * A * HOURS_PER_MONTH;
  const tgw = hub.connectivity === 'transit-gateway';
  const peeringLine = line('inter-AZ transfer over peering', `${N} spokes x ${G} GB x ${pct(share)} crossing AZs x 2 directions x ${usd(p.interAzPerGb)}`, gb * share * 2 * p.interAzPerGb);
  const gatewayLines = [
    line('transit gateway attachments', `${N + 1} attachments (${N} spokes + the hub) x ${HOURS_PER_MONTH} h x ${usd(p.transitGatewayAttachmentHour)}`, (N + 1) * HOURS_PER_MONTH * p.transitGatewayAttachmentHour),
    line('transit gateway data processing', `${N} spokes x ${G} GB x ${usd(p.transitGatewayDataPerGb)}`, gb * p.transitGatewayDataPerGb),
  ];
  const centralized: CostLine[] = [
    line('interface endpoints', `${E} endpoints x ${A} AZs x ${HOURS_PER_MONTH} h x ${usd(p.interfaceEndpointAzHour)}`, endpointHours * p.interfaceEndpointAzHour),
    line('data processing', `${N} spokes x ${G} GB x ${usd(p.endpointDataPerGb)}`, gb * p.endpointDataPerGb),
    ...(tgw ? gatewayLines : [peeringLine]),
  ];
  if (remote > 0) centralized.push(line('inter-region transfer over peering', `${remote} spokes in other regions x ${G} GB x ${usd(p.interRegionPerGb)}`, remote * G * p.interRegionPerGb));
  const resolverHours = hub.onPremises?.inboundResolver ? A * HOURS_PER_MONTH : 0;
  if (resolverHours > 0) centralized.push(line('Route 53 Resolver inbound endpoint', `${A} network interfaces x ${HOURS_PER_MONTH} h x ${usd(p.resolverEndpointEniHour)}`, resolverHours * p.resolverEndpointEniHour));
  if (Z > 0) centralized.push(line('private hosted zones', `${Z} zones x ${usd(p.hostedZoneMonth)}`, Z * p.hostedZoneMonth));
  if (hub.dns === 'route53-profile' && N > 0) centralized.push(line('Route 53 Profile', profileBasis(N, p), profileMonthly(N, p)));
  // Same test as the construct (hub-vpc.ts): an S3 bucket ARN delivers to S3, anything else to CloudWatch Logs.
  const flowLogsToS3 = isS3Arn(hub.flowLogs?.destinationArn);
  const flowLogPerGb = hub.flowLogs ? (flowLogsToS3 ? p.flowLogsS3PerGb : p.flowLogsCloudWatchPerGb) : 0;
  const F = prices.flowLogGbPerSpokeMonth;
  if (hub.flowLogs) {
    const where = flowLogsToS3 ? 'S3' : 'CloudWatch Logs';
    centralized.push(line(`hub VPC flow logs (${where})`, `${N} spokes x ${F} GB of flow log records x ${usd(flowLogPerGb)} (storage not included)`, N * F * flowLogPerGb));
  }

  const perVpc: CostLine[] = [
    line('interface endpoints in every spoke', `${N} spokes x ${E} endpoints x ${A} AZs x ${HOURS_PER_MONTH} h x ${usd(p.interfaceEndpointAzHour)}`, N * endpointHours * p.interfaceEndpointAzHour),
    line('data processing', `${N} spokes x ${G} GB x ${usd(p.endpointDataPerGb)}`, gb * p.endpointDataPerGb),
  ];

  const centralTotal = total(centralized);
  const perVpcTotal = total(perVpc);
  // Per additional same-region spoke: what the hub adds vs what a spoke's own endpoints would cost.
  const gatewayPerSpoke = HOURS_PER_MONTH * p.transitGatewayAttachmentHour + G * p.transitGatewayDataPerGb;
  const peeringPerSpoke = G * share * 2 * p.interAzPerGb;
  // A profile's flat fee covers its first 100 associations: a fixed cost up to there (the linear
  // break-even model ignores the small per-association fee beyond 100). A transit gateway hub pays for
  // its own attachment, an inbound resolver for its network interfaces.
  const fixed =
    endpointHours * p.interfaceEndpointAzHour +
    Z * p.hostedZoneMonth +
    (hub.dns === 'route53-profile' ? HOURS_PER_MONTH * p.route53ProfileHour : 0) +
    resolverHours * p.resolverEndpointEniHour +
    (tgw ? HOURS_PER_MONTH * p.transitGatewayAttachmentHour : 0);
  const perSpokeCentral = (tgw ? gatewayPerSpoke : peeringPerSpoke) + F * flowLogPerGb;
  const perSpokeOwn = endpointHours * p.interfaceEndpointAzHour;
  return {
    hub: hub.name,
    region: hub.region,
    pricedAt: PRICE_REGION,
    dns: hub.dns,
    services: E,
    azs: A,
    zones: Z,
    spokes: N,
    interAzShare: share,
    centralized: { lines: centralized, total: centralTotal },
    perVpc: { lines: perVpc, total: perVpcTotal },
    savings: round(perVpcTotal - centralTotal),
    breakEvenSpokes: breakEven(fixed, perSpokeCentral, perSpokeOwn),
    connectivity: hub.connectivity,
    ...(tgw
      ? (() => {
          const overPeering = round(centralTotal - total(gatewayLines) + peeringLine.usd);
          return { peering: { total: overPeering, extra: round(centralTotal - overPeering), extraPerSpoke: round(gatewayPerSpoke - peeringPerSpoke) } };
        })()
      : {}),
    // Not the ones another service needs as a companion (validate's GatewayServiceCentralized skips them too).
    gatewayServices: hub.endpoints
      .filter((e) => isAvoidableGatewayService(e.service, hub.endpoints.map((x) => x.service)))
      .map((e) => ({ service: e.service, endpointUsd: round(A * HOURS_PER_MONTH * p.interfaceEndpointAzHour), perGbUsd: round((p.endpointDataPerGb + share * 2 * p.interAzPerGb) * 10000) / 10000 })),
  };
}

/** Smallest n >= 1 with fixed + n * central < n * own; null when own <= central. */
export function breakEven(fixed: number, perSpokeCentral: number, perSpokeOwn: number): number | null {
  const margin = perSpokeOwn - perSpokeCentral;
  if (margin <= 0) return null;
  return Math.max(1, Math.floor(fixed / margin + 1e-9) + 1);
}

/** Route 53 Profiles pricing: a flat hourly fee for up to 100 VPC associations, then a fee per association. */
function profileMonthly(n: number, p: PriceTable['usd']): number {
  const rest = Math.max(0, n - PROFILE_TIER);
  return HOURS_PER_MONTH * (p.route53ProfileHour + rest * p.route53ProfileAssociationHourAbove100);
}

function profileBasis(n: number, p: PriceTable['usd']): string {
  const rest = Math.max(0, n - PROFILE_TIER);
  return `${HOURS_PER_MONTH} h x ${usd(p.route53ProfileHour)} (up to ${PROFILE_TIER} associations; ${n} here)${rest > 0 ? ` + ${rest} associations x ${HOURS_PER_MONTH} h x ${usd(p.route53ProfileAssociationHourAbove100)}` : ''}`;
}

const round = (n: number): number => Math.round(n * 100) / 100;
const line = (item: string, basis: string, amount: number): CostLine => ({ item, basis, usd: round(amount) });
const total = (lines: CostLine[]): number => round(lines.reduce((n, l) => n + l.usd, 0));
const usd = (n: number): string => `$${n}`;
const pct = (share: number): string => `${Math.round(share * 1000) / 10}%`;

/** `$1,234.50` */
export const formatUsd = (n: number): string => `${n < 0 ? '-' : ''}$${Math.abs(n).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
