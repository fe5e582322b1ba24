import { createHash, randomBytes } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, readdir, rename, rm, stat } from "node:fs/promises";
import { basename, dirname, join, relative } from "node:path";
import type { Readable } from "node:stream";
import { isBookkeeping, type Store, type WriteResult, type Writer } from "./storage";
import type { Location } from "./uri";

/** Files on a local or mounted file system. */
export class LocalStore implements Store {
  async list(prefix: Location): Promise<string[]> {
    const root = localPath(prefix);
    const found: string[] = [];
    const walk = async (dir: string): Promise<void> => {
      for (const entry of await readdir(dir, { withFileTypes: true })) {
        const full = join(dir, entry.name);
        if (entry.isDirectory()) await walk(full);
        else if (entry.isFile()) found.push(relative(root, full).split("\\").join("/"));
      }
    };
    await walk(root);
    return found.filter((key) => !isBookkeeping(key)).sort();
  }

  async isPrefix(location: Location): Promise<boolean> {
    const path = localPath(location);
    if (path.endsWith("/")) return true;
    try {
      return (await stat(path)).isDirectory();
    } catch {
      return false;
    }
  }

  async read(location: Location): Promise<Readable> {
    const path = localPath(location);
    // Open eagerly so a missing file fails here, with its path, not mid-stream.
    await stat(path);
    return createReadStream(path);
  }

  async publish(
    location: Location,
    produce: (write: Writer) => Promise<void>,
  ): Promise<WriteResult> {
    const path = localPath(location);
    await mkdir(dirname(path), { recursive: true });
    // A hidden temporary name in the same directory, so the final rename is atomic.
    const temporary = join(
      dirname(path),
      `.${basename(path)}.${randomBytes(6).toString("hex")}.tmp`,
    );
    const hash = createHash("sha256");
    let bytes = 0;
    const stream = createWriteStream(temporary, { flags: "wx" });
    const opened = new Promise<void>((resolve, reject) => {
      stream.once("open", () => resolve());
      stream.once("error", reject);
    });
    await opened;
    try {
      await produce(async (chunk) => {
        const data = Buffer.from(chunk, "utf8");
        hash.update(data);
        bytes += data.length;
        if (!stream.write(data)) await waitForDrain(stream);
      });
      await new Promise<void>((resolve, reject) => {
        stream.once("error", reject);
        stream.end(() => resolve());
      });
      await rename(temporary, path);
    } catch (error) {
      stream.destroy();
      await rm(temporary, { force: true });
      throw error;
    }
    return { bytes, sha256: hash.digest("hex") };
  }
}

function localPath(location: Location): string {
  if (location.kind !== "local") throw new Error(`expected a local path, got an S3 location`);
  return location.path;
}

function waitForDrain(stream: NodeJS.WritableStream): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    stream.once("error", onError);
    stream.once("drain", () => {
      stream.removeListener("error", onError);
      resolve();
    });
  });
}
