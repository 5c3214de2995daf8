/**
 * A hub stack: only what a hub shares with every spoke (issue 9). VPC, subnets, route tables,
 * endpoints, security groups, zones and records, the Route 53 Profile with its share and organization
 * or OU principals, and the named outputs that spokes stacks read. Nothing here depends on which spokes
 * exist, so adding, removing or changing a spoke leaves this stack's plan empty (a property test holds
 * us to that); the one exception is a new shared resource, which validate announces.
 */
import { TerraformOutput } from 'cdktf';
import type { Construct } from 'constructs';
import { hubEndpoints } from '../constructs/hub-endpoints';
import { hubVpc } from '../constructs/hub-vpc';
import { hubZones } from '../constructs/hub-zones';
import { hubProfile } from '../constructs/profile-share-pair';
import { hubOnPremises } from '../constructs/on-premises';
import { awsProviders, hubSideProviders, type HubSideProviderFor } from '../constructs/providers';
import { hubTransitGateway } from '../constructs/transit-gateway';
import { DNS_CONSEQUENCES, vpcDnsCheck } from '../constructs/vpc-dns-check';
import { ids, outputs, ramResourceKey } from '../planning/naming';
import type { HubPlan, NetworkPlan, StackPlan } from '../planning/plan';
import { VpceHubStack } from './vpce-hub-stack';

export class HubStack extends VpceHubStack {
  constructor(scope: Construct, plan: NetworkPlan, stackPlan: StackPlan) {
    super(scope, plan, stackPlan);
    const providerFor = awsProviders(this, stackPlan, plan);
    // A transit gateway owned by another account: the owner's halves of the hub attachment act there.
    const ownerProviderFor = hubSideProviders(this, stackPlan, plan);
    for (const hubName of stackPlan.hubs) {
      const hub = plan.hubs.find((h) => h.name === hubName);
      if (!hub) throw new Error(`unknown hub ${hubName} (planning bug)`);
      this.buildHub(hub, providerFor(hub.region), ownerProviderFor);
    }
  }

  private buildHub(hub: HubPlan, provider: ReturnType<ReturnType<typeof awsProviders>>, ownerProviderFor: HubSideProviderFor): void {
    const project = this.plan.project;
    const vpc = hubVpc(this, hub, provider, project);
    if (hub.existingVpcId !== undefined) {
      // Zone modes associate the zones with the hub VPC; endpoint-url mode turns on the endpoints' private DNS there.
      const consequence = hub.dns === 'endpoint-url' ? DNS_CONSEQUENCES.privateDns : DNS_CONSEQUENCES.zones;
      this.checksHcl.push(vpcDnsCheck(this, { name: ids.hubVpcDnsCheck(hub.name), vpcId: hub.existingVpcId, label: `hub ${hub.name}`, configPath: `hubs.${hub.name}.vpc.id`, consequence }, provider));
    }
    const { endpoints, securityGroupIds } = hubEndpoints(this, hub, vpc, provider, project);
    const zones = hubZones(this, hub, vpc.vpcId, endpoints, provider, project);
    const profile = hub.profile ? hubProfile(this, hub, zones, provider, project) : undefined;
    const owner = hub.transitGateway?.owner;
    const tgw = owner ? hubTransitGateway(this, hub, vpc, provider, owner.key === hub.account.key ? provider : ownerProviderFor(owner.key, hub.region), project) : undefined;
    const onPremises = hubOnPremises(this, hub, vpc, provider, project);

    // Named outputs: the whole contract between a hub stack and the spokes stacks (and --endpoint-url users).
    const output = (name: string, value: string, description: string) => new TerraformOutput(this, name, { value, description }).overrideLogicalId(name);
    output(outputs.vpcId(hub.name), vpc.vpcId, `Hub ${hub.name} VPC id`);
    output(outputs.cidr(hub.name), hub.cidr, `Hub ${hub.name} VPC CIDR (spoke routes point here)`);
    if (vpc.ipv6CidrBlock !== undefined) output(outputs.ipv6Cidr(hub.name), vpc.ipv6CidrBlock, `Hub ${hub.name} VPC IPv6 block (IPv6 spoke routes point here)`);
    for (const table of hub.routeTables) output(outputs.routeTableId(hub.name, table.key), vpc.routeTableIds.get(table.key) as string, `Hub ${hub.name} route table ${table.key} (return routes to the spokes)`);
    for (const [group, id] of securityGroupIds) output(outputs.securityGroupId(hub.name, group), id, `Hub ${hub.name} endpoint security group ${group} (spoke HTTPS rules)`);
    for (const z of hub.zones) output(outputs.zoneId(hub.name, z.key), zones.get(z.key)?.id as string, `Private hosted zone ${z.zoneName}`);
    if (profile) {
      output(outputs.profileId(hub.name), profile.profileId, `Route 53 Profile of hub ${hub.name} (one association per spoke VPC)`);
      if (profile.shareArn) output(outputs.profileShareArn(hub.name), profile.shareArn, `RAM share of hub ${hub.name}'s Route 53 Profile`);
    }
    if (tgw) {
      if (tgw.created) output(outputs.transitGatewayId(hub.name), tgw.transitGatewayId, `Transit gateway of hub ${hub.name}`);
      if (tgw.createdRouteTables) {
        output(outputs.transitGatewayRouteTableId(hub.name, 'hub'), tgw.routeTableIds.hub, `Transit gateway route table of hub ${hub.name}'s attachment (spoke attachments propagate into it)`);
        output(outputs.transitGatewayRouteTableId(hub.name, 'spokes'), tgw.routeTableIds.spokes, `Transit gateway route table of the spokes of hub ${hub.name} (only the hub attachment propagates into it)`);
      }
      if (tgw.shareArn) output(outputs.ramShareArn(hub.name, ramResourceKey('transit-gateway')), tgw.shareArn, `RAM share of hub ${hub.name}'s transit gateway`);
    }
    if (hub.onPremises) {
      new TerraformOutput(this, outputs.forwardedZones(hub.name), {
        value: hub.onPremises.forwardedZones,
        description: `Zones on-premises DNS servers forward to hub ${hub.name}'s inbound resolver addresses`,
      }).overrideLogicalId(outputs.forwardedZones(hub.name));
    }
    if (onPremises.inboundIps) output(outputs.inboundResolverIps(hub.name), onPremises.inboundIps, `Route 53 Resolver inbound endpoint addresses of hub ${hub.name} (conditional forwarding targets)`);
    if (onPremises.inboundIpv6s) output(outputs.inboundResolverIpv6s(hub.name), onPremises.inboundIpv6s, `Route 53 Resolver inbound endpoint IPv6 addresses of hub ${hub.name} (conditional forwarding targets)`);
    for (const ep of hub.endpoints) {
      const endpoint = endpoints.get(ep.service);
      if (endpoint) output(outputs.endpointDns(hub.name, ep.key), endpoint.dnsEntry.get(0).dnsName, `Regional DNS name of the ${ep.service} endpoint (for --endpoint-url)`);
    }
  }
}
