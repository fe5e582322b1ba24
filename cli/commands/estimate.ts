import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { type EstimatePart, type EstimateResult, estimate } from "../../infra/sizing/estimate";
import {
  ESTIMATE_FLAGS,
  type EstimateInput,
  EstimateInputError,
  parseEstimateInput,
} from "../../infra/sizing/estimate-input";
import { UsageError } from "../errors";
import { log } from "../log";

const HELP = `Usage: hcft estimate --model <id> --method full|lora|qlora [options]
       hcft estimate --batch <file.json>

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
  --gpus <n>                GPUs for the run (default: one, more only when one is too small)
  --parallelism <p>         single | ddp | zero2 | zero3 | fsdp | device_map (default single)
  --region <region>         AWS region whose instances and prices apply (default us-east-1)
  --headroom-pct <pct>      free memory to keep per GPU, in percent (default 10)
  --gpu-memory-gib <GiB>    also answer: does the peak fit a GPU of this size (no headroom)?

Serving (vLLM):
  --serve                   also size serving
  --max-model-len <tokens>  vLLM --max-model-len (default 8192)
  --max-num-seqs <n>        vLLM --max-num-seqs (default 16)
  --max-loras <n>           LoRA adapter slots (vLLM --max-loras), at --lora-rank

Output:
  --json                    print one JSON object
  --batch <file.json>       read an array of inputs (the flags above in camelCase) and print
                            a JSON array of results in the same order; a bad entry yields
                            {"error": ...}
  -h, --help                print this help`;

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

function parseFlags(args: string[]) {
  try {
    return parseArgs({ args, options: OPTIONS, strict: true, allowPositionals: false }).values;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new UsageError(`hcft estimate: ${message}; run hcft estimate --help for the flags`);
  }
}

function runBatch(path: string): number {
  let entries: unknown;
  try {
    entries = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new UsageError(`--batch ${path}: cannot read a JSON file (${reason})`);
  }
  if (!Array.isArray(entries)) {
    throw new UsageError(`--batch ${path}: expected a JSON array of inputs, got ${typeof entries}`);
  }
  const results = entries.map((entry): EstimateResult | { error: string } => {
    try {
      return estimate(parseEstimateInput(entry));
    } catch (error) {
      return { error: error instanceof Error ? error.message : String(error) };
    }
  });
  log.out(JSON.stringify(results, null, 2));
  return 0;
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

/** Formats one part (training or serving) as a breakdown table and a recommendation. */
function formatPart(title: string, part: EstimatePart, gpuMemoryGiB: number | null): string[] {
  const lines = [title, `  ${"term".padEnd(28)}${"GiB".padStart(9)}`];
  for (const [key, label] of TERMS) {
    const value = part.breakdown[key];
    if (value > 0) lines.push(`  ${label.padEnd(28)}${value.toFixed(2).padStart(9)}`);
  }
  lines.push(`  ${"peak per GPU".padEnd(28)}${part.peakGiB.toFixed(2).padStart(9)}`);
  if (part.fitsGivenGpu !== undefined) {
    const verdict = part.fitsGivenGpu ? "fits" : "does not fit";
    lines.push(`  ${verdict} a ${gpuMemoryGiB} GiB GPU (no headroom)`);
  }
  const rec = part.recommendation;
  if (rec) {
    lines.push(
      `  recommendation: ${rec.instanceType}, ${rec.gpuCount} GPU(s) on ${rec.nodeCount} node(s), ` +
        `${rec.parallelism}, $${rec.usdPerHour.toFixed(2)}/hour (estimate)`,
      `    ${rec.reason}`,
    );
  } else {
    lines.push(`  no recommendation: ${part.problem ?? "nothing fits"}`);
  }
  for (const rejection of part.rejected) {
    lines.push(`    rejected ${rejection.instanceType}: ${rejection.reason}`);
  }
  return lines;
}

function formatEstimate(result: EstimateResult): string {
  const i = result.inputs;
  const layout = i.gpus === null ? "1 GPU" : `${i.gpus} GPUs`;
  const lines = formatPart(
    `Training ${i.model} (${i.method}, seqLen ${i.seqLen}, microBatch ${i.microBatch}, ` +
      `${i.checkpointing} checkpointing, ${layout}, ${i.parallelism}) in ${i.region}`,
    result,
    i.gpuMemoryGiB,
  );
  if (result.throughput) {
    const t = result.throughput;
    lines.push(
      `  throughput estimate: ${t.tokensPerSecond} tokens/s; one pass over the dataset ` +
        `${t.hoursForDataset} h, $${t.usdForDataset}`,
    );
  }
  if (result.serving) {
    const s = result.serving;
    lines.push(
      "",
      ...formatPart(
        `Serving with vLLM (maxModelLen ${i.maxModelLen}, maxNumSeqs ${i.maxNumSeqs}, one GPU)`,
        s,
        i.gpuMemoryGiB,
      ),
    );
    if (s.usdPer1000Notes !== null) {
      lines.push(
        `  tensor parallel ${s.tensorParallelSize}; largest maxModelLen that fits ` +
          `${s.maxModelLenThatFits}; $${s.usdPer1000Notes} per 1,000 notes (estimate)`,
      );
    }
  }
  lines.push("", result.note);
  return lines.join("\n");
}

/** Runs `hcft estimate`: one estimate from flags, or many from a --batch file. */
export async function run(args: string[]): Promise<number> {
  const values = parseFlags(args);
  if (values.help) {
    log.out(HELP);
    return 0;
  }
  if (values.batch !== undefined) return runBatch(values.batch);

  let input: EstimateInput;
  try {
    input = parseEstimateInput(inputFromFlags(values));
  } catch (error) {
    if (error instanceof EstimateInputError) throw new UsageError(error.message);
    throw error;
  }
  const result = estimate(input);
  if (values.json) log.out(JSON.stringify(result, null, 2));
  else log.out(formatEstimate(result));
  return 0;
}
