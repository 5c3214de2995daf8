/**
 * The shape of an IAM policy document as endpoint policies use it, and the request a policy is
 * evaluated against. Pure data: no cdktf, no I/O.
 * Grammar: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html
 */

export type OneOrMany<T> = T | T[];

export interface PolicyStatement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Principal?: '*' | Record<string, OneOrMany<string>>;
  NotPrincipal?: '*' | Record<string, OneOrMany<string>>;
  Action?: OneOrMany<string>;
  NotAction?: OneOrMany<string>;
  Resource?: OneOrMany<string>;
  NotResource?: OneOrMany<string>;
  Condition?: Record<string, Record<string, OneOrMany<string | boolean>>>;
}

export interface PolicyDocument {
  Version?: string;
  Id?: string;
  Statement: OneOrMany<PolicyStatement>;
}

/**
 * Who signs the request. `anonymous` is an unsigned request (STS AssumeRoleWithWebIdentity and
 * AssumeRoleWithSAML, a private API without IAM authorization, a public S3 object): policies see no
 * principal and no `aws:Principal*` keys.
 */
export type RequestPrincipal = { type: 'aws'; arn: string } | { type: 'service'; service: string } | { type: 'anonymous' };

export interface PolicyRequest {
  principal: RequestPrincipal;
  /** `service:Action`, e.g. `sqs:SendMessage`. */
  action: string;
  /** The resource ARN, or `*` for actions that take no resource (sts:GetCallerIdentity). */
  resource: string;
  /** The account that owns the resource (for the oracle's cross-account logic). */
  resourceAccount: string;
  /** Request context keys: `aws:PrincipalOrgID`, `aws:PrincipalIsAWSService`, ... */
  context: Record<string, string | string[]>;
}

export const asList = <T>(v: OneOrMany<T> | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

export const statementsOf = (doc: PolicyDocument): PolicyStatement[] => asList(doc.Statement);

/** How a statement is named in findings and matrix cells: its Sid, or its position. */
export const statementLabel = (st: PolicyStatement, index: number): string => st.Sid ?? `statement ${index + 1}`;
