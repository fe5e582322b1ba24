// Locations the job reads and writes: a local path or an s3://bucket/key URI. A location
// ending in "/" (or an existing local directory) is a prefix holding many objects.

export type Location =
  | { kind: "local"; path: string }
  | { kind: "s3"; bucket: string; key: string };

/** Parses a local path or an s3:// URI. */
export function parseLocation(value: string): Location {
  if (value.startsWith("s3://")) {
    const rest = value.slice("s3://".length);
    const slash = rest.indexOf("/");
    const bucket = slash < 0 ? rest : rest.slice(0, slash);
    if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) {
      throw new Error(
        `invalid S3 URI "${value}": expected s3://<bucket>/<key> with a 3-63 character lowercase bucket name`,
      );
    }
    return { kind: "s3", bucket, key: slash < 0 ? "" : rest.slice(slash + 1) };
  }
  if (value.length === 0) throw new Error("empty location: expected a local path or s3:// URI");
  return { kind: "local", path: value };
}

/** Formats a location back into its string form. */
export function formatLocation(location: Location): string {
  return location.kind === "s3" ? `s3://${location.bucket}/${location.key}` : location.path;
}

/** Joins a prefix location and a relative key. */
export function joinLocation(prefix: Location, relative: string): Location {
  if (prefix.kind === "s3") {
    const base = prefix.key === "" || prefix.key.endsWith("/") ? prefix.key : `${prefix.key}/`;
    return { kind: "s3", bucket: prefix.bucket, key: `${base}${relative}` };
  }
  const base = prefix.path.endsWith("/") ? prefix.path : `${prefix.path}/`;
  return { kind: "local", path: `${base}${relative}` };
}
