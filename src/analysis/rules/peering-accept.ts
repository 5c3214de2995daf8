/**
 * VH-PCX-001 and VH-PCX-002: every peering request gets accepted by the right side. `auto_accept`
 * on the request works only within one account and region; otherwise the peer account accepts it with
 * an accepter resource in the peer's region (domain.md section 4).
 */
import { resourceAccount, resourceRegion } from '../accounts';
import type { ConfigFacts } from '../config-facts';
import { bool, str } from '../json-value';
import { peeringConnectionOf } from '../peering';
import { resourcesOfType, type SynthTree, type TfResource } from '../tree';
import { defineRule, type Violation } from './rule';

interface Request {
  readonly pcx: TfResource;
  readonly peerOwner?: string;
  readonly peerRegion?: string;
  readonly crossAccount: boolean;
  readonly crossRegion: boolean;
}

function requests(tree: SynthTree, facts?: ConfigFacts): Request[] {
  return resourcesOfType(tree, 'aws_vpc_peering_connection').map((pcx) => {
    const peerOwner = str(pcx.body, 'peer_owner_id') || undefined;
    const peerRegion = str(pcx.body, 'peer_region') || undefined;
    const own = resourceAccount(tree, pcx, facts);
    return {
      pcx,
      ...(peerOwner ? { peerOwner } : {}),
      ...(peerRegion ? { peerRegion } : {}),
      // An unknown own account cannot be shown to equal the peer's: treat the request as cross-account.
      crossAccount: peerOwner !== undefined && peerOwner !== own,
      crossRegion: peerRegion !== undefined,
    };
  });
}

function acceptersOf(tree: SynthTree, pcx: TfResource): TfResource[] {
  return resourcesOfType(tree, 'aws_vpc_peering_connection_accepter').filter((a) => peeringConnectionOf(tree, a.stack, a.body.vpc_peering_connection_id) === pcx);
}

export const peeringAccepted = defineRule(
  {
    id: 'VH-PCX-001',
    severity: 'error',
    summary: 'Every peering request is accepted: by an accepter in the peer\'s account and region when it crosses either',
    explanation:
      'A request nobody accepts stays pending and expires after a week; the spoke routes point at a dead connection. ' +
      'An accepter running with the wrong account or region cannot see the request and fails.',
  },
  (tree, facts) => {
    const out: Violation[] = [];
    for (const r of requests(tree, facts)) {
      const where = { stack: r.pcx.stack, resource: r.pcx.address };
      const accepters = acceptersOf(tree, r.pcx);
      if (!r.crossAccount && !r.crossRegion) {
        if (bool(r.pcx.body, 'auto_accept') !== true && accepters.length === 0) out.push({ ...where, message: 'neither auto_accept nor an accepter resource accepts this request' });
        continue;
      }
      const why = [r.crossAccount ? `account ${r.peerOwner}` : '', r.crossRegion ? `region ${r.peerRegion}` : ''].filter(Boolean).join(', ');
      if (accepters.length === 0) {
        out.push({ ...where, message: `the peer (${why}) must accept, but no aws_vpc_peering_connection_accepter in any stack refers to this request` });
        continue;
      }
      const wantRegion = r.peerRegion ?? resourceRegion(tree, r.pcx);
      for (const a of accepters) {
        const account = resourceAccount(tree, a, facts);
        const region = resourceRegion(tree, a);
        if (r.peerOwner !== undefined && account !== undefined && account !== r.peerOwner) {
          out.push({ stack: a.stack, resource: a.address, message: `accepts ${r.pcx.stack}/${r.pcx.address} from account ${account}, but the peer is account ${r.peerOwner}` });
        }
        if (wantRegion !== undefined && region !== undefined && region !== wantRegion) {
          out.push({ stack: a.stack, resource: a.address, message: `accepts ${r.pcx.stack}/${r.pcx.address} in region ${region}, but the peer VPC is in ${wantRegion}` });
        }
      }
    }
    return out;
  },
);

export const noAutoAcceptAcross = defineRule(
  {
    id: 'VH-PCX-002',
    severity: 'error',
    summary: 'No cross-account or cross-region peering request sets auto_accept',
    explanation:
      'auto_accept on the request only works within one account and region; across them the provider fails, or, with ' +
      'peer_region set, rejects the configuration. The peer\'s account must accept with its own credentials.',
  },
  (tree, facts) =>
    requests(tree, facts)
      .filter((r) => (r.crossAccount || r.crossRegion) && bool(r.pcx.body, 'auto_accept') === true)
      .map((r) => ({ stack: r.pcx.stack, resource: r.pcx.address, message: `auto_accept is true on a request to ${r.crossAccount ? `account ${r.peerOwner}` : `region ${r.peerRegion}`}` })),
);
