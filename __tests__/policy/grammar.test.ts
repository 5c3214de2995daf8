/**
 * The IAM policy grammar as Access Analyzer's ValidatePolicy checks it, offline: each bad document
 * gets its code, names the statement (Sid, else position from 1) and the element; every template of
 * every catalogue service and AWS's own default endpoint policy pass without a problem.
 */
import { CATALOGUE_SERVICE_NAMES } from './catalogue-names';
import { checkPolicyGrammar, CONDITION_OPERATORS, parsePolicyJson } from '../../src/policy/grammar';
import { FULL_ACCESS_POLICY, templateFor } from '../../src/policy/templates';

const ENDPOINT = { principal: 'required' } as const;
const ok = { Sid: 'Org', Effect: 'Allow', Principal: '*', Action: '*', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } };
const doc = (...statements: unknown[]) => ({ Version: '2012-10-17', Statement: statements });
const problems = (d: unknown) => checkPolicyGrammar(d, ENDPOINT).map((p) => `${p.severity} ${p.code}: ${p.message}`);

describe('documents that pass', () => {
  it.each(CATALOGUE_SERVICE_NAMES)('every template of %s, in both identity forms and partitions', (service) => {
    for (const region of ['us-east-1', 'cn-north-1', 'us-gov-west-1']) {
      expect(problems(templateFor(service, { region, identity: { organizationId: 'o-a1b2c3d4e5' } }))).toEqual([]);
      expect(problems(templateFor(service, { region, identity: { principals: ['arn:aws:iam::222222222222:role/workload', '444444444444'] } }))).toEqual([]);
    }
  });

  it("AWS's default endpoint policy (no Version, one statement object) and every operator, with IfExists and set qualifiers", () => {
    expect(problems(FULL_ACCESS_POLICY)).toEqual([]);
    expect(problems({ Statement: { Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' } })).toEqual([]);
    const condition = Object.fromEntries(CONDITION_OPERATORS.flatMap((op) => [[op, { 'aws:PrincipalTag/Cost Center': op === 'Bool' || op === 'Null' ? 'true' : ['a', 1] }], ...(op === 'Null' ? [] : [[`ForAnyValue:${op}IfExists`, { 'aws:TagKeys': op === 'Bool' ? false : 'x' }]])]));
    expect(problems(doc({ ...ok, Condition: condition }))).toEqual([]);
    expect(problems(doc({ ...ok, Principal: { AWS: ['111111111111', 'arn:aws-us-gov:iam::111111111111:role/a/b', 'arn:aws:sts::111111111111:assumed-role/r/s'], Service: 'ec2.amazonaws.com' }, Action: undefined, Resource: undefined, NotAction: 's3:Delete*', NotResource: ['arn:aws:s3:::bucket/*', 'arn:aws:sqs:*:*:queue-?'] }))).toEqual([]);
  });
});

describe('documents that IAM would reject, named by statement and element', () => {
  it.each([
    ['a Version that is a date of ours', { ...doc(ok), Version: '2024-01-01' }, 'error PolicyVersionInvalid: Version "2024-01-01" is not a policy language version (2012-10-17 or 2008-10-17)'],
    ['no Statement', { Version: '2012-10-17' }, 'error PolicyInvalid: has no Statement'],
    ['an empty Statement list', doc(), 'error PolicyInvalid: has an empty Statement list'],
    ['Statement as a string', { Statement: 'Allow' }, 'error PolicyElementType: Statement is a string, not a statement object or a list of them'],
    ['an unknown top-level element', { ...doc(ok), statement: [] }, 'error PolicyElementUnknown: has the element "statement", which is not part of a policy (Version, Id, Statement)'],
    ['a statement that is a list', doc([ok]), 'error PolicyInvalid: statement 1 is a list, not a JSON object'],
    ['no Effect', doc({ ...ok, Effect: undefined }), 'error PolicyElementMissing: statement Org has no Effect'],
    ['Effect in lower case', doc({ ...ok, Effect: 'allow' }), 'error PolicyEffectInvalid: statement Org has Effect "allow", which is neither Allow nor Deny'],
    ['Effect as a boolean', doc({ ...ok, Effect: true }), 'error PolicyElementType: statement Org has an Effect that is a boolean, not a string'],
    ['an element in the wrong case', doc({ ...ok, Sid: undefined, action: 's3:GetObject' }), 'error PolicyElementUnknown: statement 1 has the element "action", which is not a statement element'],
    ['neither Action nor NotAction', doc({ ...ok, Action: undefined }), 'error PolicyElementMissing: statement Org has neither Action nor NotAction'],
    ['both Action and NotAction', doc({ ...ok, NotAction: 's3:*' }), 'error PolicyElementConflict: statement Org has both Action and NotAction'],
    ['an empty Action list', doc({ ...ok, Action: [] }), 'error PolicyElementMissing: statement Org has an empty Action list, which matches nothing'],
    ['an action without its service', doc({ ...ok, Action: ['GetObject'] }), 'error PolicyActionInvalid: statement Org has Action "GetObject", which is not "*" or service:Action'],
    ['a wildcard in the service prefix', doc({ ...ok, Action: 's3*:Get' }), 'error PolicyActionInvalid: statement Org has Action "s3*:Get", which is not "*" or service:Action'],
    ['a number in Action', doc({ ...ok, Action: ['s3:GetObject', 7] }), 'error PolicyElementType: statement Org has a number in Action, where strings are expected'],
    ['neither Resource nor NotResource', doc({ ...ok, Resource: undefined }), 'error PolicyElementMissing: statement Org has neither Resource nor NotResource'],
    ['a resource that is not an ARN', doc({ ...ok, Resource: 'my-bucket/*' }), 'error PolicyResourceInvalid: statement Org has Resource "my-bucket/*", which is not "*" or an ARN (arn:partition:service:region:account:resource)'],
    ['an ARN missing its fields', doc({ ...ok, Resource: 'arn:aws:sqs:*' }), 'error PolicyResourceInvalid: statement Org has Resource "arn:aws:sqs:*", which is not "*" or an ARN (arn:partition:service:region:account:resource)'],
    ['no Principal', doc({ ...ok, Principal: undefined }), 'error PolicyNoPrincipal: statement Org has no Principal; an endpoint policy statement must name one'],
    ['both Principal and NotPrincipal', doc({ ...ok, NotPrincipal: { AWS: '111111111111' } }), 'error PolicyElementConflict: statement Org has both Principal and NotPrincipal'],
    ['a Principal string other than *', doc({ ...ok, Principal: '111111111111' }), 'error PolicyPrincipalInvalid: statement Org has Principal "111111111111"; a Principal string can only be "*"'],
    ['a Principal key in the wrong case', doc({ ...ok, Principal: { aws: '111111111111' } }), 'error PolicyPrincipalInvalid: statement Org has Principal key "aws"; the keys are AWS, Service, Federated, CanonicalUser'],
    ['a wildcard inside an AWS principal', doc({ ...ok, Principal: { AWS: 'arn:aws:iam::111111111111:role/app-*' } }), 'error PolicyPrincipalInvalid: statement Org has Principal AWS "arn:aws:iam::111111111111:role/app-*", which is neither "*", a 12-digit account id, nor the ARN of an account root, IAM user or role, or STS session (wildcards are not allowed inside one)'],
    ['an empty Principal object', doc({ ...ok, Principal: {} }), 'error PolicyElementMissing: statement Org has an empty Principal object, which names no one'],
    ['a Principal list', doc({ ...ok, Principal: ['*'] }), 'error PolicyElementType: statement Org has a Principal that is a list'],
    ['an unknown condition operator', doc({ ...ok, Condition: { StringEqual: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } }), 'error PolicyConditionOperator: statement Org has the condition operator "StringEqual", which IAM does not know'],
    ['an operator in the wrong case', doc({ ...ok, Condition: { stringequals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } }), 'error PolicyConditionOperator: statement Org has the condition operator "stringequals", which IAM does not know'],
    ['an unknown set qualifier', doc({ ...ok, Condition: { 'ForEachValue:StringEquals': { 'aws:TagKeys': 'x' } } }), 'error PolicyConditionOperator: statement Org has the condition operator "ForEachValue:StringEquals", whose set qualifier "ForEachValue" is neither ForAllValues nor ForAnyValue'],
    ['Null with IfExists', doc({ ...ok, Condition: { NullIfExists: { 'aws:PrincipalOrgID': 'true' } } }), 'error PolicyConditionOperator: statement Org has the condition operator "NullIfExists", but Null takes no IfExists (Null already tests whether the key exists)'],
    ['a condition key without its prefix', doc({ ...ok, Condition: { StringEquals: { PrincipalOrgID: 'o-a1b2c3d4e5' } } }), 'error PolicyConditionKey: statement Org has the condition key "PrincipalOrgID" under StringEquals, which is not prefix:name'],
    ['one condition key twice in different case', doc({ ...ok, Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5', 'aws:principalorgid': 'o-b2c3d4e5f6' } } }), 'error PolicyDuplicateKey: statement Org has the condition keys "aws:PrincipalOrgID" and "aws:principalorgid" under StringEquals; condition keys are case-insensitive, so they are one key given twice'],
    ['an object as a condition value', doc({ ...ok, Condition: { StringEquals: { 'aws:PrincipalOrgID': { id: 'o-a1b2c3d4e5' } } } }), 'error PolicyConditionValue: statement Org has an object as a value of aws:PrincipalOrgID under StringEquals, where strings, numbers or booleans are expected'],
    ['an empty condition value list', doc({ ...ok, Condition: { StringEquals: { 'aws:PrincipalOrgID': [] } } }), 'error PolicyConditionValue: statement Org has an empty list for aws:PrincipalOrgID under StringEquals, which no request matches'],
    ['a Bool value other than true or false', doc({ ...ok, Condition: { Bool: { 'aws:SecureTransport': 'yes' } } }), 'error PolicyConditionValue: statement Org has "yes" for aws:SecureTransport under Bool, which takes only true or false'],
    ['an operator without keys', doc({ ...ok, Condition: { StringEquals: {} } }), 'error PolicyConditionValue: statement Org has StringEquals with no condition keys, where { "key": value } is expected'],
    ['two statements with one Sid', doc(ok, { ...ok, Effect: 'Deny' }), 'error PolicySidDuplicate: statements 1 and 2 share the Sid "Org"'],
    ['policy variables without a Version', { Statement: [{ ...ok, Resource: 'arn:aws:s3:::home/${aws:username}/*' }] }, 'warning PolicyVariablesWithoutVersion: uses policy variables (${...}), but has no Version: IAM then reads them as literal text, not as the request\'s values'],
  ])('%s', (_case, document, expected) => {
    expect(problems(document)).toEqual([expected]);
  });

  it('gives the element name IAM spells when only the case differs', () => {
    const fixes = checkPolicyGrammar(doc({ ...ok, action: '*', Action: undefined, Condition: { stringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } }), ENDPOINT).map((p) => p.fix);
    expect(fixes).toEqual(expect.arrayContaining(['write it "Action": element names are case-sensitive', 'write "StringEquals": operators are case-sensitive']));
  });

  it('forbids a Principal in an identity policy', () => {
    expect(checkPolicyGrammar(doc({ ...ok }), { principal: 'forbidden' }).map((p) => p.code)).toEqual(['PolicyElementUnknown']);
  });
});

describe('JSON syntax errors name the line and column of the document', () => {
  it.each([
    ['a missing comma', '{\n  "Version": "2012-10-17"\n  "Statement": []\n}', 3, 3],
    ['an unquoted key', '{ Statement: [] }', 1, 3],
    ['a document cut short', '{\n  "Statement": [\n', 3, 1],
  ])('%s', (_case, text, line, column) => {
    expect(parsePolicyJson(text)).toMatchObject({ line, column, reason: expect.stringMatching(/^[a-z]/) });
  });
});
