// Subnet layout of the VPC: pure arithmetic, decided before any resource is created.
//
// The VPC is cut into eight equal blocks. Private subnets take the first blocks, one per
// availability zone, and are large (a /19 in a /16) because EKS gives every pod an
// address from its node's subnet. The last block is cut into eight again and holds the
// small public subnets that only exist for NAT gateways when egress is `nat`.

/** Most availability zones a layout supports: seven blocks remain after the public one. */
export const maxAvailabilityZones = 7;

/** Availability zones used when the region offers at least this many. */
export const preferredAvailabilityZones = 3;

export interface SubnetPlan {
  availabilityZone: string;
  cidrBlock: string;
}

export interface SubnetLayout {
  private: SubnetPlan[];
  /** Empty unless egress is `nat`. */
  public: SubnetPlan[];
}

/** Parses "a.b.c.d/p" into its network address (as an unsigned integer) and prefix length. */
export function parseCidr(cidr: string): { base: number; prefix: number } {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(cidr);
  if (!match) {
    throw new Error(`invalid CIDR "${cidr}": expected an IPv4 block such as 10.40.0.0/16`);
  }
  const octets = match.slice(1, 5).map(Number);
  const prefix = Number(match[5]);
  if (octets.some((o) => o > 255) || prefix > 32) {
    throw new Error(`invalid CIDR "${cidr}": octets must be 0-255 and the prefix 0-32`);
  }
  const base = octets.reduce((acc, o) => acc * 256 + o, 0);
  const size = 2 ** (32 - prefix);
  if (base % size !== 0) {
    throw new Error(`invalid CIDR "${cidr}": host bits are set; use the network address`);
  }
  return { base, prefix };
}

/** Formats a network address and prefix length as "a.b.c.d/p". */
export function formatCidr(base: number, prefix: number): string {
  const octets = [24, 16, 8, 0].map((shift) => Math.floor(base / 2 ** shift) % 256);
  return `${octets.join(".")}/${prefix}`;
}

/**
 * Picks the availability zones to use: the first three the region offers, or two where it
 * offers only two. Throws when fewer than two are available, because one zone gives no
 * redundancy for the control plane or the nodes.
 */
export function decideAvailabilityZones(available: readonly string[]): string[] {
  const unique = [...new Set(available)];
  if (unique.length < 2) {
    throw new Error(
      `at least two availability zones are required, got ${unique.length} (${unique.join(", ") || "none"}); pass two or more in azs or choose another region`,
    );
  }
  return unique.slice(0, preferredAvailabilityZones);
}

/**
 * Decides the CIDR block of every subnet: one private subnet per availability zone and,
 * when egress is `nat`, one public subnet per zone for its NAT gateway.
 */
export function decideSubnetLayout(
  vpcCidr: string,
  availabilityZones: readonly string[],
  egress: "none" | "nat",
): SubnetLayout {
  const { base, prefix } = parseCidr(vpcCidr);
  if (prefix > 22) {
    throw new Error(`VPC CIDR "${vpcCidr}" is too small: use a /22 or larger, such as a /16`);
  }
  if (availabilityZones.length < 2 || availabilityZones.length > maxAvailabilityZones) {
    throw new Error(
      `expected 2 to ${maxAvailabilityZones} availability zones, got ${availabilityZones.length}`,
    );
  }
  const privatePrefix = prefix + 3;
  const privateSize = 2 ** (32 - privatePrefix);
  const publicPrefix = privatePrefix + 3;
  const publicSize = 2 ** (32 - publicPrefix);
  const publicBase = base + 7 * privateSize;

  const privateSubnets = availabilityZones.map((zone, i) => ({
    availabilityZone: zone,
    cidrBlock: formatCidr(base + i * privateSize, privatePrefix),
  }));
  const publicSubnets =
    egress === "nat"
      ? availabilityZones.map((zone, i) => ({
          availabilityZone: zone,
          cidrBlock: formatCidr(publicBase + i * publicSize, publicPrefix),
        }))
      : [];
  return { private: privateSubnets, public: publicSubnets };
}
