import { S3 } from "./lib/tokens";
import type { ResourceControl } from "./types";

const PUBLIC_ACLS = ["public-read", "public-read-write", "authenticated-read"];
const PUBLIC_GROUPS = [
  "http://acs.amazonaws.com/groups/global/AllUsers",
  "http://acs.amazonaws.com/groups/global/AuthenticatedUsers",
];

// biome-ignore lint/suspicious/noExplicitAny: ACL grants are untyped JSON
function publicGrants(grants: any[] | undefined): string[] {
  return (grants ?? [])
    .map((g) => (g.grantee?.uri ?? g.uri) as string | undefined)
    .filter((uri): uri is string => uri !== undefined && PUBLIC_GROUPS.includes(uri));
}

export const s3BucketNoPublicAcl: ResourceControl = {
  id: "HC-S3-04",
  name: "s3-bucket-no-public-acl",
  description:
    "No S3 bucket or bucket ACL grants access to all users or to all authenticated AWS users.",
  severity: "critical",
  enforcementLevel: "mandatory",
  clauses: { hipaa: ["164.312(a)(1)"], dpdp: ["Rule 6(1)(b)"] },
  resourceTypes: [...S3.bucket, ...S3.acl],
  remediation:
    "Remove the public canned ACL and any AllUsers or AuthenticatedUsers grant; with BucketOwnerEnforced ownership no ACL is needed.",
  scope: "resource",
  check: (resource) => {
    const props = resource.props;
    const acl = props.acl as string | undefined;
    const grants = [
      ...publicGrants(props.grants),
      ...publicGrants(props.accessControlPolicy?.grants),
    ];
    const problems: string[] = [];
    if (acl !== undefined && PUBLIC_ACLS.includes(acl)) problems.push(`canned ACL ${acl}`);
    if (grants.length > 0) problems.push(`grants to ${grants.join(", ")}`);
    if (problems.length === 0) return [];
    return [`${resource.name} must not make the bucket public, but has ${problems.join(" and ")}.`];
  },
};
