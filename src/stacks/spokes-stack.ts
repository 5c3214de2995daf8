/**
 * A spokes stack: both halves of every pair of one account's spokes (issue 9). The hub halves (peering
 * request, return routes, endpoint SG rules, zone authorizations, the account's RAM principal) act in
 * the hub's account, through a provider pinned to it (or the account's own provider when the hub is in
 * the same account); the spoke halves (accepter, routes, zone or profile associations, RAM acceptance)
 * act in this account. What it needs from a hub comes only from the hub stack's named outputs.
 */
import type { TerraformRemoteState, TerraformResource } from 'cdktf';
import type { Construct } from 'constructs';
import { remoteStateOf } from '../constructs/backend';
import { spokeIngressRules } from '../constructs/endpoint-ingress';
import { peeringPair } from '../constructs/peering-pair';
import { profileAssociation } from '../constructs/profile-share-pair';
import { awsProviders, hubSideProviders } from '../constructs/providers';
import { ramSharePair } from '../constructs/ram-share';
import { transitGatewayPair } from '../constructs/transit-gateway-pair';
import { zoneAssociationPair } from '../constructs/zone-association-pair';
import { DNS_CONSEQUENCES, vpcDnsCheck } from '../constructs/vpc-dns-check';
import { ids, outputs, ramResourceKey, stackNames } from '../planning/naming';
import { keepsPeering, routesOverGateway } from '../planning/peering-migration';
import type { HubPlan, NetworkPlan, SpokePlan, StackPlan } from '../planning/plan';
import { VpceHubStack } from './vpce-hub-stack';

export class SpokesStack extends VpceHubStack {
  private readonly remoteStates = new Map<string, TerraformRemoteState>();
  private readonly remoteOutputs = new Map<string, string>();

  constructor(scope: Construct, plan: NetworkPlan, stackPlan: StackPlan) {
    super(scope, plan, stackPlan);
    const project = plan.project;
    const own = awsProviders(this, stackPlan, plan);
    const remote = hubSideProviders(this, stackPlan, plan);
    const inAccount = (key: string, region: string) => (key === stackPlan.account.key ? own(region) : remote(key, region));
    const hubProvider = (hub: HubPlan) => inAccount(hub.account.key, hub.region);

    // Once per (account, hub, shared resource): the account's RAM principal and, where an invitation exists, its acceptance.
    const shareJoined = new Map<string, TerraformResource>();
    for (const join of stackPlan.ramJoins) {
      const hub = this.hub(join.hub);
      const key = ramResourceKey(join.resource);
      const shareArn = this.read(hub, join.resource === 'profile' ? outputs.profileShareArn(hub.name) : outputs.ramShareArn(hub.name, key));
      shareJoined.set(`${hub.name}/${join.resource}`, ramSharePair(this, hub.name, join.resource, stackPlan.account, shareArn, join.invitation, hubProvider(hub), own(hub.region)));
    }

    for (const spokeName of stackPlan.spokes) {
      const spoke = this.spoke(spokeName);
      const hub = this.hub(spoke.hub);
      const hubSide = hubProvider(hub);
      const spokeSide = own(spoke.region);
      // Zone modes need both settings; endpoint-url spokes only the Amazon DNS server that resolves the endpoints' own names.
      const spokeCheck = { name: ids.spokeVpcDnsCheck(spoke.name), vpcId: spoke.vpcId, label: `spoke ${spoke.name}`, configPath: `spokes.${spoke.name}.vpc.id` };
      const byMode = hub.dns === 'endpoint-url' ? { consequence: DNS_CONSEQUENCES.amazonDns, settings: ['enable_dns_support'] as const } : { consequence: DNS_CONSEQUENCES.zones };
      this.checksHcl.push(vpcDnsCheck(this, { ...spokeCheck, ...byMode }, spokeSide));
      const hubRouteTableId = (key: string) => this.read(hub, outputs.routeTableId(hub.name, key));
      // A dual-stack hub's IPv6 block, read only by spokes that route IPv6 to it (an existing VPC's is the config's).
      const hubIpv6Cidr = hub.ipv6 && spoke.ipv6Cidrs ? (hub.ipv6.cidr ?? this.read(hub, outputs.ipv6Cidr(hub.name))) : undefined;
      const tgw = hub.transitGateway;
      // A hub moving from peering to its transit gateway keeps each spoke's peering (same addresses) until
      // the last step; the routes are the peering's (step attach) or the gateway's (planning/peering-migration.ts).
      if (keepsPeering(hub)) {
        const ipv6 = hubIpv6Cidr !== undefined ? { ipv6Cidr: hubIpv6Cidr } : {};
        peeringPair(this, hub, spoke, { provider: hubSide, vpcId: this.read(hub, outputs.vpcId(hub.name)), routeTableId: hubRouteTableId, ...ipv6 }, spokeSide, project, !routesOverGateway(hub));
      }
      if (tgw) {
        transitGatewayPair(
          this,
          hub,
          spoke,
          {
            transitGatewayId: tgw.existingId ?? this.read(hub, outputs.transitGatewayId(hub.name)),
            routeTableIds: tgw.routeTables ?? { hub: this.read(hub, outputs.transitGatewayRouteTableId(hub.name, 'hub')), spokes: this.read(hub, outputs.transitGatewayRouteTableId(hub.name, 'spokes')) },
            hubProvider: hubSide,
            hubRouteTableId,
            ownerProvider: inAccount(tgw.owner.key, hub.region),
            ...(shareJoined.has(`${hub.name}/transit-gateway`) ? { shareJoined: shareJoined.get(`${hub.name}/transit-gateway`) } : {}),
            ...(hubIpv6Cidr !== undefined ? { hubIpv6Cidr } : {}),
          },
          spokeSide,
          project,
          routesOverGateway(hub),
        );
      }
      spokeIngressRules(this, hub, spoke, (group) => this.read(hub, outputs.securityGroupId(hub.name, group)), hubSide, project);
      if (hub.zoneAssociations) zoneAssociationPair(this, hub, spoke, (key) => this.read(hub, outputs.zoneId(hub.name, key)), hubSide, spokeSide);
      if (hub.dns === 'route53-profile') profileAssociation(this, hub, spoke, this.read(hub, outputs.profileId(hub.name)), spokeSide, project, shareJoined.get(`${hub.name}/profile`));
    }
  }

  /** One remote state per hub stack, one token per (hub stack, output): every spoke of an account reads the same zone ids (bench/RESULTS.md). */
  private read(hub: HubPlan, output: string): string {
    const target = stackNames.hub(hub.account.key);
    let state = this.remoteStates.get(target);
    if (!state) {
      state = remoteStateOf(this, this.plan.backend, target);
      this.remoteStates.set(target, state);
    }
    const key = `${target}/${output}`;
    let token = this.remoteOutputs.get(key);
    if (token === undefined) {
      token = state.getString(output);
      this.remoteOutputs.set(key, token);
    }
    return token;
  }

  private hub(name: string): HubPlan {
    const hub = this.plan.hubs.find((h) => h.name === name);
    if (!hub) throw new Error(`unknown hub ${name} (planning bug)`);
    return hub;
  }

  private spoke(name: string): SpokePlan {
    const spoke = this.plan.spokes.find((s) => s.name === name);
    if (!spoke) throw new Error(`unknown spoke ${name} (planning bug)`);
    return spoke;
  }
}
