/**
 * An existing transit gateway's default route tables (issue 16, section 2): an organization's gateway
 * usually associates and propagates every new attachment by default. What vpce-hub can and cannot undo:
 * - an accepter (owner's account) or, in the owner's own account, the attachment resource turns the
 *   attachment's default association and propagation off: their Create and Update call
 *   transitGatewayRouteTableAssociationUpdate / transitGatewayRouteTablePropagationUpdate on the
 *   gateway's AssociationDefaultRouteTableId and PropagationDefaultRouteTableId
 *   (terraform-provider-aws internal/service/ec2/transitgateway_vpc_attachment_accepter.go and
 *   transitgateway_vpc_attachment.go; https://registry.terraform.io/providers/hashicorp/aws/5.100.0/docs/resources/ec2_transit_gateway_vpc_attachment_accepter);
 * - a new attachment on an auto-accepting gateway has no accepter (its Create would accept an attachment
 *   AWS has accepted already), so nothing turns its default propagation off: the spoke's CIDRs would be
 *   routable from every attachment associated with the default table. Its association could be replaced
 *   (replace_existing_association, provider PR 31452), its propagation cannot: rejected.
 * - the accepter's refresh reads "default association" as "associated with the default association
 *   table" (the same for propagation), so a vpce-hub table that is a default table flaps forever:
 *   the next apply turns "default association" off, which removes vpce-hub's own association, which
 *   the apply after recreates. Rejected.
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_TransitGatewayOptions.html
 */
import type { Finding } from './findings';
import { formatPath } from './paths';
import { hubOfSpoke } from './resolve';
import type { ValidationContext } from './validate';

export function validateTransitGatewayDefaults({ config, raw }: ValidationContext): Finding[] {
  const findings: Finding[] = [];
  config.hubs.forEach((hub, hi) => {
    const tgw = hub.transitGateway;
    if (hub.connectivity !== 'transit-gateway' || !tgw || tgw.id === undefined) return;
    const at = `${formatPath(['hubs', hi], raw)}.transitGateway`;
    const owner = tgw.account ?? hub.account;
    const attachments = [
      { name: `hub ${hub.name}`, account: hub.account, adopted: hub.adopt?.transitGatewayAttachmentId !== undefined },
      ...config.spokes.filter((s) => hubOfSpoke(config, s)?.name === hub.name).map((s) => ({ name: `spoke ${s.name}`, account: s.account, adopted: s.adopt?.transitGatewayAttachmentId !== undefined })),
    ];
    const foreign = attachments.filter((a) => a.account !== owner);
    const defaults = tgw.defaultRouteTableIds;
    const describe = `aws ec2 describe-transit-gateways --transit-gateway-ids ${tgw.id} --query 'TransitGateways[0].Options'`;

    // Accepters (every foreign attachment unless auto-accepted; an adopted one always) undo the defaults
    // on tables the hub-side role's policy can name only when the config lists them.
    const accepted = foreign.filter((a) => !tgw.autoAcceptSharedAttachments || a.adopted);
    if (accepted.length > 0 && defaults === undefined) {
      const scoped = config.accounts[owner]?.hubSideRoleArn !== undefined;
      findings.push({
        severity: scoped ? 'error' : 'warning',
        code: scoped ? 'TransitGatewayDefaultRouteTablesUnknown' : 'TransitGatewayDefaultRouteTablesUnlisted',
        path: `${at}.defaultRouteTableIds`,
        message: scoped
          ? `is not set: attachments from other accounts than the owner ${owner} are accepted with default association and propagation off, which disassociates them from and disables their propagation into the gateway's default route tables, and the hub-side role (accounts.${owner}.hubSideRoleArn) may do that only on tables the config names`
          : `is not set: attachments from other accounts than the owner ${owner} are accepted with default association and propagation off, on the gateway's default route tables; the owner's stacks assume accounts.${owner}.roleArn (no hubSideRoleArn), which may do that, but vpce-hub iam-policy cannot scope a least-privilege role to those tables without their ids`,
        fix: `set it to the gateway's AssociationDefaultRouteTableId and PropagationDefaultRouteTableId (${describe}), or [] when DefaultRouteTableAssociation and DefaultRouteTablePropagation are both disable`,
      });
    }

    const fresh = foreign.filter((a) => !a.adopted);
    if (tgw.autoAcceptSharedAttachments && fresh.length > 0 && (defaults === undefined || defaults.length > 0)) {
      findings.push({
        severity: 'error',
        code: 'TransitGatewayAutoAcceptDefaults',
        path: `${at}.autoAcceptSharedAttachments`,
        value: true,
        message:
          `is true on an existing gateway whose default route tables are ${defaults === undefined ? 'not stated (defaultRouteTableIds)' : `in use (${defaults.join(', ')})`}: AWS associates every auto-accepted attachment with the default association table and propagates it into the default propagation table. ` +
          `vpce-hub could replace the association, but nothing can turn the propagation off for an attachment without an accepter, so the CIDRs of ${fresh.map((a) => a.name).join(', ')} would be routable from every attachment associated with the default table`,
        fix: `have the owner ${owner} turn the defaults off (aws ec2 modify-transit-gateway --transit-gateway-id ${tgw.id} --options DefaultRouteTableAssociation=disable,DefaultRouteTablePropagation=disable; it changes what every new attachment of the gateway gets) and set defaultRouteTableIds: [], or turn auto-accept off (AutoAcceptSharedAttachments=disable, autoAcceptSharedAttachments: false) so each attachment gets an accepter, or adopt attachments that exist already (adopt.transitGatewayAttachmentId)`,
      });
    }

    for (const which of ['hub', 'spokes'] as const) {
      const id = tgw.routeTables?.[which];
      if (id === undefined || !(defaults ?? []).includes(id)) continue;
      findings.push({
        severity: 'error',
        code: 'TransitGatewayRouteTableIsDefault',
        path: `${at}.routeTables.${which}`,
        value: id,
        message: `is also a default route table of the gateway (defaultRouteTableIds): every attachment the gateway associates or propagates by default would share vpce-hub's ${which} segment, and the accepters read vpce-hub's own association and propagation there as "default on" and turn them off on every next apply, which the apply after recreates, forever`,
        fix: 'use route tables of their own for vpce-hub (or remove routeTables: the hub stack then creates both in the owner\'s account)',
      });
    }
  });
  return findings;
}
