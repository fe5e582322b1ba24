import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { decideLogRetentionDays, toCloudWatchRetention } from "../audit/retention";
import type { StackConfig } from "../config";
import { policyDocument } from "../security/documents";
import { decideAvailabilityZones, decideSubnetLayout, preferredAvailabilityZones } from "./cidr";
import { createNatEgress } from "./egress";
import {
  buildAccountEndpointPolicy,
  buildS3EndpointPolicy,
  endpointServiceName,
  interfaceEndpoints,
} from "./endpoints";

export * from "./cidr";
export * from "./endpoints";

export interface NetworkArgs {
  config: StackConfig;
  /**
   * Availability zones to use. When omitted, the component reads the region's zones from the
   * provider and takes three, which places two subnets in one zone where the region has only two.
   */
  azs?: string[];
  /** KMS key that encrypts the flow-log group. */
  logsKeyArn: pulumi.Input<string>;
  tags: Record<string, string>;
}

/**
 * A private VPC: subnets with no public IPs in every zone, VPC endpoints for every AWS
 * service the cluster calls, flow logs of all traffic, and internet egress only through
 * NAT gateways when the stack sets egress `nat`.
 */
export class Network extends pulumi.ComponentResource {
  readonly vpcId: pulumi.Output<string>;
  readonly vpcCidr: pulumi.Output<string>;
  readonly privateSubnetIds: pulumi.Output<string[]>;
  readonly privateRouteTableIds: pulumi.Output<string[]>;
  readonly endpointSecurityGroupId: pulumi.Output<string>;
  readonly s3GatewayEndpointId: pulumi.Output<string>;
  readonly flowLogGroupName: pulumi.Output<string>;

  constructor(name: string, args: NetworkArgs, opts?: pulumi.ComponentResourceOptions) {
    super("hcft:network:Network", name, {}, opts);
    const { config } = args;
    const region = config.region;
    const parent = { parent: this };
    const tagged = (role: string, extra: Record<string, string> = {}) => ({
      ...args.tags,
      ...extra,
      Name: `hcft-${config.environment}-${role}`,
    });

    // Decide the layout first, so a bad CIDR or zone list fails before any resource.
    const zoneCount = args.azs
      ? decideAvailabilityZones(args.azs).length
      : preferredAvailabilityZones;
    const slots = Array.from({ length: zoneCount }, (_, i) => `slot-${i}`);
    const layout = decideSubnetLayout(config.network.vpcCidr, slots, config.network.egress);
    const zoneAt = this.zoneResolver(args.azs);

    // DNS support and hostnames are required for private DNS on interface endpoints.
    const vpc = new aws.ec2.Vpc(
      `${name}-vpc`,
      {
        cidrBlock: config.network.vpcCidr,
        enableDnsSupport: true,
        enableDnsHostnames: true,
        tags: tagged("vpc"),
      },
      parent,
    );

    // Take over the default security group with no rules, so anything attached to it by
    // mistake can neither send nor receive.
    new aws.ec2.DefaultSecurityGroup(
      `${name}-default-sg`,
      { vpcId: vpc.id, ingress: [], egress: [], tags: tagged("default-deny") },
      parent,
    );

    // Private subnets only: nodes and pods never get a public address.
    const privateSubnets = layout.private.map(
      (plan, i) =>
        new aws.ec2.Subnet(
          `${name}-private-${i}`,
          {
            vpcId: vpc.id,
            cidrBlock: plan.cidrBlock,
            availabilityZone: zoneAt(i),
            mapPublicIpOnLaunch: false,
            tags: tagged(`private-${i}`, {
              tier: "private",
              "kubernetes.io/role/internal-elb": "1",
            }),
          },
          parent,
        ),
    );

    // One route table per zone, so NAT egress (when on) stays inside its zone.
    const routeTables = privateSubnets.map((subnet, i) => {
      const table = new aws.ec2.RouteTable(
        `${name}-private-rt-${i}`,
        { vpcId: vpc.id, tags: tagged(`private-rt-${i}`) },
        parent,
      );
      new aws.ec2.RouteTableAssociation(
        `${name}-private-rta-${i}`,
        { subnetId: subnet.id, routeTableId: table.id },
        parent,
      );
      return table;
    });

    if (config.network.egress === "nat") {
      createNatEgress(this, name, {
        vpcId: vpc.id,
        publicSubnets: layout.public.map((plan, i) => ({
          cidrBlock: plan.cidrBlock,
          zone: zoneAt(i),
        })),
        privateRouteTableIds: routeTables.map((t) => t.id),
        tagged,
      });
    }

    // Interface endpoints admit HTTPS from inside the VPC only and send nothing out.
    const endpointSg = new aws.ec2.SecurityGroup(
      `${name}-endpoints-sg`,
      {
        vpcId: vpc.id,
        description: "HTTPS from inside the VPC to the AWS service endpoints",
        ingress: [
          {
            protocol: "tcp",
            fromPort: 443,
            toPort: 443,
            cidrBlocks: [config.network.vpcCidr],
            description: "HTTPS from the VPC",
          },
        ],
        egress: [],
        tags: tagged("endpoints-sg"),
      },
      parent,
    );

    const accountId = aws.getCallerIdentityOutput({}, parent).accountId;
    const s3Endpoint = new aws.ec2.VpcEndpoint(
      `${name}-s3`,
      {
        vpcId: vpc.id,
        serviceName: endpointServiceName(region, "s3"),
        vpcEndpointType: "Gateway",
        routeTableIds: routeTables.map((t) => t.id),
        policy: accountId.apply((id) => JSON.stringify(buildS3EndpointPolicy(id, region))),
        tags: tagged("s3-endpoint"),
      },
      parent,
    );

    for (const endpoint of interfaceEndpoints) {
      const prefix = endpoint.iamPrefix;
      new aws.ec2.VpcEndpoint(
        `${name}-${endpoint.role}`,
        {
          vpcId: vpc.id,
          serviceName: endpointServiceName(region, endpoint.service),
          vpcEndpointType: "Interface",
          privateDnsEnabled: true,
          subnetIds: privateSubnets.map((s) => s.id),
          securityGroupIds: [endpointSg.id],
          policy: prefix
            ? accountId.apply((id) => JSON.stringify(buildAccountEndpointPolicy(id, prefix)))
            : undefined,
          tags: tagged(`${endpoint.role}-endpoint`),
        },
        parent,
      );
    }

    const flowLogGroup = this.createFlowLogs(name, vpc, args, accountId, tagged);

    this.vpcId = vpc.id;
    this.vpcCidr = vpc.cidrBlock;
    this.privateSubnetIds = pulumi.all(privateSubnets.map((s) => s.id));
    this.privateRouteTableIds = pulumi.all(routeTables.map((t) => t.id));
    this.endpointSecurityGroupId = endpointSg.id;
    this.s3GatewayEndpointId = s3Endpoint.id;
    this.flowLogGroupName = flowLogGroup.name;
    this.registerOutputs({
      vpcId: this.vpcId,
      vpcCidr: this.vpcCidr,
      privateSubnetIds: this.privateSubnetIds,
      privateRouteTableIds: this.privateRouteTableIds,
      endpointSecurityGroupId: this.endpointSecurityGroupId,
      s3GatewayEndpointId: this.s3GatewayEndpointId,
      flowLogGroupName: this.flowLogGroupName,
    });
  }

  // Returns the zone of subnet i: from the given list, or from the provider's list.
  private zoneResolver(azs: string[] | undefined): (i: number) => pulumi.Input<string> {
    if (azs) {
      const zones = decideAvailabilityZones(azs);
      return (i) => zones[i]!;
    }
    const available = aws.getAvailabilityZonesOutput({ state: "available" }, { parent: this });
    // NOTE: where the region has two zones, the third subnet lands in the first zone again.
    // Pass azs to get exactly two subnets there.
    return (i) =>
      available.names.apply((names) => {
        const zones = decideAvailabilityZones(names);
        return zones[i % zones.length]!;
      });
  }

  // Flow logs of ALL traffic to a KMS-encrypted group, written by a role that only the
  // flow-logs service of this account can assume.
  private createFlowLogs(
    name: string,
    vpc: aws.ec2.Vpc,
    args: NetworkArgs,
    accountId: pulumi.Output<string>,
    tagged: (role: string, extra?: Record<string, string>) => Record<string, string>,
  ): aws.cloudwatch.LogGroup {
    const parent = { parent: this };
    const retentionDays = toCloudWatchRetention(decideLogRetentionDays(args.config));
    const group = new aws.cloudwatch.LogGroup(
      `${name}-flow-logs`,
      {
        name: `/hcft/${args.config.environment}/vpc-flow-logs`,
        retentionInDays: retentionDays,
        kmsKeyId: args.logsKeyArn,
        tags: tagged("flow-logs", {
          "data-classification": "audit-logs",
          purpose: "network-audit",
          "retention-days": String(retentionDays),
        }),
      },
      parent,
    );
    const role = new aws.iam.Role(
      `${name}-flow-logs-role`,
      {
        assumeRolePolicy: accountId.apply((id) =>
          JSON.stringify(
            policyDocument([
              {
                Sid: "FlowLogsService",
                Effect: "Allow",
                Principal: { Service: "vpc-flow-logs.amazonaws.com" },
                Action: "sts:AssumeRole",
                Condition: { StringEquals: { "aws:SourceAccount": id } },
              },
            ]),
          ),
        ),
        tags: tagged("flow-logs-role"),
      },
      parent,
    );
    new aws.iam.RolePolicy(
      `${name}-flow-logs-write`,
      {
        role: role.id,
        policy: group.arn.apply((arn) =>
          JSON.stringify(
            policyDocument([
              {
                Sid: "WriteFlowLogs",
                Effect: "Allow",
                Action: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
                Resource: [arn, `${arn}:*`],
              },
            ]),
          ),
        ),
      },
      parent,
    );
    new aws.ec2.FlowLog(
      `${name}-flow-log`,
      {
        vpcId: vpc.id,
        trafficType: "ALL",
        logDestinationType: "cloud-watch-logs",
        logDestination: group.arn,
        iamRoleArn: role.arn,
        maxAggregationInterval: 60,
        tags: tagged("flow-log"),
      },
      parent,
    );
    return group;
  }
}
