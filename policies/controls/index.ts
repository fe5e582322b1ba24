// The control catalog: one control per file, listed here in id order. Clause numbers refer
// to the HIPAA Security and Privacy Rules (45 CFR Part 164), the Digital Personal Data
// Protection Act 2023 ("s.") and the DPDP Rules 2025 as notified on 13 November 2025 ("Rule").

import { cloudtrailTrailHardened } from "./cloudtrail-trail-hardened";
import { cloudtrailTrailPresent } from "./cloudtrail-trail-present";
import { cloudtrailTrailS3DataEvents } from "./cloudtrail-trail-s3-data-events";
import { cloudwatchAlarmSecurityEvents } from "./cloudwatch-alarm-security-events";
import { cloudwatchLogGroupKms } from "./cloudwatch-loggroup-kms";
import { cloudwatchLogGroupRetention } from "./cloudwatch-loggroup-retention";
import { dataResourceTags } from "./data-resource-tags";
import { ec2DefaultSecurityGroupClosed } from "./ec2-default-securitygroup-closed";
import { ec2LaunchTemplateEncryptedVolumes } from "./ec2-launchtemplate-encrypted-volumes";
import { ec2LaunchTemplateImdsv2 } from "./ec2-launchtemplate-imdsv2";
import { ec2RouteNoInternetGateway } from "./ec2-route-no-internet-gateway";
import { ec2SecurityGroupNoOpenIngress } from "./ec2-securitygroup-no-open-ingress";
import { ec2SubnetNoPublicIp } from "./ec2-subnet-no-public-ip";
import { ec2VpcFlowLogs } from "./ec2-vpc-flow-logs";
import { ec2VpcPrivateEndpoints } from "./ec2-vpc-private-endpoints";
import { eksClusterControlPlaneLogs } from "./eks-cluster-control-plane-logs";
import { eksClusterPrivateEndpoint } from "./eks-cluster-private-endpoint";
import { eksClusterSecretsEncryption } from "./eks-cluster-secrets-encryption";
import { eksClusterSupportedVersion } from "./eks-cluster-supported-version";
import { eksNodeGroupGpuAmi } from "./eks-nodegroup-gpu-ami";
import { eksNodeGroupNoRemoteAccess } from "./eks-nodegroup-no-remote-access";
import { iamNoUsersAccessKeys } from "./iam-no-users-access-keys";
import { iamPolicyNoWildcards } from "./iam-policy-no-wildcards";
import { iamTrainingReadsDeidentified } from "./iam-training-reads-deidentified";
import { k8sNamespaceDefaultDeny } from "./k8s-namespace-default-deny";
import { k8sNamespacePssRestricted } from "./k8s-namespace-pss-restricted";
import { k8sPodGpuVisibility } from "./k8s-pod-gpu-visibility";
import { k8sPodImageProvenance } from "./k8s-pod-image-provenance";
import { k8sPodRestrictedSecurityContext } from "./k8s-pod-restricted-security-context";
import { k8sPodServiceAccount } from "./k8s-pod-service-account";
import { k8sRbacNoClusterAdmin } from "./k8s-rbac-no-cluster-admin";
import { k8sRbacNoWildcards } from "./k8s-rbac-no-wildcards";
import { k8sServiceNotExposed } from "./k8s-service-not-exposed";
import { kmsKeyDeletionWindow } from "./kms-key-deletion-window";
import { kmsKeyPolicyPrincipals } from "./kms-key-policy-principals";
import { kmsKeyRotation } from "./kms-key-rotation";
import { kmsKeySingleRegion } from "./kms-key-single-region";
import { residencyRegionAllowed } from "./residency-region-allowed";
import { s3BucketAccessLogging } from "./s3-bucket-access-logging";
import { s3BucketAuditObjectLock } from "./s3-bucket-audit-object-lock";
import { s3BucketCmkEncryption } from "./s3-bucket-cmk-encryption";
import { s3BucketNoPublicAcl } from "./s3-bucket-no-public-acl";
import { s3BucketOwnershipEnforced } from "./s3-bucket-ownership-enforced";
import { s3BucketPhiLifecycle } from "./s3-bucket-phi-lifecycle";
import { s3BucketProtected } from "./s3-bucket-protected";
import { s3BucketPublicAccessBlock } from "./s3-bucket-public-access-block";
import { s3BucketTlsOnly } from "./s3-bucket-tls-only";
import { s3BucketVersioning } from "./s3-bucket-versioning";
import { s3BucketPolicyNoPublicPrincipal } from "./s3-bucketpolicy-no-public-principal";
import { s3ReplicationAllowedRegions } from "./s3-replication-allowed-regions";
import type { Control } from "./types";

export const controls: readonly Control[] = [
  dataResourceTags,
  iamTrainingReadsDeidentified,
  eksClusterPrivateEndpoint,
  eksClusterSecretsEncryption,
  eksClusterControlPlaneLogs,
  eksClusterSupportedVersion,
  eksNodeGroupNoRemoteAccess,
  ec2LaunchTemplateImdsv2,
  ec2LaunchTemplateEncryptedVolumes,
  eksNodeGroupGpuAmi,
  iamPolicyNoWildcards,
  iamNoUsersAccessKeys,
  k8sNamespacePssRestricted,
  k8sPodRestrictedSecurityContext,
  k8sNamespaceDefaultDeny,
  k8sPodGpuVisibility,
  k8sServiceNotExposed,
  k8sPodServiceAccount,
  k8sPodImageProvenance,
  k8sRbacNoWildcards,
  k8sRbacNoClusterAdmin,
  kmsKeyRotation,
  kmsKeyDeletionWindow,
  kmsKeyPolicyPrincipals,
  kmsKeySingleRegion,
  cloudtrailTrailHardened,
  cloudtrailTrailS3DataEvents,
  cloudwatchLogGroupRetention,
  cloudwatchLogGroupKms,
  ec2VpcFlowLogs,
  cloudwatchAlarmSecurityEvents,
  cloudtrailTrailPresent,
  ec2SubnetNoPublicIp,
  ec2RouteNoInternetGateway,
  ec2SecurityGroupNoOpenIngress,
  ec2DefaultSecurityGroupClosed,
  ec2VpcPrivateEndpoints,
  residencyRegionAllowed,
  s3BucketCmkEncryption,
  s3BucketPublicAccessBlock,
  s3BucketOwnershipEnforced,
  s3BucketNoPublicAcl,
  s3BucketPolicyNoPublicPrincipal,
  s3BucketTlsOnly,
  s3BucketVersioning,
  s3BucketAccessLogging,
  s3BucketPhiLifecycle,
  s3BucketAuditObjectLock,
  s3ReplicationAllowedRegions,
  s3BucketProtected,
];

export type * from "./types";
