// Pulumi type tokens the controls match. The S3 companion resources exist under a v7 name
// and a v6 `…V2` name in @pulumi/aws 7.48 (both classes ship in `node_modules/@pulumi/aws/s3`),
// and programs written against either are checked the same way.

function s3Pair(resource: string): readonly string[] {
  const cls = resource.charAt(0).toUpperCase() + resource.slice(1);
  return [`aws:s3/${resource}:${cls}`, `aws:s3/${resource}V2:${cls}V2`];
}

export const S3 = {
  bucket: ["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"],
  encryption: s3Pair("bucketServerSideEncryptionConfiguration"),
  versioning: s3Pair("bucketVersioning"),
  logging: s3Pair("bucketLogging"),
  lifecycle: s3Pair("bucketLifecycleConfiguration"),
  objectLock: s3Pair("bucketObjectLockConfiguration"),
  acl: s3Pair("bucketAcl"),
  publicAccessBlock: ["aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock"],
  ownership: ["aws:s3/bucketOwnershipControls:BucketOwnershipControls"],
  policy: ["aws:s3/bucketPolicy:BucketPolicy"],
  replication: ["aws:s3/bucketReplicationConfig:BucketReplicationConfig"],
} as const;

export const KMS = {
  key: "aws:kms/key:Key",
  keyPolicy: "aws:kms/keyPolicy:KeyPolicy",
} as const;

export const LOGS = {
  trail: "aws:cloudtrail/trail:Trail",
  logGroup: "aws:cloudwatch/logGroup:LogGroup",
  metricFilter: "aws:cloudwatch/logMetricFilter:LogMetricFilter",
  metricAlarm: "aws:cloudwatch/metricAlarm:MetricAlarm",
} as const;

export const EC2 = {
  vpc: "aws:ec2/vpc:Vpc",
  subnet: "aws:ec2/subnet:Subnet",
  flowLog: "aws:ec2/flowLog:FlowLog",
  route: "aws:ec2/route:Route",
  routeTable: "aws:ec2/routeTable:RouteTable",
  internetGateway: "aws:ec2/internetGateway:InternetGateway",
  internetGatewayAttachment: "aws:ec2/internetGatewayAttachment:InternetGatewayAttachment",
  securityGroup: "aws:ec2/securityGroup:SecurityGroup",
  securityGroupRule: "aws:ec2/securityGroupRule:SecurityGroupRule",
  ingressRule: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
  defaultSecurityGroup: "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
  vpcEndpoint: "aws:ec2/vpcEndpoint:VpcEndpoint",
  launchTemplate: "aws:ec2/launchTemplate:LaunchTemplate",
} as const;

export const EKS = {
  cluster: "aws:eks/cluster:Cluster",
  nodeGroup: "aws:eks/nodeGroup:NodeGroup",
  podIdentity: "aws:eks/podIdentityAssociation:PodIdentityAssociation",
} as const;

export const IAM = {
  role: "aws:iam/role:Role",
  policy: "aws:iam/policy:Policy",
  rolePolicy: "aws:iam/rolePolicy:RolePolicy",
  attachment: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
  user: "aws:iam/user:User",
  accessKey: "aws:iam/accessKey:AccessKey",
  userPolicy: "aws:iam/userPolicy:UserPolicy",
  loginProfile: "aws:iam/userLoginProfile:UserLoginProfile",
} as const;

export const K8S = {
  namespace: "kubernetes:core/v1:Namespace",
  pod: "kubernetes:core/v1:Pod",
  service: "kubernetes:core/v1:Service",
  serviceAccount: "kubernetes:core/v1:ServiceAccount",
  deployment: "kubernetes:apps/v1:Deployment",
  statefulSet: "kubernetes:apps/v1:StatefulSet",
  daemonSet: "kubernetes:apps/v1:DaemonSet",
  job: "kubernetes:batch/v1:Job",
  cronJob: "kubernetes:batch/v1:CronJob",
  ingress: "kubernetes:networking.k8s.io/v1:Ingress",
  networkPolicy: "kubernetes:networking.k8s.io/v1:NetworkPolicy",
  role: "kubernetes:rbac.authorization.k8s.io/v1:Role",
  clusterRole: "kubernetes:rbac.authorization.k8s.io/v1:ClusterRole",
  roleBinding: "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding",
  clusterRoleBinding: "kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding",
} as const;

/** Kubernetes kinds that carry a pod template. */
export const K8S_WORKLOADS: readonly string[] = [
  K8S.pod,
  K8S.deployment,
  K8S.statefulSet,
  K8S.daemonSet,
  K8S.job,
  K8S.cronJob,
];
