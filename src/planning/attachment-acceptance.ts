/**
 * Who accepts a VPC attachment to a hub's transit gateway. An attachment from the owner's own account
 * needs no acceptance. One from another account is accepted in the owner's account by an accepter
 * resource, unless the gateway accepts shared attachments by itself (AutoAcceptSharedAttachments: then
 * an accepter's Create would accept it a second time); an adopted attachment keeps an accepter even
 * there, imported, since its Update is the one API path that takes the attachment out of the default
 * tables (constructs/transit-gateway.ts, acceptInOwner).
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_AcceptTransitGatewayVpcAttachment.html
 */
import type { TransitGatewayPlan } from './plan';

export const getsAccepter = (tgw: Pick<TransitGatewayPlan, 'owner' | 'autoAcceptSharedAttachments'>, accountId: string, adopted: boolean): boolean =>
  tgw.owner.id !== accountId && (!tgw.autoAcceptSharedAttachments || adopted);
