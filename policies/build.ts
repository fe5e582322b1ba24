import type {
  Policies,
  PolicyComplianceFramework,
  ReportViolation,
  ResourceValidationArgs,
  ResourceValidationPolicy,
  StackValidationArgs,
  StackValidationPolicy,
} from "@pulumi/policy";
import { controls as catalog } from "./controls";
import { isUnknownValueError } from "./controls/lib/unknown";
import type {
  CheckedResource,
  Control,
  PackName,
  PackSettings,
  StackContext,
} from "./controls/types";
import { configSchema, resolveSettings } from "./settings";

// Turns catalog controls into @pulumi/policy policy objects. The same objects serve the
// Pulumi CLI (through PolicyPack) and the in-process evaluator, which differ only in who
// builds the validation arguments.

/** Start of the message of a finding that waits for a value unknown during preview. */
export const DEFERRED_PREFIX = "Deferred until known: ";

/**
 * Key of an optional callback on validation arguments. The in-process evaluator sets it to
 * learn which subjects passed; the Pulumi CLI never does, because gRPC carries only violations.
 */
export const PASS_HOOK = Symbol.for("hcft.policy.passed");

type PassHook = (urn: string | undefined) => void;

/**
 * A violation as an object, so a deferral can carry enforcement level advisory and never block
 * an update. NOTE: the type of ReportViolation in @pulumi/policy 1.21 declares only a string
 * message, but its server (server.js, makeReportViolationFun) also accepts this object form.
 */
export interface Violation {
  message: string;
  urn?: string;
  enforcementLevel?: "advisory";
}

function send(report: ReportViolation, violation: Violation): void {
  (report as unknown as (v: Violation) => void)(violation);
}

function passHook(args: object): PassHook | undefined {
  return (args as { [PASS_HOOK]?: PassHook })[PASS_HOOK];
}

/** True when a control reports on resources of this type. */
export function coversType(control: Control, type: string): boolean {
  return (
    control.resourceTypes.includes(type) ||
    (control.resourceTypes.includes("aws:*") && type.startsWith("aws:"))
  );
}

const FRAMEWORKS: Record<PackName, Omit<PolicyComplianceFramework, "specification">> = {
  hipaa: {
    name: "HIPAA",
    version: "45 CFR Part 164",
    reference: "45 CFR Part 164, Subpart C (Security Rule) and Subpart E (Privacy Rule)",
  },
  dpdp: {
    name: "DPDP",
    version: "Act 2023, Rules 2025",
    reference: "Digital Personal Data Protection Act 2023; DPDP Rules 2025, G.S.R. 846(E)",
  },
};

// Runs one check and turns its outcome into violations, a deferral or a pass. A check that
// returns null does not apply to its subject and records nothing.
function settle(
  run: () => string[] | null,
  urn: string | undefined,
  report: ReportViolation,
  onPass: PassHook | undefined,
): void {
  let messages: string[] | null;
  try {
    messages = run();
  } catch (error) {
    if (!isUnknownValueError(error)) throw error;
    send(report, {
      message: `${DEFERRED_PREFIX}${error.message}`,
      enforcementLevel: "advisory",
      urn,
    });
    return;
  }
  if (messages === null) return;
  for (const message of messages) send(report, { message, urn });
  if (messages.length === 0) onPass?.(urn);
}

function resourcePolicyBody(control: Control & { scope: "resource" }, pack: PackName) {
  return (args: ResourceValidationArgs, report: ReportViolation) => {
    if (!coversType(control, args.type)) {
      args.notApplicable(`${control.name} checks ${control.resourceTypes.join(", ")}`);
    }
    const settings = resolveSettings(pack, args.getConfig<Partial<PackSettings>>());
    const resource = args as unknown as CheckedResource;
    settle(
      () => {
        if (control.appliesTo !== undefined && !control.appliesTo(resource, settings)) {
          args.notApplicable(`${control.name} does not apply to ${args.name}`);
        }
        return control.check(resource, settings);
      },
      args.urn,
      report,
      passHook(args),
    );
  };
}

function stackPolicyBody(control: Control & { scope: "stack" | "environment" }, pack: PackName) {
  return (args: StackValidationArgs, report: ReportViolation) => {
    const context: StackContext = {
      resources: args.resources as unknown as CheckedResource[],
      settings: resolveSettings(pack, args.getConfig<Partial<PackSettings>>()),
    };
    const onPass = passHook(args);
    if (control.scope === "environment") {
      settle(
        () => {
          if (!control.appliesTo(context)) args.notApplicable(`${control.name} does not apply`);
          return control.check(context);
        },
        undefined,
        report,
        onPass,
      );
      return;
    }
    const subjects = context.resources.filter((r) => coversType(control, r.type));
    if (subjects.length === 0)
      args.notApplicable(`no ${control.resourceTypes.join(", ")} in the stack`);
    for (const subject of subjects) {
      settle(
        () => {
          if (control.appliesTo !== undefined && !control.appliesTo(subject, context)) return null;
          return control.check(subject, context);
        },
        subject.urn,
        report,
        onPass,
      );
    }
  };
}

/** Builds the policy object of one control for one pack. */
export function toPolicy(
  control: Control,
  pack: PackName,
): ResourceValidationPolicy | StackValidationPolicy {
  const clauses = control.clauses[pack];
  const common = {
    name: control.name,
    description: control.description,
    enforcementLevel: control.enforcementLevel,
    severity: control.severity,
    remediationSteps: control.remediation,
    tags: [control.id, ...clauses],
    framework: { ...FRAMEWORKS[pack], specification: clauses.join(", ") },
    configSchema: configSchema(pack),
  };
  if (control.scope === "resource") {
    return { ...common, validateResource: resourcePolicyBody(control, pack) };
  }
  return { ...common, validateStack: stackPolicyBody(control, pack) };
}

/** Controls that map to at least one clause of the pack's framework. */
export function controlsFor(pack: PackName): Control[] {
  return catalog.filter((c) => c.clauses[pack].length > 0);
}

/** Builds the policies of one pack, in catalog order. */
export function buildPolicies(pack: PackName): Policies {
  return controlsFor(pack).map((c) => toPolicy(c, pack));
}
