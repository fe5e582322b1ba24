import type { SizingPlan } from "../sizing/types";
import { invalidValue, StackConfigError } from "./errors";
import type { StackConfig } from "./schema";

// Checks that need more than the `hcft:` keys: the provider's region and the sizing result.
// Each throws a StackConfigError, so the user sees the same one-line-per-key format.

/** Rejects a stack whose `aws:region` differs from `hcft:region`. */
export function checkProviderRegion(
  stack: string,
  config: StackConfig,
  providerRegion: string | undefined,
): void {
  if (providerRegion === undefined || providerRegion === config.region) return;
  throw new StackConfigError(stack, [
    {
      path: "region",
      value: config.region,
      message: invalidValue(
        config.region,
        `the same region as aws:region ${providerRegion}; set both to one region`,
      ),
    },
  ]);
}

/**
 * Hourly on-demand cost of the chosen instances while training and serving both run. An
 * InstanceChoice's `usdPerHour` already covers all its nodes; serving adds one per replica.
 */
export function hourlyCost(config: StackConfig, sizing: SizingPlan): number {
  let total = sizing.training.instance.usdPerHour;
  if (sizing.serving !== null && config.serving.enabled) {
    total += sizing.serving.instance.usdPerHour * config.serving.replicas;
  }
  return total;
}

/** Rejects a stack whose instances cost more per hour than `cost.maxUsdPerHour`. */
export function checkCostGuard(stack: string, config: StackConfig, sizing: SizingPlan): void {
  const total = hourlyCost(config, sizing);
  if (total <= config.cost.maxUsdPerHour) return;
  const training = sizing.training.instance;
  const parts = [`training ${training.nodeCount} x ${training.instanceType}`];
  if (sizing.serving !== null && config.serving.enabled) {
    const count = sizing.serving.instance.nodeCount * config.serving.replicas;
    parts.push(`serving ${count} x ${sizing.serving.instance.instanceType}`);
  }
  throw new StackConfigError(stack, [
    {
      path: "cost.maxUsdPerHour",
      value: config.cost.maxUsdPerHour,
      message: invalidValue(
        config.cost.maxUsdPerHour,
        `at least ${Math.ceil(total)} because the chosen instances (${parts.join(", ")}) cost ` +
          `an estimated $${total.toFixed(2)}/hour on demand; raise the guard to at least ` +
          `${Math.ceil(total)} or size a smaller tier`,
      ),
    },
  ]);
}
