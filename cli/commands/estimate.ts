import { existsSync, readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { SizingError } from "../../infra/sizing/errors";
import {
  type EstimatePart,
  type EstimateResult,
  estimate,
  type Recommendation,
} from "../../infra/sizing/estimate";
import {
  ESTIMATE_FLAGS,
  type EstimateInput,
  EstimateInputError,
  FLAG_VOCABULARY,
  parseEstimateInput,
} from "../../infra/sizing/estimate-input";
import { EXIT_FAILED, EXIT_OK, UsageError } from "../errors";
import { log } from "../log";

const USAGE_LINE = "hcft estimate --model <id> --method full|lora|qlora [options]";

const HELP = `Usage: ${USAGE_LINE}
       hcft estimate --batch <file.json | ->

Estimates peak GPU memory per GPU for fine-tuning (and, with --serve, for vLLM serving),
its breakdown, the instances that fit and the cheapest one. Costs and speeds are estimates.

Training:
  --model <id>              catalog model id, such as qwen3-8b or qwen2.5-vl-7b
  --method <m>              full | lora | qlora
  --seq-len <tokens>        tokens per row (default 2048)
  --micro-batch <n>         rows per GPU per step (default 1)
  --lora-rank <r>           LoRA rank (default 16)
  --checkpointing <c>       none | standard | offload (default standard)
  --optimizer <o>           adamw | adamw-8bit | paged-adamw-8bit (default: paged-adamw-8bit
                            for qlora, adamw otherwise)
  --attention <a>           flash | sdpa | eager (default flash)
  --packing                 rows are packed to --seq-len
  --train-modules <list>    modules trained in full: lm_head,embed_tokens
  --base-weights <w>        bf16 | nf4 | int4-gptq | int4-awq | fp8 (default: nf4 for qlora,
                            bf16 otherwise)
  --gpus <n>                GPUs for the run (default: the cheapest per hour that fits, one GPU
                            or all GPUs of one instance)
  --parallelism <p>         single | ddp | zero2 | zero3 | fsdp | device_map (default single)
  --region <region>         AWS region whose instances and prices apply (default us-east-1)
  --headroom-pct <pct>      free memory to keep per GPU, in percent (default 10)
  --gpu-memory-gib <GiB>    also answer: does the peak fit a GPU of this size (no headroom)?

Serving (vLLM); the flags after --serve need it:
  --serve                   also size serving
  --max-model-len <tokens>  vLLM --max-model-len (default 8192)
  --max-num-seqs <n>        vLLM --max-num-seqs (default 16)
  --max-loras <n>           LoRA adapter slots (vLLM --max-loras), at --lora-rank
  --weight-precision <w>    bf16 | fp8 | int4-awq | int4-gptq (default bf16)

--seq-len and --max-model-len may not exceed the model's max_position_embeddings.

Output:
  --json                    print one JSON object
  --batch <file.json | ->   read an array of inputs (the flags above in camelCase) from a
                            file or, with -, standard input, and print a JSON array of
                            results in the same order; a bad entry yields {"error": ...}.
                            Takes no other input flags.
  -h, --help                print this help

Exit codes: 0 a recommendation (for --batch: results printed), 1 nothing fits, 2 invalid
input.`;

const OPTIONS = {
  model: { type: "string" },
  method: { type: "string" },
  "seq-len": { type: "string" },
  "micro-batch": { type: "string" },
  "lora-rank": { type: "string" },
  checkpointing: { type: "string" },
  optimizer: { type: "string" },
  attention: { type: "string" },
  packing: { type: "boolean" },
  "train-modules": { type: "string" },
  "base-weights": { type: "string" },
  gpus: { type: "string" },
  parallelism: { type: "string" },
  region: { type: "string" },
  "headroom-pct": { type: "string" },
  "gpu-memory-gib": { type: "string" },
  serve: { type: "boolean" },
  "max-model-len": { type: "string" },
  "max-num-seqs": { type: "string" },
  "max-loras": { type: "string" },
  "weight-precision": { type: "string" },
  json: { type: "boolean" },
  batch: { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

// Input keys by flag name, so `--gpu-memory-gib` becomes `gpuMemoryGiB` as in --batch files.
const KEY_BY_FLAG = new Map(
  Object.entries(ESTIMATE_FLAGS).map(([key, flag]) => [flag.slice(2), key]),
);

/** Converts parsed flags to the camelCase input object that --batch files also use. */
function inputFromFlags(
  values: Record<string, string | boolean | undefined>,
): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const [flag, value] of Object.entries(values)) {
    const key = KEY_BY_FLAG.get(flag);
    if (value === undefined || key === undefined) continue;
    input[key] = value;
  }
  return input;
}

/**
 * Joins a string flag and a negative number into `--flag=-5`. parseArgs would otherwise
 * reject "-5" as an ambiguous option, and the range check could not name the value.
 */
function joinNegativeValues(args: string[]): string[] {
  const joined: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? "";
    const next = args[i + 1];
    const option = arg.startsWith("--") ? OPTIONS[arg.slice(2) as keyof typeof OPTIONS] : undefined;
    if (option?.type === "string" && next !== undefined && /^-\d/.test(next)) {
      joined.push(`${arg}=${next}`);
      i++;
    } else {
      joined.push(arg);
    }
  }
  return joined;
}

function parseFlags(args: string[]) {
  try {
    const joined = joinNegativeValues(args);
    return parseArgs({ args: joined, options: OPTIONS, strict: true, allowPositionals: false })
      .values;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new UsageError(`hcft estimate: ${message}; run hcft estimate --help for the flags`);
  }
}

/** Reads a --batch file, or standard input for "-". */
function readBatch(path: string): string {
  if (path !== "-" && !existsSync(path)) {
    throw new UsageError(`--batch: file not found: ${path}; pass a JSON file or - for stdin`);
  }
  try {
    return readFileSync(path === "-" ? 0 : path, "utf8");
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new UsageError(`--batch ${path}: failed to read (${reason})`);
  }
}

function runBatch(path: string): number {
  let entries: unknown;
  const text = readBatch(path);
  try {
    entries = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new UsageError(`--batch ${path}: invalid JSON (${reason})`);
  }
  if (!Array.isArray(entries)) {
    throw new UsageError(`--batch ${path}: expected a JSON array of inputs, got ${typeof entries}`);
  }
  const results = entries.map((entry): EstimateResult | { error: string } => {
    try {
      return estimate(parseEstimateInput(entry));
    } catch (error) {
      if (error instanceof SizingError) return { error: error.describe(FLAG_VOCABULARY) };
      return { error: error instanceof Error ? error.message : String(error) };
    }
  });
  log.out(JSON.stringify(results, null, 2));
  return EXIT_OK;
}

const TERMS: [keyof EstimatePart["breakdown"], string][] = [
  ["weights", "weights"],
  ["quantConstants", "quantization constants"],
  ["adapters", "LoRA adapters"],
  ["gradients", "gradients"],
  ["optimizerStates", "optimizer states"],
  ["activations", "activations"],
  ["logits", "logits and cross-entropy"],
  ["kvCache", "KV cache"],
  ["runtimeOverhead", "CUDA context and allocator"],
];

/** Joins a count and a noun, adding "s" unless the count is one. */
function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

/** Describes the instances a recommendation bills, such as "8 x p5en.48xlarge (64 x H200)". */
function describeInstances(rec: Recommendation): string {
  const billed = rec.gpusPerInstance * rec.nodeCount;
  const gpus =
    rec.idleGpus > 0
      ? `${rec.gpuCount} of ${billed} x ${rec.gpuModel} used`
      : `${billed} x ${rec.gpuModel}`;
  const instances = rec.nodeCount > 1 ? `${rec.nodeCount} x ${rec.instanceType}` : rec.instanceType;
  return `${instances} (${gpus})`;
}

/** Formats one part (training or serving) as a breakdown table and a recommendation. */
function formatPart(title: string, part: EstimatePart, gpuMemoryGiB: number | null): string[] {
  const layout = `${plural(part.layout.gpus, "GPU")}, ${part.layout.parallelism}`;
  const basis = part.recommendation ? "recommended layout" : "requested layout, which fits nowhere";
  const lines = [title, `  per GPU for the ${basis}: ${layout}`];
  lines.push(`  ${"term".padEnd(28)}${"GiB".padStart(9)}`);
  for (const [key, label] of TERMS) {
    const value = part.breakdown[key];
    if (value > 0) lines.push(`  ${label.padEnd(28)}${value.toFixed(2).padStart(9)}`);
  }
  lines.push(`  ${"peak per GPU".padEnd(28)}${part.peakGiB.toFixed(2).padStart(9)}`);
  if (part.fitsGivenGpu !== undefined) {
    const verdict = part.fitsGivenGpu ? "fits" : "does not fit";
    lines.push(`  ${verdict} a GPU with ${gpuMemoryGiB?.toFixed(2)} GiB (no headroom)`);
  }
  const rec = part.recommendation;
  if (rec) {
    lines.push(
      `  recommendation: ${describeInstances(rec)}, ${rec.parallelism}, ` +
        `$${rec.usdPerHour.toFixed(2)}/hour (estimate)`,
      `    ${rec.reason}`,
    );
  } else {
    lines.push("  no recommendation: nothing fits (see the error below)");
  }
  for (const rejection of part.rejected) {
    lines.push(`    rejected ${rejection.instanceType}: ${rejection.reason}`);
  }
  return lines;
}

function formatEstimate(result: EstimateResult): string {
  const i = result.inputs;
  const lines = formatPart(
    `Training ${i.model} (${i.method}, seqLen ${i.seqLen}, microBatch ${i.microBatch}, ` +
      `${i.checkpointing} checkpointing) in ${i.region}`,
    result,
    i.gpuMemoryGiB,
  );
  if (result.throughput) {
    const t = result.throughput;
    lines.push(
      `  throughput estimate: ${t.tokensPerSecond} tokens/s; one pass over the dataset ` +
        `${t.hoursForDataset} h, $${t.usdForDataset.toFixed(2)}`,
    );
  }
  if (result.serving) {
    const s = result.serving;
    lines.push(
      "",
      ...formatPart(
        `Serving with vLLM (maxModelLen ${i.maxModelLen}, maxNumSeqs ${i.maxNumSeqs}, ` +
          `${i.weightPrecision} weights)`,
        s,
        i.gpuMemoryGiB,
      ),
    );
    if (s.usdPer1000Notes !== null) {
      lines.push(
        `  largest maxModelLen that fits: ${s.maxModelLenThatFits}; ` +
          `$${s.usdPer1000Notes.toFixed(2)} per 1,000 notes (estimate)`,
      );
    }
  }
  lines.push("", result.note);
  return lines.join("\n");
}

/** Lists why training or serving has no recommendation; empty when both have one. */
function problems(result: EstimateResult): string[] {
  const parts: EstimatePart[] = result.serving ? [result, result.serving] : [result];
  return parts
    .filter((part) => part.recommendation === null)
    .map((part) => part.problem ?? "nothing fits");
}

/** Parses the flags into one estimate input; throws UsageError with the usage line. */
function inputFrom(values: ReturnType<typeof parseFlags>): EstimateInput {
  try {
    return parseEstimateInput(inputFromFlags(values));
  } catch (error) {
    if (!(error instanceof EstimateInputError)) throw error;
    const usage = error.message.startsWith("missing ") ? `; usage: ${USAGE_LINE}` : "";
    throw new UsageError(`${error.message}${usage}`);
  }
}

/**
 * Runs `hcft estimate`: one estimate from flags, or many from a --batch file. Returns 0
 * with a recommendation, 1 when nothing fits; invalid input throws UsageError (exit 2).
 */
export async function run(args: string[]): Promise<number> {
  const values = parseFlags(args);
  if (values.help) {
    log.out(HELP);
    return EXIT_OK;
  }
  if (values.batch !== undefined) {
    // A batch entry carries its own inputs, so flags given next to --batch would be ignored.
    const extra = Object.keys(inputFromFlags(values)).map(
      (key) => ESTIMATE_FLAGS[key as keyof EstimateInput],
    );
    if (extra.length > 0) {
      throw new UsageError(
        `--batch takes no input flags, got ${extra.join(", ")}; put them in the batch entries`,
      );
    }
    return runBatch(values.batch);
  }

  const input = inputFrom(values);
  let result: EstimateResult;
  try {
    result = estimate(input);
  } catch (error) {
    if (error instanceof SizingError) throw new UsageError(error.describe(FLAG_VOCABULARY));
    throw error;
  }
  if (values.json) log.out(JSON.stringify(result, null, 2));
  else log.out(formatEstimate(result));

  const failures = problems(result);
  for (const problem of failures) log.error(problem);
  return failures.length > 0 ? EXIT_FAILED : EXIT_OK;
}
