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
import { awsProviders } from '../constructs/providers';
import { DNS_CONSEQUENCES } from '../constructs/vpc-dns-check';
import { ids, outputs } from '../planning/naming';
import type { HubPlan, NetworkPlan, StackPlan } from '../planning/plan';
import { VpceHubStack } from './vpce-hub-stack';

export class HubStack extends VpceHubStack {
  constructor(scope: Construct, plan: NetworkPlan, stackPlan: StackPlan) {
    super(scope, plan, stackPlan);
    const providerFor = awsProviders(this, stackPlan, plan.project);
    for (const hubName of stackPlan.hubs) {
      const hub = plan.hubs.find((h) => h.name === hubName);
      if (!hub) throw new Error(`unknown hub ${hubName} (planning bug)`);
      this.buildHub(hub, providerFor(hub.region));
    }
  }

  private buildHub(hub: HubPlan, provider: ReturnType<ReturnType<typeof awsProviders>>): void {
    const project = this.plan.project;
    const vpc = hubVpc(this, hub, provider, project);
    if (hub.existingVpcId !== undefined) {
      // Zone modes associate the zones with the hub VPC; endpoint-url mode turns on the endpoints' private DNS there.
      const consequence = hub.dns === 'endpoint-url' ? DNS_CONSEQUENCES.privateDns : DNS_CONSEQUENCES.zones;
      this.addVpcDnsCheck({ name: ids.hubVpcDnsCheck(hub.name), vpcId: hub.existingVpcId, label: `hub ${hub.name}`, configPath: `hubs.${hub.name}.vpc.id`, consequence }, provider);
    }
    const { endpoints, securityGroupIds } = hubEndpoints(this, hub, vpc, provider, project);
    const zones = hubZones(this, hub, vpc.vpcId, endpoints, provider, project);
    const profile = hub.profile ? hubProfile(this, hub, zones, provider, project) : undefined;

    // Named outputs: the whole contract between a hub stack and the spokes stacks (and --endpoint-url users).
    const output = (name: string, value: string, description: string) => new TerraformOutput(this, name, { value, description }).overrideLogicalId(name);
    output(outputs.vpcId(hub.name), vpc.vpcId, `Hub ${hub.name} VPC id`);
    output(outputs.cidr(hub.name), hub.cidr, `Hub ${hub.name} VPC CIDR (spoke routes point here)`);
    for (const table of hub.routeTables) output(outputs.routeTableId(hub.name, table.key), vpc.routeTableIds.get(table.key) as string, `Hub ${hub.name} route table ${table.key} (return routes to the spokes)`);
    for (const [group, id] of securityGroupIds) output(outputs.securityGroupId(hub.name, group), id, `Hub ${hub.name} endpoint security group ${group} (spoke HTTPS rules)`);
    for (const z of hub.zones) output(outputs.zoneId(hub.name, z.key), zones.get(z.key)?.id as string, `Private hosted zone ${z.zoneName}`);
    if (profile) {
      output(outputs.profileId(hub.name), profile.profileId, `Route 53 Profile of hub ${hub.name} (one association per spoke VPC)`);
      if (profile.shareArn) output(outputs.profileShareArn(hub.name), profile.shareArn, `RAM share of hub ${hub.name}'s Route 53 Profile`);
    }
    for (const ep of hub.endpoints) {
      const endpoint = endpoints.get(ep.service);
      if (endpoint) output(outputs.endpointDns(hub.name, ep.key), endpoint.dnsEntry.get(0).dnsName, `Regional DNS name of the ${ep.service} endpoint (for --endpoint-url)`);
    }
  }
}
