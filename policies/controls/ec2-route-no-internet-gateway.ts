import { tagsOf } from "./lib/tags";
import { EC2 } from "./lib/tokens";
import type { CheckedResource, StackContext, StackControl } from "./types";

/** Tag value that marks the route table of the NAT-only public subnets (egress mode `nat`). */
export const NAT_ONLY_TIER = "public-nat-only";

function refsOf(resource: CheckedResource): unknown[] {
  return [resource.name, resource.props.id, resource.props.arn].filter((v) => v !== undefined);
}

function isGatewayRef(gatewayId: unknown, context: StackContext): boolean {
  if (typeof gatewayId !== "string" || gatewayId === "") return false;
  if (gatewayId.startsWith("igw-")) return true;
  return context.resources.some(
    (r) => r.type === EC2.internetGateway && refsOf(r).includes(gatewayId),
  );
}

export const ec2RouteNoInternetGateway: StackControl = {
  id: "HC-NET-02",
  name: "ec2-route-no-internet-gateway",
  description:
    "No route table sends traffic to an internet gateway, except the one serving NAT-only public subnets.",
  severity: "high",
  enforcementLevel: "mandatory",
  clauses: { hipaa: ["164.312(a)(1)", "164.312(e)(1)"], dpdp: ["Rule 6(1)(b)"] },
  resourceTypes: [EC2.route, EC2.routeTable],
  remediation:
    'Route private subnets through VPC endpoints (or a NAT gateway); only a route table tagged tier "public-nat-only" may use the internet gateway.',
  scope: "stack",
  check: (resource, context) => {
    let table = resource;
    // biome-ignore lint/suspicious/noExplicitAny: routes are untyped JSON
    let gateways: unknown[] = ((resource.props.routes as any[]) ?? []).map((r) => r.gatewayId);
    if (resource.type === EC2.route) {
      gateways = [resource.props.gatewayId];
      const owner = context.resources.find(
        (r) => r.type === EC2.routeTable && refsOf(r).includes(resource.props.routeTableId),
      );
      if (owner !== undefined) table = owner;
    }
    if (!gateways.some((g) => isGatewayRef(g, context))) return [];
    if (tagsOf(table)?.tier === NAT_ONLY_TIER) return [];
    return [
      `${resource.name} must not route to an internet gateway outside a NAT-only public route table.`,
    ];
  },
};
