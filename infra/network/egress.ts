import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";

export interface NatEgressArgs {
  vpcId: pulumi.Input<string>;
  /** One public subnet per zone, in the same order as the private route tables. */
  publicSubnets: { cidrBlock: string; zone: pulumi.Input<string> }[];
  privateRouteTableIds: pulumi.Input<string>[];
  tagged: (role: string, extra?: Record<string, string>) => Record<string, string>;
}

/**
 * Creates internet egress for egress mode `nat`: an internet gateway, and a small public
 * subnet and a NAT gateway per zone. Each private route table sends its default route to
 * the NAT gateway of its own zone, so losing one zone never cuts egress in the others.
 * Nothing but the NAT gateways lives in the public subnets, and they hand out no public
 * IPs on launch.
 */
export function createNatEgress(parent: pulumi.Resource, name: string, args: NatEgressArgs): void {
  const opts = { parent };
  const gateway = new aws.ec2.InternetGateway(
    `${name}-igw`,
    { vpcId: args.vpcId, tags: args.tagged("igw") },
    opts,
  );
  const publicTable = new aws.ec2.RouteTable(
    `${name}-public-rt`,
    { vpcId: args.vpcId, tags: args.tagged("public-rt") },
    opts,
  );
  new aws.ec2.Route(
    `${name}-public-default`,
    { routeTableId: publicTable.id, destinationCidrBlock: "0.0.0.0/0", gatewayId: gateway.id },
    opts,
  );

  args.publicSubnets.forEach((plan, i) => {
    const subnet = new aws.ec2.Subnet(
      `${name}-public-${i}`,
      {
        vpcId: args.vpcId,
        cidrBlock: plan.cidrBlock,
        availabilityZone: plan.zone,
        mapPublicIpOnLaunch: false,
        tags: args.tagged(`public-${i}`, { tier: "public-nat-only" }),
      },
      opts,
    );
    new aws.ec2.RouteTableAssociation(
      `${name}-public-rta-${i}`,
      { subnetId: subnet.id, routeTableId: publicTable.id },
      opts,
    );
    const address = new aws.ec2.Eip(
      `${name}-nat-eip-${i}`,
      { domain: "vpc", tags: args.tagged(`nat-eip-${i}`) },
      opts,
    );
    const nat = new aws.ec2.NatGateway(
      `${name}-nat-${i}`,
      { subnetId: subnet.id, allocationId: address.id, tags: args.tagged(`nat-${i}`) },
      { parent, dependsOn: [gateway] },
    );
    const tableId = args.privateRouteTableIds[i];
    if (tableId === undefined) {
      throw new Error(`no private route table for public subnet ${i}; pass one per zone`);
    }
    new aws.ec2.Route(
      `${name}-private-default-${i}`,
      { routeTableId: tableId, destinationCidrBlock: "0.0.0.0/0", natGatewayId: nat.id },
      opts,
    );
  });
}
