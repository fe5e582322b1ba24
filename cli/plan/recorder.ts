import * as pulumi from "@pulumi/pulumi";
import { type PlannedResource, SECRET_PLACEHOLDER } from "./types";

// Records every resource the program registers, with its resource options. Pulumi's mock
// API passes `newResource` only the type, name and inputs. The register request that the
// SDK sends to the mock resource monitor carries the options too, so the recorder wraps
// the monitor's `registerResource` and reads the request and the response.

interface StructLike {
  toJavaScript(): Record<string, unknown>;
}

// The fields of Pulumi's RegisterResourceRequest protobuf message that the recorder reads.
interface RegisterResourceRequest {
  getType(): string;
  getName(): string;
  getParent(): string;
  getCustom(): boolean;
  getObject(): StructLike | undefined;
  getProtect(): boolean | undefined;
  getRetainondelete(): boolean | undefined;
  getDeletebeforereplace(): boolean;
  getIgnorechangesList(): string[];
  getDependenciesList(): string[];
  getPropertydependenciesMap(): { forEach(fn: (deps: { getUrnsList(): string[] }) => void): void };
  getProvider(): string;
}

interface RegisterResourceResponse {
  getUrn(): string;
  getId(): string;
  getObject(): StructLike | undefined;
}

type Callback = (error: Error | null, response?: RegisterResourceResponse) => void;

interface MonitorLike {
  registerResource(request: RegisterResourceRequest, callback: Callback): unknown;
}

/**
 * Starts recording on the mock monitor installed by `pulumi.runtime.setMocks`; call it right
 * after `setMocks`. Returns the list that fills as resources register.
 */
export function startRecording(): PlannedResource[] {
  const monitor = pulumi.runtime.getMonitor() as unknown as MonitorLike | undefined;
  if (monitor === undefined || typeof monitor.registerResource !== "function") {
    throw new Error("no Pulumi resource monitor is set; call pulumi.runtime.setMocks first");
  }
  const resources: PlannedResource[] = [];
  const register = monitor.registerResource.bind(monitor);
  monitor.registerResource = (request, callback) =>
    register(request, (error, response) => {
      if (error === null && response !== undefined) resources.push(toRecord(request, response));
      callback(error, response);
    });
  return resources;
}

function toRecord(
  request: RegisterResourceRequest,
  response: RegisterResourceResponse,
): PlannedResource {
  const parent = request.getParent();
  const id = response.getId();
  const record: PlannedResource = {
    urn: response.getUrn(),
    type: request.getType(),
    name: request.getName(),
    custom: request.getCustom(),
    inputs: sanitizeObject(request.getObject()?.toJavaScript() ?? {}),
    outputs: sanitizeObject(response.getObject()?.toJavaScript() ?? {}),
    options: readOptions(request),
  };
  if (parent !== "") record.parent = parent;
  if (record.custom && id !== "") record.id = id;
  return record;
}

function readOptions(request: RegisterResourceRequest): PlannedResource["options"] {
  // The SDK sends one dependency list: explicit dependsOn plus every resource an input
  // came from. The per-property lists name the latter, so the rest is dependsOn.
  // NOTE: a resource that is both in dependsOn and behind an input is reported only as an
  // input dependency, because the request does not tell the two apart.
  const implicit = new Set<string>();
  request.getPropertydependenciesMap().forEach((deps) => {
    for (const urn of deps.getUrnsList()) implicit.add(urn);
  });
  const options: PlannedResource["options"] = {
    protect: request.getProtect() ?? false,
    retainOnDelete: request.getRetainondelete() ?? false,
    ignoreChanges: request.getIgnorechangesList(),
    dependsOn: request.getDependenciesList().filter((urn) => !implicit.has(urn)),
    deleteBeforeReplace: request.getDeletebeforereplace(),
  };
  const provider = request.getProvider();
  if (provider !== "") options.provider = provider;
  return options;
}

function sanitizeObject(value: Record<string, unknown>): Record<string, unknown> {
  return sanitize(value) as Record<string, unknown>;
}

/**
 * Turns a serialized Pulumi property value into plain JSON: secrets become
 * SECRET_PLACEHOLDER, resource references their URN, assets and archives a short marker.
 */
export function sanitize(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sanitize);
  if (value === null || typeof value !== "object") {
    return value === pulumi.runtime.unknownValue ? "[unknown]" : value;
  }
  const object = value as Record<string, unknown>;
  switch (object[pulumi.runtime.specialSigKey]) {
    case pulumi.runtime.specialSecretSig:
      return SECRET_PLACEHOLDER;
    case pulumi.runtime.specialResourceSig:
      return object.urn;
    case pulumi.runtime.specialAssetSig:
    case pulumi.runtime.specialArchiveSig:
      return `[asset ${String(object.path ?? object.uri ?? "inline")}]`;
    case pulumi.runtime.specialOutputValueSig:
      return object.secret === true ? SECRET_PLACEHOLDER : sanitize(object.value);
    default:
      return Object.fromEntries(Object.entries(object).map(([key, item]) => [key, sanitize(item)]));
  }
}
