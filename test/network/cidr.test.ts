import fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  decideAvailabilityZones,
  decideSubnetLayout,
  formatCidr,
  parseCidr,
} from "../../infra/network/cidr";

function range(cidr: string): [number, number] {
  const { base, prefix } = parseCidr(cidr);
  return [base, base + 2 ** (32 - prefix) - 1];
}

// A VPC block: a network address aligned to a prefix between /16 and /22.
const vpcCidr = fc
  .tuple(fc.integer({ min: 16, max: 22 }), fc.integer({ min: 0, max: 2 ** 32 - 1 }))
  .map(([prefix, address]) => {
    const size = 2 ** (32 - prefix);
    return formatCidr(Math.floor(address / size) * size, prefix);
  });

const zones = fc
  .integer({ min: 2, max: 7 })
  .map((n) => Array.from({ length: n }, (_, i) => `az-${i}`));

describe("decideSubnetLayout", () => {
  test("default /16 over three zones", () => {
    const layout = decideSubnetLayout("10.40.0.0/16", ["a", "b", "c"], "nat");
    expect(layout.private.map((s) => s.cidrBlock)).toEqual([
      "10.40.0.0/19",
      "10.40.32.0/19",
      "10.40.64.0/19",
    ]);
    expect(layout.public.map((s) => s.cidrBlock)).toEqual([
      "10.40.224.0/22",
      "10.40.228.0/22",
      "10.40.232.0/22",
    ]);
  });

  test("no public subnets without nat", () => {
    expect(decideSubnetLayout("10.40.0.0/16", ["a", "b"], "none").public).toEqual([]);
  });

  test("subnets never overlap", () => {
    fc.assert(
      fc.property(vpcCidr, zones, (cidr, azs) => {
        const layout = decideSubnetLayout(cidr, azs, "nat");
        const ranges = [...layout.private, ...layout.public]
          .map((s) => range(s.cidrBlock))
          .sort((a, b) => a[0] - b[0]);
        for (let i = 1; i < ranges.length; i++) {
          expect(ranges[i]![0]).toBeGreaterThan(ranges[i - 1]![1]);
        }
      }),
    );
  });

  test("subnets lie inside the VPC", () => {
    fc.assert(
      fc.property(vpcCidr, zones, (cidr, azs) => {
        const [low, high] = range(cidr);
        for (const subnet of [...decideSubnetLayout(cidr, azs, "nat").private]) {
          const [start, end] = range(subnet.cidrBlock);
          expect(start).toBeGreaterThanOrEqual(low);
          expect(end).toBeLessThanOrEqual(high);
        }
        for (const subnet of decideSubnetLayout(cidr, azs, "nat").public) {
          const [start, end] = range(subnet.cidrBlock);
          expect(start).toBeGreaterThanOrEqual(low);
          expect(end).toBeLessThanOrEqual(high);
        }
      }),
    );
  });

  test("one private subnet per zone", () => {
    fc.assert(
      fc.property(vpcCidr, zones, fc.constantFrom("none", "nat" as const), (cidr, azs, egress) => {
        const layout = decideSubnetLayout(cidr, azs, egress);
        expect(layout.private.map((s) => s.availabilityZone)).toEqual(azs);
        expect(layout.public.length).toBe(egress === "nat" ? azs.length : 0);
      }),
    );
  });

  test("rejects a block smaller than /22", () => {
    expect(() => decideSubnetLayout("10.0.0.0/24", ["a", "b"], "none")).toThrow(
      'VPC CIDR "10.0.0.0/24" is too small: use a /22 or larger, such as a /16',
    );
  });

  test("rejects host bits", () => {
    expect(() => parseCidr("10.40.1.0/16")).toThrow(
      'invalid CIDR "10.40.1.0/16": host bits are set; use the network address',
    );
  });

  test("rejects a single zone", () => {
    expect(() => decideSubnetLayout("10.40.0.0/16", ["a"], "none")).toThrow(
      "expected 2 to 7 availability zones, got 1",
    );
  });
});

describe("decideAvailabilityZones", () => {
  test("takes the first three", () => {
    expect(decideAvailabilityZones(["a", "b", "c", "d"])).toEqual(["a", "b", "c"]);
  });

  test("accepts two where only two exist", () => {
    expect(decideAvailabilityZones(["a", "b"])).toEqual(["a", "b"]);
  });

  test("rejects one zone", () => {
    expect(() => decideAvailabilityZones(["a", "a"])).toThrow(
      "at least two availability zones are required, got 1 (a); pass two or more in azs or choose another region",
    );
  });
});
