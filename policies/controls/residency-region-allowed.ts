import { regionOf } from "./lib/region";
import { INDIA_REGIONS } from "./lib/regulatory";
import { TAG, tagsOf } from "./lib/tags";
import type { CheckedResource, ResourceControl } from "./types";

export const residencyRegionAllowed: ResourceControl = {
  id: "HC-RES-01",
  name: "residency-region-allowed",
  description:
    "Every AWS resource tagged jurisdiction IN is created in one of the allowed regions, so the data stays in India.",
  severity: "critical",
  enforcementLevel: "mandatory",
  clauses: { hipaa: [], dpdp: ["s.16", "Rule 15"] },
  resourceTypes: ["aws:*"],
  remediation: `Create the resource with a provider whose region is in the pack setting allowedRegions (default ${INDIA_REGIONS.join(" or ")} in the dpdp pack).`,
  scope: "resource",
  appliesTo: (resource: CheckedResource) =>
    resource.type.startsWith("aws:") && tagsOf(resource)[TAG.jurisdiction] === "IN",
  check: (resource, settings) => {
    const region = regionOf(resource);
    if (region !== undefined && settings.allowedRegions.includes(region)) return [];
    return [
      `${resource.name} holds data with jurisdiction IN and must be in ${settings.allowedRegions.join(" or ")}, but its region is ${region ?? "unknown"}.`,
    ];
  },
};
