import { EC2 } from "./lib/tokens";
import type { ResourceControl } from "./types";

export const ec2LaunchTemplateEncryptedVolumes: ResourceControl = {
  id: "HC-EKS-07",
  name: "ec2-launchtemplate-encrypted-volumes",
  description:
    "Every launch template encrypts its EBS volumes with a customer-managed KMS key and gives no public IP address.",
  severity: "high",
  enforcementLevel: "mandatory",
  clauses: {
    hipaa: ["164.312(a)(2)(iv)", "164.310(d)(2)(ii)"],
    dpdp: ["Rule 6(1)(a)", "Rule 6(1)(b)"],
  },
  resourceTypes: [EC2.launchTemplate],
  remediation:
    'Give every block device mapping ebs.encrypted "true" and ebs.kmsKeyId, and set associatePublicIpAddress "false" on network interfaces.',
  scope: "resource",
  check: (template) => {
    // biome-ignore lint/suspicious/noExplicitAny: mappings are untyped JSON
    const mappings = (template.props.blockDeviceMappings as any[] | undefined) ?? [];
    const problems: string[] = [];
    if (mappings.length === 0) problems.push("no block device mapping sets encryption");
    for (const m of mappings) {
      const ebs = m.ebs ?? {};
      if (String(ebs.encrypted) !== "true") problems.push(`${m.deviceName} is not encrypted`);
      else if (typeof ebs.kmsKeyId !== "string" || ebs.kmsKeyId === "")
        problems.push(`${m.deviceName} has no kmsKeyId`);
    }
    // biome-ignore lint/suspicious/noExplicitAny: interfaces are untyped JSON
    const interfaces = (template.props.networkInterfaces as any[] | undefined) ?? [];
    if (interfaces.some((i) => String(i.associatePublicIpAddress) === "true"))
      problems.push("a network interface gets a public IP");
    return problems.length === 0
      ? []
      : [
          `Launch template ${template.name} must encrypt volumes with a CMK and stay private: ${problems.join("; ")}.`,
        ];
  },
};
