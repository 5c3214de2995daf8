/**
 * The proof's result: plain JSON, stable keys, so a PR report can embed it and diff it against the
 * base branch's (`cellKey` names a cell the same way on both sides).
 */

/** The links a call from a spoke to a hub endpoint goes through, in the order they are checked. */
export const LINKS = ['stack', 'endpoint', 'dns', 'route', 'peering', 'attachment', 'association', 'propagation', 'segmentation', 'return-route', 'security-group', 'availability-zones', 'companion'] as const;
export type LinkKind = (typeof LINKS)[number];

export interface BrokenLink {
  link: LinkKind;
  /** One sentence naming the resource and what is missing, e.g. `route table rtb-0b1c... has no route to 10.0.0.0/22`. */
  message: string;
}

/** A row that is not a spoke: the hub VPC itself, or one of the hub's clientCidrs. */
export type ClientKind = 'hub-vpc' | 'client-range' | 'on-premises';

/** Row names that no spoke name can take (spoke names are letters, digits and hyphens). */
export const hubVpcRow = (hub: string): string => `${hub} (hub VPC)`;
export const clientRangeRow = (hub: string, cidr: string): string => `${hub} client ${cidr}`;
/** An on-premises range of a transit-gateway hub (issue 10). */
export const onPremisesRow = (hub: string, cidr: string): string => `${hub} on-premises ${cidr}`;

export interface ProofCell {
  spoke: string;
  hub: string;
  service: string;
  reachable: boolean;
  /** Set when the cell covers the IPv6 path too (a dual-stack endpoint and a client with IPv6, issue 20). */
  ipv6?: true;
  /** The first broken link on the way from the spoke to the endpoint; absent when reachable. */
  broken?: BrokenLink;
}

export interface ReachabilityProof {
  /** Every cell reachable. */
  ok: boolean;
  summary: { cells: number; reachable: number; broken: number };
  /**
   * Matrix rows: the spokes sorted by name, then per hub its own VPC and its extra client ranges
   * (`kind` set), which call the endpoints too (issue 8, section 3).
   */
  spokes: Array<{ name: string; hub: string; kind?: ClientKind }>;
  /** Matrix columns: every hub's services, sorted. A spoke has cells only for its own hub's services. */
  services: string[];
  /** Row by row, columns in `services` order. */
  cells: ProofCell[];
}

export const cellKey = (cell: Pick<ProofCell, 'spoke' | 'service'>): string => `${cell.spoke} -> ${cell.service}`;

/** `payments-prod -> sqs: route table rtb-... has no route to 10.0.0.0/22` */
export const describeFailure = (cell: ProofCell): string => `${cellKey(cell)}: ${cell.broken?.message ?? 'reachable'}`;
