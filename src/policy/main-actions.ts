/**
 * Each service's "main API" for the canonical requests: a real IAM action of the service and the ARN
 * form of its resource (`*` for actions that take none), from the Service Authorization Reference:
 * https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html
 * `{partition}`, `{region}` and `{account}` are filled in per request. A service missing here gets no
 * organization / outsider / service-principal rows in the policy matrix (shown as such, never guessed).
 */
export interface MainAction {
  action: string;
  resource: string;
}

export const MAIN_ACTIONS: Readonly<Record<string, MainAction>> = {
  athena: {
    action: 'athena:StartQueryExecution',
    resource: 'arn:{partition}:athena:{region}:{account}:workgroup/primary',
  },
  cloudformation: {
    action: 'cloudformation:DescribeStacks',
    resource: 'arn:{partition}:cloudformation:{region}:{account}:stack/app/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d',
  },
  ec2: { action: 'ec2:DescribeInstances', resource: '*' },
  ec2messages: { action: 'ec2messages:GetMessages', resource: '*' },
  'ecr.api': { action: 'ecr:GetAuthorizationToken', resource: '*' },
  'ecr.dkr': {
    action: 'ecr:BatchGetImage',
    resource: 'arn:{partition}:ecr:{region}:{account}:repository/app',
  },
  ecs: {
    action: 'ecs:DescribeClusters',
    resource: 'arn:{partition}:ecs:{region}:{account}:cluster/main',
  },
  'ecs-agent': {
    action: 'ecs:Poll',
    resource: 'arn:{partition}:ecs:{region}:{account}:container-instance/main/0a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d',
  },
  'ecs-telemetry': {
    action: 'ecs:StartTelemetrySession',
    resource: 'arn:{partition}:ecs:{region}:{account}:container-instance/main/0a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d',
  },
  eks: {
    action: 'eks:DescribeCluster',
    resource: 'arn:{partition}:eks:{region}:{account}:cluster/main',
  },
  'eks-auth': {
    action: 'eks-auth:AssumeRoleForPodIdentity',
    resource: 'arn:{partition}:eks:{region}:{account}:cluster/main',
  },
  elasticloadbalancing: {
    action: 'elasticloadbalancing:DescribeLoadBalancers',
    resource: '*',
  },
  events: {
    action: 'events:PutEvents',
    resource: 'arn:{partition}:events:{region}:{account}:event-bus/default',
  },
  'execute-api': {
    action: 'execute-api:Invoke',
    resource: 'arn:{partition}:execute-api:{region}:{account}:a1b2c3d4e5/prod/GET/orders',
  },
  'kinesis-firehose': {
    action: 'firehose:PutRecord',
    resource: 'arn:{partition}:firehose:{region}:{account}:deliverystream/clicks',
  },
  'kinesis-streams': {
    action: 'kinesis:PutRecord',
    resource: 'arn:{partition}:kinesis:{region}:{account}:stream/clicks',
  },
  kms: {
    action: 'kms:Decrypt',
    resource: 'arn:{partition}:kms:{region}:{account}:key/1234abcd-12ab-34cd-56ef-1234567890ab',
  },
  lambda: {
    action: 'lambda:InvokeFunction',
    resource: 'arn:{partition}:lambda:{region}:{account}:function:worker',
  },
  logs: {
    action: 'logs:PutLogEvents',
    resource: 'arn:{partition}:logs:{region}:{account}:log-group:app:log-stream:i-0123456789abcdef0',
  },
  monitoring: { action: 'cloudwatch:PutMetricData', resource: '*' },
  s3: {
    action: 's3:GetObject',
    resource: 'arn:{partition}:s3:::acme-reports-{account}/daily.csv',
  },
  secretsmanager: {
    action: 'secretsmanager:GetSecretValue',
    resource: 'arn:{partition}:secretsmanager:{region}:{account}:secret:db-AbCdEf',
  },
  sns: {
    action: 'sns:Publish',
    resource: 'arn:{partition}:sns:{region}:{account}:alerts',
  },
  sqs: {
    action: 'sqs:SendMessage',
    resource: 'arn:{partition}:sqs:{region}:{account}:orders',
  },
  ssm: {
    action: 'ssm:GetParameter',
    resource: 'arn:{partition}:ssm:{region}:{account}:parameter/app/config',
  },
  ssmmessages: { action: 'ssmmessages:CreateControlChannel', resource: '*' },
  states: {
    action: 'states:StartExecution',
    resource: 'arn:{partition}:states:{region}:{account}:stateMachine:flow',
  },
  sts: {
    action: 'sts:AssumeRole',
    resource: 'arn:{partition}:iam::{account}:role/deploy',
  },
  xray: { action: 'xray:PutTraceSegments', resource: '*' },
};
