/**
 * Adoption (hubs.<hub>.adopt, spokes.<spoke>.adopt): what is adopted must be something the config
 * builds (its import block has a resource to attach to), in a VPC we do not create (an endpoint or
 * group of a created VPC cannot exist yet), and nothing may be adopted twice (two resources would
 * manage one object, and the second import fails). Id formats are the schema's.
 */
import type { Finding } from './findings';
import { formatPath } from './paths';
import type { PlanValidationContext } from './validate';

export function validateAdopt({ config, raw, plan }: PlanValidationContext): Finding[] {
  const findings: Finding[] = [];
  const seen = new Map<string, string>();
  const once = (id: string, path: string) => {
    const previous = seen.get(id);
    if (previous !== undefined) {
      findings.push({ severity: 'error', code: 'AdoptedTwice', path, value: id, message: `is adopted already at ${previous}; one AWS object can be managed by one resource only`, fix: 'adopt it in one place, and give the other entry its own id' });
    } else seen.set(id, path);
  };
  config.hubs.forEach((h, i) => {
    const adopt = h.adopt;
    if (!adopt) return;
    const at = `${formatPath(['hubs', i], raw)}.adopt`;
    const hub = plan.hubs.find((x) => x.name === h.name);
    if (!hub) return;
    if (h.vpc.id === undefined && (adopt.securityGroupId !== undefined || Object.keys(adopt.endpoints).length > 0 || adopt.transitGatewayAttachmentId !== undefined)) {
      findings.push({
        severity: 'error',
        code: 'AdoptNeedsExistingVpc',
        path: at,
        value: h.name,
        message: `adopts a security group, endpoints or a transit gateway attachment, but hub ${h.name}'s VPC is one vpce-hub creates: they live in the existing hub VPC, and would be replaced (vpc_id forces it)`,
        fix: 'give the existing hub VPC under vpc: (id, cidr, subnets, routeTableIds)',
      });
    }
    if (adopt.securityGroupId !== undefined) once(adopt.securityGroupId, `${at}.securityGroupId`);
    if (adopt.transitGatewayAttachmentId !== undefined) {
      if (!hub.transitGateway) findings.push(noGateway(`${at}.transitGatewayAttachmentId`, adopt.transitGatewayAttachmentId, `hub ${h.name}`, h.name));
      once(adopt.transitGatewayAttachmentId, `${at}.transitGatewayAttachmentId`);
    }
    const services = new Set(hub.endpoints.map((e) => e.service));
    for (const [service, id] of Object.entries(adopt.endpoints)) {
      const path = `${at}.endpoints.${service}`;
      if (!services.has(service)) {
        findings.push({ severity: 'error', code: 'AdoptNotBuilt', path, value: service, message: `is not a service of hub ${h.name}, so no endpoint can take over ${id}`, fix: `add ${service} to hubs.${h.name}.services, or remove it from adopt.endpoints` });
      }
      once(id, path);
    }
    const zones = new Set(hub.zones.map((z) => z.zoneName));
    for (const [zone, id] of Object.entries(adopt.zones)) {
      const path = `${at}.zones.${zone}`;
      if (!zones.has(zone)) {
        const known = [...zones].sort();
        findings.push({
          severity: 'error',
          code: 'AdoptNotBuilt',
          path,
          value: zone,
          message: h.dns === 'endpoint-url' ? `hub ${h.name} builds no zones (dns: endpoint-url)` : `is not a zone hub ${h.name} builds`,
          fix: known.length > 0 ? `use one of: ${known.join(', ')}` : 'remove adopt.zones',
        });
      }
      once(id, path);
    }
  });
  config.spokes.forEach((s, i) => {
    const attachment = s.adopt?.transitGatewayAttachmentId;
    if (attachment !== undefined) {
      const path = `${formatPath(['spokes', i], raw)}.adopt.transitGatewayAttachmentId`;
      const hub = plan.hubs.find((x) => x.name === plan.spokes.find((y) => y.name === s.name)?.hub);
      if (hub && !hub.transitGateway) findings.push(noGateway(path, attachment, `spoke ${s.name}`, hub.name));
      once(attachment, path);
    }
    const id = s.adopt?.peeringConnectionId;
    if (id === undefined) return;
    const path = `${formatPath(['spokes', i], raw)}.adopt.peeringConnectionId`;
    const spoke = plan.spokes.find((x) => x.name === s.name);
    const hub = plan.hubs.find((x) => x.name === spoke?.hub);
    // A hub mid-migration keeps its spokes' peerings (planning/peering-migration.ts): those can be adopted.
    if (hub?.transitGateway && hub.peeringMigration === undefined) {
      findings.push({ severity: 'error', code: 'AdoptNotBuilt', path, value: id, message: `spoke ${s.name} reaches hub ${hub.name} through its transit gateway: there is no peering to adopt`, fix: 'remove adopt.peeringConnectionId (or give the hub connectivity: peering)' });
    }
    once(id, path);
  });
  return findings;
}

/** An attachment adopted for a hub or spoke whose hub peers: there is no gateway to attach to. */
function noGateway(path: string, id: string, what: string, hub: string): Finding {
  return {
    severity: 'error',
    code: 'AdoptNotBuilt',
    path,
    value: id,
    message: `${what} belongs to hub ${hub}, which connects by peering: no transit gateway attachment is built to take over ${id}`,
    fix: `give hub ${hub} connectivity: transit-gateway with transitGateway.id of that attachment's gateway, or remove adopt.transitGatewayAttachmentId`,
  };
}
