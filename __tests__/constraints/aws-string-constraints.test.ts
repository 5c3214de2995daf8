import { characters, distinctTagRows, PROVIDER_ARGUMENTS, RESOURCE_ARGUMENTS, ROWS, TAGS_BY_TYPE, violation } from '../../src/constraints/aws-string-constraints';
import { awsNames } from '../../src/planning/naming';

describe('the AWS string constraint table', () => {
  it('cites an AWS API reference page for every row, and every mapping names an existing row', () => {
    for (const row of Object.values(ROWS)) expect(row.source).toMatch(/^https:\/\/docs\.aws\.amazon\.com\/.+\.html$/);
    const used = [...Object.values(RESOURCE_ARGUMENTS).flatMap((a) => Object.values(a)), ...Object.values(TAGS_BY_TYPE).flat(), ...Object.values(PROVIDER_ARGUMENTS)];
    for (const id of used) expect(ROWS).toHaveProperty([id]);
    expect(distinctTagRows().length).toBe(new Set(Object.values(TAGS_BY_TYPE).map((r) => r.join('|'))).size);
  });

  it('holds Route 53 Profiles names to AWS\'s pattern: no dots, not only digits, at most 64', () => {
    const row = ROWS['route53profiles.resource-association.name'];
    expect(violation(row, 'sqs.us-east-1.amazonaws.com')).toMatch(/contains "\."/);
    expect(violation(row, '12345')).toMatch(/is not allowed/);
    expect(violation(row, "it's a_name-1 2")).toBeUndefined();
    expect(violation(row, 'x'.repeat(65))).toMatch(/65 characters long, over the limit of 64/);
  });

  it('counts Unicode characters, not UTF-16 units, and checks reserved prefixes case-insensitively', () => {
    expect(characters('🙂'.repeat(256))).toBe(256);
    expect(violation(ROWS['ec2.tag.value'], '🙂'.repeat(256))).toBeUndefined();
    expect(violation(ROWS['ec2.tag.key'], 'AWS:team')).toMatch(/starts with aws:/);
    expect(violation(ROWS['logs.log-group.name'], 'aws/vpc')).toMatch(/starts with aws\//);
  });
});

describe('profile resource association names (the route53-profile apply failure)', () => {
  it('writes the zone name with underscores instead of dots', () => {
    expect(awsNames.profileResourceAssociation('sqs.us-east-1.amazonaws.com')).toBe('sqs_us-east-1_amazonaws_com');
    expect(violation(ROWS['route53profiles.resource-association.name'], awsNames.profileResourceAssociation('sqs.us-east-1.amazonaws.com'))).toBeUndefined();
  });

  it('cuts a long zone name to 64 characters with a fingerprint, so two long names stay distinct', () => {
    const a = awsNames.profileResourceAssociation(`${'a'.repeat(60)}.one.example.com`);
    const b = awsNames.profileResourceAssociation(`${'a'.repeat(60)}.two.example.com`);
    expect([a.length, b.length]).toEqual([64, 64]);
    expect(a).not.toBe(b);
    for (const n of [a, b]) expect(violation(ROWS['route53profiles.resource-association.name'], n)).toBeUndefined();
  });
});
