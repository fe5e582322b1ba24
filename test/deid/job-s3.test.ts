import { readFileSync } from "node:fs";
import { join } from "node:path";
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand } from "@aws-sdk/client-s3";
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from "vitest";
import { runJob } from "../../jobs/deid/run";
import { describeWithSharedData } from "../helpers/shared-data";
import { captureJobLog, DEV_SET, type LocalS3, settings, startLocalS3, tempDir } from "./helpers";

let s3: LocalS3;
let logs: ReturnType<typeof captureJobLog>;

async function getText(bucket: string, key: string): Promise<string> {
  const response = await s3.client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return (await response.Body!.transformToString("utf8")) as string;
}

async function keys(bucket: string): Promise<string[]> {
  const page = await s3.client.send(new ListObjectsV2Command({ Bucket: bucket }));
  return (page.Contents ?? []).map((entry) => entry.Key!).sort();
}

describeWithSharedData("S3 job", DEV_SET, () => {
  beforeAll(async () => {
    s3 = await startLocalS3(["raw", "clean"]);
  });

  afterAll(async () => {
    await s3.stop();
  });

  beforeEach(() => {
    logs = captureJobLog();
  });

  afterEach(() => {
    logs.restore();
  });

  // Read inside a hook, because a skipped suite still runs its body to collect tests.
  let devText: Buffer;

  beforeAll(async () => {
    devText = readFileSync(DEV_SET);
    await s3.client.send(
      new PutObjectCommand({ Bucket: "raw", Key: "notes/dev.jsonl", Body: devText }),
    );
  });

  it("matches the local output byte for byte", async () => {
    const dir = tempDir();
    try {
      const local = join(dir.path, "dev.jsonl");
      await runJob(settings({ input: DEV_SET, output: local, keepFacilities: true }));
      // A 64 KiB part size forces a multipart upload of the ~600 KB output.
      const report = await runJob(
        settings({
          input: "s3://raw/notes/dev.jsonl",
          output: "s3://clean/run1/dev.jsonl",
          keepFacilities: true,
        }),
        { s3Client: s3.client, partBytes: 64 * 1024 },
      );
      expect(await getText("clean", "run1/dev.jsonl")).toBe(readFileSync(local, "utf8"));
      expect(report.inputs[0]!.bytes).toBe(devText.length);
      expect(await keys("clean")).toEqual(["run1/dev.jsonl", "run1/dev.jsonl.report.json"]);
    } finally {
      dir.remove();
    }
  });

  it("publishes nothing on a crash and the same bytes on rerun", async () => {
    const run = settings({
      input: "s3://raw/notes/",
      output: "s3://clean/run2/",
      keepFacilities: true,
    });
    await expect(
      runJob(run, { s3Client: s3.client, partBytes: 64 * 1024, crashAfterLines: 200 }),
    ).rejects.toThrow(/simulated crash/);
    expect((await keys("clean")).filter((key) => key.startsWith("run2/"))).toEqual([]);
    await runJob(run, { s3Client: s3.client, partBytes: 64 * 1024 });
    const first = await getText("clean", "run2/dev.jsonl");
    await runJob(run, { s3Client: s3.client });
    expect(await getText("clean", "run2/dev.jsonl")).toBe(first);
    expect((await keys("clean")).filter((key) => key.startsWith("run2/"))).toEqual([
      "run2/_reports/shard-0-of-1.json",
      "run2/dev.jsonl",
    ]);
  });

  it("writes a lineage record to the audit prefix", async () => {
    await runJob(
      settings({
        input: "s3://raw/notes/",
        output: "s3://clean/run3/",
        audit: "s3://clean/audit/",
        image: "sha256:abc",
      }),
      { s3Client: s3.client },
    );
    const lineageKeys = (await keys("clean")).filter((key) =>
      key.startsWith("audit/deid-lineage/"),
    );
    expect(lineageKeys).toHaveLength(1);
    const lineage = JSON.parse(await getText("clean", lineageKeys[0]!));
    expect(lineage.image).toBe("sha256:abc");
    expect(lineage.inputs[0].uri).toBe("s3://raw/notes/dev.jsonl");
  });
});
