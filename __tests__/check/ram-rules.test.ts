import { ramAccepterHasInvitation } from '../../src/analysis/rules/ram-accepter';
import { body, example, flagged, messages, mutated, removeResource } from './support/trees';

const MULTI = 'examples/multi-hub/vpce-hub.yaml';
const ACCEPTER = 'aws_ram_resource_share_accepter.hub_use1_profile';
const PRINCIPAL = 'aws_ram_principal_association.hub_use1_profile_to_us-apps';

describe('VH-RAM-001 an accepter only where an invitation exists', () => {
  const { stacks, tree } = example(MULTI);

  it('passes the example that shares account by account with invitations, and the organization-wide one without accepters', () => {
    expect(flagged(ramAccepterHasInvitation, tree)).toEqual([]);
    expect(flagged(ramAccepterHasInvitation, example('examples/route53-profile/vpce-hub.yaml').tree)).toEqual([]);
  });

  it('flags an accepter whose account the share does not name (the organization principal sends no invitation)', () => {
    const t = mutated(stacks, (s) => removeResource(s, 'us-apps', PRINCIPAL));
    expect(flagged(ramAccepterHasInvitation, t)).toEqual([`us-apps/${ACCEPTER}`]);
    expect(messages(ramAccepterHasInvitation, t)).toEqual(['no aws_ram_principal_association names account 222222222222 on this share, so RAM sends it no invitation to accept']);
  });

  it('flags a principal association that names another account', () => {
    const t = mutated(stacks, (s) => (body(s, 'us-apps', PRINCIPAL).principal = '333333333333'));
    expect(flagged(ramAccepterHasInvitation, t)).toEqual([`us-apps/${ACCEPTER}`]);
  });
});
