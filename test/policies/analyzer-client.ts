import { type ChildProcess, spawn } from "node:child_process";
import * as path from "node:path";
import { createInterface } from "node:readline";
import type { PolicyResource } from "../../policies/evaluate";

// A minimal Pulumi engine stand-in for tests: starts a policy pack the way the Pulumi CLI
// does (a process that prints its gRPC port), then calls its Analyzer service on 127.0.0.1
// with the generated stubs shipped in @pulumi/pulumi. Only this repository's packs are run.

// biome-ignore lint/suspicious/noExplicitAny: generated protobuf modules are untyped JavaScript
type Any = any;

const protoDir = path.dirname(require.resolve("@pulumi/pulumi/proto/analyzer_pb"));
// Resolve gRPC and protobuf from the stubs' own location, so messages match their classes.
const fromProto = (id: string) => require(require.resolve(id, { paths: [protoDir] }));
const analyzer: Any = require("@pulumi/pulumi/proto/analyzer_pb");
const services: Any = require("@pulumi/pulumi/proto/analyzer_grpc_pb");
const grpc: Any = fromProto("@grpc/grpc-js");
const { Struct }: Any = fromProto("google-protobuf/google/protobuf/struct_pb");
const { Empty }: Any = fromProto("google-protobuf/google/protobuf/empty_pb");

export const LEVELS = ["advisory", "mandatory", "disabled", "remediate"] as const;

export interface Diagnostic {
  policyName: string;
  urn: string;
  message: string;
  enforcementLevel: (typeof LEVELS)[number];
}

export interface PackProcess {
  child: ChildProcess;
  port: number;
  client: Any;
}

/**
 * Starts a pack the way the Pulumi CLI's Node.js language host does: Pulumi's own
 * `run-policy-pack` entry loads the pack folder (package.json `main`, compiled by its
 * ts-node), the pack starts its Analyzer server and prints the port.
 */
export async function startPack(pack: "hipaa" | "dpdp", timeoutMs = 60_000): Promise<PackProcess> {
  const runner = require.resolve("@pulumi/pulumi/cmd/run-policy-pack");
  const folder = path.resolve("policies", pack);
  // The first argument is the engine address, which the runner drops before loading the pack.
  const child = spawn(process.execPath, [runner, "127.0.0.1:0", folder], {
    cwd: folder,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (chunk) => {
    stderr += String(chunk);
  });
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`pack ${pack} printed no port within ${timeoutMs} ms: ${stderr}`)),
      timeoutMs,
    );
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    lines.once("line", (line) => {
      clearTimeout(timer);
      const port = Number(line.trim());
      if (Number.isInteger(port) && port > 0) resolve(port);
      else reject(new Error(`pack ${pack} printed "${line}" instead of a port: ${stderr}`));
    });
    child.once("exit", (code) => reject(new Error(`pack ${pack} exited with ${code}: ${stderr}`)));
  });
  const client = new services.AnalyzerClient(
    `127.0.0.1:${port}`,
    grpc.credentials.createInsecure(),
  );
  return { child, port, client };
}

export function stopPack(pack: PackProcess): void {
  pack.client.close();
  pack.child.kill("SIGTERM");
}

function call<T>(client: Any, method: string, request: unknown): Promise<T> {
  return new Promise((resolve, reject) => {
    client[method](request, (error: Error | null, response: T) =>
      error ? reject(error) : resolve(response),
    );
  });
}

// Resource options as the current Pulumi CLI sends them; the analyzer rejects a request
// without options as coming from an outdated CLI.
function optionsOf(resource: PolicyResource): Any {
  const options = new analyzer.AnalyzerResourceOptions();
  options.setProtect(resource.options.protect === true);
  options.setIgnorechangesList([]);
  options.setAliasesList([]);
  options.setAdditionalsecretoutputsList([]);
  options.setCustomtimeouts(new analyzer.AnalyzerResourceOptions.CustomTimeouts());
  const parent = resource.options.parent ?? resource.parent;
  if (parent !== undefined) options.setParent(parent);
  return options;
}

function providerOf(resource: PolicyResource): Any {
  if (resource.provider === undefined) return undefined;
  const provider = new analyzer.AnalyzerProviderResource();
  provider.setType(resource.provider.type);
  provider.setName(resource.provider.name);
  provider.setUrn(resource.provider.urn);
  provider.setProperties(Struct.fromJavaScript(resource.provider.props));
  return provider;
}

function fill(message: Any, resource: PolicyResource): Any {
  message.setType(resource.type);
  message.setName(resource.name);
  message.setUrn(resource.urn);
  message.setProperties(Struct.fromJavaScript(resource.props));
  message.setOptions(optionsOf(resource));
  const provider = providerOf(resource);
  if (provider !== undefined) message.setProvider(provider);
  return message;
}

function diagnosticsOf(response: Any, fallbackUrn: string): Diagnostic[] {
  return response.getDiagnosticsList().map((d: Any) => ({
    policyName: d.getPolicyname(),
    urn: d.getUrn() || fallbackUrn,
    message: d.getMessage(),
    enforcementLevel: LEVELS[d.getEnforcementlevel()] ?? "advisory",
  }));
}

/** Sends `Analyze` for one resource, as the engine does before registering it. */
export async function analyze(pack: PackProcess, resource: PolicyResource): Promise<Diagnostic[]> {
  const response = await call(
    pack.client,
    "analyze",
    fill(new analyzer.AnalyzeRequest(), resource),
  );
  return diagnosticsOf(response, resource.urn);
}

/** Sends `AnalyzeStack` for the whole stack, as the engine does at the end of a preview. */
export async function analyzeStack(
  pack: PackProcess,
  resources: PolicyResource[],
): Promise<Diagnostic[]> {
  const request = new analyzer.AnalyzeStackRequest();
  request.setResourcesList(
    resources.map((r) => {
      const message = fill(new analyzer.AnalyzerResource(), r);
      message.setDependenciesList([]);
      return message;
    }),
  );
  return diagnosticsOf(await call(pack.client, "analyzeStack", request), "");
}

/** Lists the pack's policies through `GetAnalyzerInfo`. */
export async function analyzerInfo(
  pack: PackProcess,
): Promise<{ name: string; policies: { name: string; enforcementLevel: string }[] }> {
  const info: Any = await call(pack.client, "getAnalyzerInfo", new Empty());
  return {
    name: info.getName(),
    policies: info
      .getPoliciesList()
      .map((p: Any) => ({ name: p.getName(), enforcementLevel: LEVELS[p.getEnforcementlevel()] })),
  };
}

/** Sends the same policy config to every named policy through `Configure`. */
export async function configure(
  pack: PackProcess,
  policyNames: string[],
  properties: Record<string, unknown>,
): Promise<void> {
  const request = new analyzer.ConfigureAnalyzerRequest();
  const map = request.getPolicyconfigMap();
  for (const name of policyNames) {
    const config = new analyzer.PolicyConfig();
    config.setEnforcementlevel(analyzer.EnforcementLevel.MANDATORY);
    config.setProperties(Struct.fromJavaScript(properties));
    map.set(name, config);
  }
  await call(pack.client, "configure", request);
}
