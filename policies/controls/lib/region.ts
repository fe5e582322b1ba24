import type { CheckedResource } from "../types";
import { readKnown } from "./unknown";

/**
 * Returns the AWS region a resource is created in: the per-resource `region` property of
 * @pulumi/aws 7, then its provider's `region`, then the region field of its ARN.
 * Returns undefined when none of these is known.
 */
export function regionOf(resource: CheckedResource): string | undefined {
  const own = readKnown(resource.props, "region");
  if (typeof own === "string" && own !== "") return own;
  const fromProvider = readKnown(resource.provider?.props, "region");
  if (typeof fromProvider === "string" && fromProvider !== "") return fromProvider;
  const arn = readKnown(resource.props, "arn");
  if (typeof arn === "string") {
    const field = arn.split(":")[3];
    if (field) return field;
  }
  return undefined;
}
