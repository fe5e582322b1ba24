import { createHash, randomBytes } from "node:crypto";
import type { Readable } from "node:stream";
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  type S3ClientConfig,
  UploadPartCommand,
} from "@aws-sdk/client-s3";
import { isBookkeeping, type Store, type WriteResult, type Writer } from "./storage";
import type { Location } from "./uri";

// S3 (AWS SDK v3). Outputs are uploaded to a temporary key under "_tmp/" next to the
// destination, then copied to the final key and the temporary key deleted, so the final
// key never contains a partial object.

/** Multipart part size: S3 requires at least 5 MiB for every part but the last. */
export const DEFAULT_PART_BYTES = 8 * 1024 * 1024;

export interface S3Settings {
  region: string;
  /** S3-compatible endpoint, for tests and on-premises stores; path-style addressing. */
  endpoint?: string;
}

/** Builds a client; with an endpoint it uses path-style URLs and checksums only when required. */
export function createS3Client(
  settings: S3Settings,
  extra: Partial<S3ClientConfig> = {},
): S3Client {
  const config: S3ClientConfig = { region: settings.region, ...extra };
  if (settings.endpoint !== undefined) {
    config.endpoint = settings.endpoint;
    config.forcePathStyle = true;
    // S3-compatible servers often reject the SDK's default streaming checksums.
    config.requestChecksumCalculation = "WHEN_REQUIRED";
    config.responseChecksumValidation = "WHEN_REQUIRED";
  }
  return new S3Client(config);
}

export class S3Store implements Store {
  constructor(
    private readonly client: S3Client,
    private readonly partBytes = DEFAULT_PART_BYTES,
  ) {}

  async list(prefix: Location): Promise<string[]> {
    const { bucket, key } = s3(prefix);
    const base = key === "" || key.endsWith("/") ? key : `${key}/`;
    const keys: string[] = [];
    let token: string | undefined;
    do {
      const page = await this.client.send(
        new ListObjectsV2Command({ Bucket: bucket, Prefix: base, ContinuationToken: token }),
      );
      for (const entry of page.Contents ?? []) {
        if (entry.Key !== undefined && !entry.Key.endsWith("/"))
          keys.push(entry.Key.slice(base.length));
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token !== undefined);
    return keys.filter((k) => !isBookkeeping(k)).sort();
  }

  async isPrefix(location: Location): Promise<boolean> {
    return s3(location).key === "" || s3(location).key.endsWith("/");
  }

  async read(location: Location): Promise<Readable> {
    const { bucket, key } = s3(location);
    const response = await this.client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    if (response.Body === undefined) throw new Error(`s3://${bucket}/${key} returned no body`);
    return response.Body as Readable;
  }

  async publish(
    location: Location,
    produce: (write: Writer) => Promise<void>,
  ): Promise<WriteResult> {
    const { bucket, key } = s3(location);
    const slash = key.lastIndexOf("/");
    const folder = slash < 0 ? "" : key.slice(0, slash + 1);
    const temporary = `${folder}_tmp/${key.slice(slash + 1)}.${randomBytes(6).toString("hex")}`;
    const upload = new PartUploader(this.client, bucket, temporary, this.partBytes);
    const hash = createHash("sha256");
    let bytes = 0;
    try {
      await produce(async (chunk) => {
        const data = Buffer.from(chunk, "utf8");
        hash.update(data);
        bytes += data.length;
        await upload.write(data);
      });
      await upload.finish();
      await this.client.send(
        new CopyObjectCommand({
          Bucket: bucket,
          Key: key,
          CopySource: `${bucket}/${encodeURIComponent(temporary).replaceAll("%2F", "/")}`,
        }),
      );
      // NOTE: CopyObject handles objects up to 5 GiB; larger outputs need UploadPartCopy.
    } catch (error) {
      await upload.abort();
      throw error;
    } finally {
      await this.client
        .send(new DeleteObjectCommand({ Bucket: bucket, Key: temporary }))
        .catch(() => {});
    }
    return { bytes, sha256: hash.digest("hex") };
  }
}

/** Buffers writes into parts; a small object becomes one PutObject, a large one a multipart upload. */
class PartUploader {
  private buffered: Buffer[] = [];
  private bufferedBytes = 0;
  private uploadId: string | undefined;
  private readonly parts: { ETag: string | undefined; PartNumber: number }[] = [];

  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
    private readonly key: string,
    private readonly partBytes: number,
  ) {}

  async write(data: Buffer): Promise<void> {
    this.buffered.push(data);
    this.bufferedBytes += data.length;
    if (this.bufferedBytes >= this.partBytes) await this.flushPart();
  }

  async finish(): Promise<void> {
    if (this.uploadId === undefined) {
      await this.client.send(
        new PutObjectCommand({ Bucket: this.bucket, Key: this.key, Body: this.take() }),
      );
      return;
    }
    if (this.bufferedBytes > 0) await this.flushPart();
    await this.client.send(
      new CompleteMultipartUploadCommand({
        Bucket: this.bucket,
        Key: this.key,
        UploadId: this.uploadId,
        MultipartUpload: { Parts: this.parts },
      }),
    );
  }

  async abort(): Promise<void> {
    if (this.uploadId === undefined) return;
    await this.client
      .send(
        new AbortMultipartUploadCommand({
          Bucket: this.bucket,
          Key: this.key,
          UploadId: this.uploadId,
        }),
      )
      .catch(() => {});
  }

  private take(): Buffer {
    const body = Buffer.concat(this.buffered);
    this.buffered = [];
    this.bufferedBytes = 0;
    return body;
  }

  private async flushPart(): Promise<void> {
    if (this.uploadId === undefined) {
      const created = await this.client.send(
        new CreateMultipartUploadCommand({ Bucket: this.bucket, Key: this.key }),
      );
      this.uploadId = created.UploadId;
    }
    const PartNumber = this.parts.length + 1;
    const part = await this.client.send(
      new UploadPartCommand({
        Bucket: this.bucket,
        Key: this.key,
        UploadId: this.uploadId,
        PartNumber,
        Body: this.take(),
      }),
    );
    this.parts.push({ ETag: part.ETag, PartNumber });
  }
}

function s3(location: Location): { bucket: string; key: string } {
  if (location.kind !== "s3")
    throw new Error(`expected an s3:// location, got local path "${location.path}"`);
  return location;
}
