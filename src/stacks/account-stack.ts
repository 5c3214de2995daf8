/**
 * One stack per AWS account: its hubs (VPC, endpoints, zones, the hub halves of peering and DNS
 * sharing) and the spoke halves of its own spoke VPCs. Spoke halves read the hub's values directly
 * when the hub is in the same stack, else from the hub stack's named outputs.
 */
import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import type { RamResourceShareAccepter } from '@cdktf/provider-aws/lib/ram-resource-share-accepter';
import { TerraformOutput, TerraformStack, type TerraformRemoteState } from 'cdktf';
import type { Construct } from 'constructs';
import { configureBackend, remoteStateOf } from '../constructs/backend';
import { hubEndpoints } from '../constructs/hub-endpoints';
import { hubVpc } from '../constructs/hub-vpc';
import { hubZones } from '../constructs/hub-zones';
import { peeringAccepter, peeringRequester } from '../constructs/peering-pair';
import { hubProfile, profileAssociation, profileShareAccepter } from '../constructs/profile-share-pair';
import { awsProviders, type ProviderFor } from '../constructs/providers';
import { DNS_CONSEQUENCES, vpcDnsCheck } from '../constructs/vpc-dns-check';
import { zoneAssociations, zoneAuthorizations } from '../constructs/zone-association-pair';
import { ids, outputs } from '../planning/naming';
import { withRequiredVersionHcl } from './hcl-terraform-block';
import type { HubPlan, NetworkPlan, SpokePlan, StackPlan } from '../planning/plan';

/** The oldest Terraform every stack works with (S3 `use_lockfile` arrived in 1.10.0). */
export const REQUIRED_TERRAFORM = '>= 1.10.0';

/** What a spoke half needs from its hub. */
interface HubValues {
  peeringId: (spoke: string) => string;
  zoneId: (zoneKey: string) => string;
  profileId: () => string;
  profileShareArn: () => string;
}

export class AccountStack extends TerraformStack {
  /** Values of the hubs built in this stack, for same-account spokes. */
  private readonly localHubs = new Map<string, HubValues>();
  private readonly remoteStates = new Map<string, TerraformRemoteState>();
  private readonly remoteOutputs = new Map<string, string>();
  /** The HCL of this stack's check blocks (vpc-dns-check.ts), for `synth --hcl`. */
  private readonly checksHcl: string[] = [];

  constructor(
    scope: Construct,
    private readonly plan: NetworkPlan,
    readonly stackPlan: StackPlan,
  ) {
    super(scope, stackPlan.name);
    // S3-native state locking (`use_lockfile`, constructs/backend.ts) needs Terraform 1.10; older
    // versions would reject the backend block or, worse, run without a lock. Every stack states it, so
    // one Terraform version works for all of them.
    this.addOverride('terraform.required_version', REQUIRED_TERRAFORM);
    configureBackend(this, plan.backend, stackPlan.name);
    const providerFor = awsProviders(this, stackPlan, plan.project);
    for (const hubName of stackPlan.hubs) {
      const hub = this.hub(hubName);
      this.buildHub(hub, providerFor(hub.region));
    }
    const accepters = new Map<string, RamResourceShareAccepter>();
    for (const hubName of stackPlan.acceptsProfileShareOf) {
      const hub = this.hub(hubName);
      accepters.set(hubName, profileShareAccepter(this, hub, this.valuesOf(hub).profileShareArn(), providerFor(hub.region)));
    }
    for (const spokeName of stackPlan.spokes) this.buildSpoke(this.spoke(spokeName), providerFor, accepters);
  }

  /**
   * `cdktf synth --hcl`: cdktf mangles required_version in the terraform block (hcl-terraform-block.ts)
   * and drops `check` overrides, which are appended here (vpc-dns-check.ts).
   */
  override toHclTerraform(): { hcl: string; metadata: Record<string, unknown> } {
    const out = super.toHclTerraform() as { hcl: string; metadata: Record<string, unknown> };
    const hcl = withRequiredVersionHcl(out.hcl, REQUIRED_TERRAFORM);
    return { ...out, hcl: this.checksHcl.length === 0 ? hcl : [hcl, ...this.checksHcl].join('\n\n') + '\n' };
  }

  private buildHub(hub: HubPlan, provider: AwsProvider): void {
    const project = this.plan.project;
    const spokes = hub.spokes.map((s) => this.spoke(s));
    const vpc = hubVpc(this, hub, provider, project);
    if (hub.existingVpcId !== undefined) {
      // Zone modes associate the zones with the hub VPC; endpoint-url mode turns on the endpoints' private DNS there.
      const consequence = hub.dns === 'endpoint-url' ? DNS_CONSEQUENCES.privateDns : DNS_CONSEQUENCES.zones;
      this.checksHcl.push(vpcDnsCheck(this, { name: ids.hubVpcDnsCheck(hub.name), vpcId: hub.existingVpcId, label: `hub ${hub.name}`, configPath: `hubs.${hub.name}.vpc.id`, consequence }, provider));
    }
    const endpoints = hubEndpoints(this, hub, vpc, provider, project);
    const zones = hubZones(this, hub, vpc.vpcId, endpoints, provider, project);
    const zoneId = (key: string) => zones.get(key)?.id as string;
    const profile = hub.profile ? hubProfile(this, hub, zones, provider, project) : undefined;
    const peeringIds = new Map<string, string>();
    for (const spoke of spokes) {
      peeringIds.set(spoke.name, peeringRequester(this, hub, spoke, vpc, provider, project));
      if (hub.dns === 'private-hosted-zones') zoneAuthorizations(this, hub, spoke, zoneId, provider);
    }
    this.localHubs.set(hub.name, {
      peeringId: (s) => peeringIds.get(s) as string,
      zoneId,
      profileId: () => profile?.profileId as string,
      profileShareArn: () => profile?.shareArn as string,
    });

    // Named outputs: the contract spoke stacks read, and what --endpoint-url users need.
    const output = (name: string, value: string, description: string) => new TerraformOutput(this, name, { value, description }).overrideLogicalId(name);
    output(outputs.vpcId(hub.name), vpc.vpcId, `Hub ${hub.name} VPC id`);
    output(outputs.cidr(hub.name), hub.cidr, `Hub ${hub.name} VPC CIDR (spoke routes point here)`);
    for (const spoke of spokes) output(outputs.peering(hub.name, spoke.name), peeringIds.get(spoke.name) as string, `Peering connection hub ${hub.name} <-> spoke ${spoke.name}`);
    for (const z of hub.zones) output(outputs.zoneId(hub.name, z.key), zoneId(z.key), `Private hosted zone ${z.zoneName}`);
    if (profile) {
      output(outputs.profileId(hub.name), profile.profileId, `Route 53 Profile of hub ${hub.name} (one association per spoke VPC)`);
      if (profile.shareArn) output(outputs.profileShareArn(hub.name), profile.shareArn, `RAM share of hub ${hub.name}'s Route 53 Profile`);
    }
    for (const ep of hub.endpoints) {
      const endpoint = endpoints.get(ep.service);
      if (endpoint) output(outputs.endpointDns(hub.name, ep.key), endpoint.dnsEntry.get(0).dnsName, `Regional DNS name of the ${ep.service} endpoint (for --endpoint-url)`);
    }
  }

  private buildSpoke(spoke: SpokePlan, providerFor: ProviderFor, accepters: Map<string, RamResourceShareAccepter>): void {
    const hub = this.hub(spoke.hub);
    const values = this.valuesOf(hub);
    const provider = providerFor(spoke.region);
    peeringAccepter(this, hub, spoke, values.peeringId(spoke.name), provider, this.plan.project);
    // Zone modes need both settings; endpoint-url spokes only the Amazon DNS server that resolves the endpoints' own names.
    const spokeCheck = { name: ids.spokeVpcDnsCheck(spoke.name), vpcId: spoke.vpcId, label: `spoke ${spoke.name}`, configPath: `spokes.${spoke.name}.vpc.id` };
    const byMode = hub.dns === 'endpoint-url' ? { consequence: DNS_CONSEQUENCES.amazonDns, settings: ['enable_dns_support'] as const } : { consequence: DNS_CONSEQUENCES.zones };
    this.checksHcl.push(vpcDnsCheck(this, { ...spokeCheck, ...byMode }, provider));
    if (hub.dns === 'private-hosted-zones') zoneAssociations(this, hub, spoke, values.zoneId, provider);
    if (hub.dns === 'route53-profile') profileAssociation(this, hub, spoke, values.profileId(), provider, this.plan.project, accepters.get(hub.name));
  }

  private valuesOf(hub: HubPlan): HubValues {
    const local = this.localHubs.get(hub.name);
    if (local) return local;
    const target = hub.account.key;
    let state = this.remoteStates.get(target);
    if (!state) {
      state = remoteStateOf(this, this.plan.backend, target);
      this.remoteStates.set(target, state);
    }
    const s = state;
    // One token per (hub stack, output): every spoke of an account reads the same zone ids, and each
    // getString creates a token (and a stack trace) of its own (bench/RESULTS.md).
    const read = (output: string): string => {
      const key = `${target}/${output}`;
      let token = this.remoteOutputs.get(key);
      if (token === undefined) {
        token = s.getString(output);
        this.remoteOutputs.set(key, token);
      }
      return token;
    };
    return {
      peeringId: (spoke) => read(outputs.peering(hub.name, spoke)),
      zoneId: (key) => read(outputs.zoneId(hub.name, key)),
      profileId: () => read(outputs.profileId(hub.name)),
      profileShareArn: () => read(outputs.profileShareArn(hub.name)),
    };
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
