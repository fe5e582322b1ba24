import { isBucket } from "./lib/s3";
import { TAG, tagsOf } from "./lib/tags";
import { EKS, KMS, LOGS, S3 } from "./lib/tokens";
import type { ResourceControl } from "./types";

const COMMON = [TAG.classification, TAG.purpose, TAG.jurisdiction];

export const dataResourceTags: ResourceControl = {
  id: "HC-DATA-01",
  name: "data-resource-tags",
  description:
    "Every data-bearing resource is tagged with its data classification, purpose and jurisdiction, and every bucket also with its retention.",
  severity: "medium",
  enforcementLevel: "mandatory",
  clauses: { hipaa: ["164.308(a)(1)(ii)(A)"], dpdp: ["s.5", "s.6", "s.8(7)"] },
  resourceTypes: [...S3.bucket, KMS.key, LOGS.logGroup, EKS.cluster, EKS.nodeGroup],
  remediation: `Add the tags ${[...COMMON, TAG.retention].join(", ")} (the last on buckets only).`,
  scope: "resource",
  check: (resource) => {
    const tags = tagsOf(resource);
    const required = isBucket(resource) ? [...COMMON, TAG.retention] : COMMON;
    const missing = required.filter((key) => typeof tags[key] !== "string" || tags[key] === "");
    return missing.length === 0 ? [] : [`${resource.name} must be tagged ${missing.join(", ")}.`];
  },
};
