import { type PolicyDocument, policyDocument } from "../security/documents";

// VPC endpoints that let nodes join the cluster and jobs run with no route to the
// internet. Each entry is the service suffix of `com.amazonaws.<region>.<suffix>`.
// `iamPrefix` is set where this project attaches an account-scoped endpoint policy.
export interface InterfaceEndpoint {
  role: string;
  service: string;
  iamPrefix?: string;
}

export const interfaceEndpoints: readonly InterfaceEndpoint[] = [
  { role: "ecr-api", service: "ecr.api", iamPrefix: "ecr" },
  { role: "ecr-dkr", service: "ecr.dkr", iamPrefix: "ecr" },
  // NOTE: STS stays on the default endpoint policy because web-identity calls carry no
  // principal account, so an account condition would reject them.
  { role: "sts", service: "sts" },
  { role: "kms", service: "kms", iamPrefix: "kms" },
  { role: "logs", service: "logs", iamPrefix: "logs" },
  { role: "ec2", service: "ec2" },
  { role: "eks", service: "eks" },
  { role: "eks-auth", service: "eks-auth" },
  { role: "elb", service: "elasticloadbalancing" },
  { role: "autoscaling", service: "autoscaling" },
  { role: "ssm", service: "ssm" },
];

/** Returns the endpoint service name, such as com.amazonaws.us-east-1.ecr.api. */
export function endpointServiceName(region: string, service: string): string {
  return `com.amazonaws.${region}.${service}`;
}

/**
 * Builds the S3 gateway endpoint policy: object and bucket actions only on buckets owned
 * by this account, plus read access to the bucket that serves ECR image layers. Without
 * that bucket, image pulls through the endpoint fail (AWS ECR User Guide, "Amazon ECR
 * interface VPC endpoints", minimum S3 gateway endpoint policy).
 */
export function buildS3EndpointPolicy(accountId: string, region: string): PolicyDocument {
  return policyDocument([
    {
      Sid: "AccountBucketsOnly",
      Effect: "Allow",
      Principal: "*",
      Action: [
        "s3:GetObject",
        "s3:GetObjectVersion",
        "s3:PutObject",
        "s3:DeleteObject",
        "s3:ListBucket",
        "s3:ListBucketVersions",
        "s3:GetBucketLocation",
        "s3:AbortMultipartUpload",
        "s3:ListMultipartUploadParts",
      ],
      Resource: "*",
      Condition: { StringEquals: { "aws:ResourceAccount": accountId } },
    },
    {
      Sid: "EcrImageLayers",
      Effect: "Allow",
      Principal: "*",
      Action: ["s3:GetObject"],
      Resource: [`arn:aws:s3:::prod-${region}-starport-layer-bucket/*`],
    },
  ]);
}

/** Builds an interface endpoint policy that admits only principals of this account. */
export function buildAccountEndpointPolicy(accountId: string, iamPrefix: string): PolicyDocument {
  // A service-wide action list is the point of an endpoint policy, so the statement is
  // built directly instead of through the IAM validator that rejects `<service>:*`.
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "AccountPrincipalsOnly",
        Effect: "Allow",
        Principal: "*",
        Action: `${iamPrefix}:*`,
        Resource: "*",
        Condition: { StringEquals: { "aws:PrincipalAccount": accountId } },
      },
    ],
  };
}
