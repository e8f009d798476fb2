// The code components share one shape: files in the repository by role, a linked public
// GitHub repository verified online, a declaration, or a mention.
import type { CodeRole } from '../evidence/artifacts.js';
import type { ModelEvidence } from '../evidence/gather.js';
import type { Link } from '../evidence/types.js';
import {
  cardLinesMatching,
  judgeFiles,
  judgeRemoteLicense,
  linkEvidence,
  linksWhere,
  lookupFailed,
  mentioned,
  missing,
} from './shared.js';
import type { CodeComponent } from '../remote.js';
import type { Criterion, Verdict } from './types.js';
import { rx } from '../rx.js';

export interface CodeCriterionSpec {
  id: CodeComponent;
  role: CodeRole;
  /** Words that tie a GitHub link to this component (in its line or section). */
  linkContext: RegExp;
  /** Card sentences that mention the code without publishing it. */
  mention: RegExp;
  /** Extra repository evidence tried after files (e.g. a usage snippet for inference code). */
  extra?: (ev: ModelEvidence) => Verdict | null;
  /**
   * Files of the role that are not this model's code after all (a verdict saying why), or
   * null. Stronger evidence (a repository verified online, a declaration) still wins.
   */
  notThisModels?: (ev: ModelEvidence, files: string[]) => Verdict | null;
}

export function codeCriterion(spec: CodeCriterionSpec): Criterion {
  return {
    id: spec.id,
    evaluate(ev) {
      const files = ev.artifacts.code[spec.role];
      if (files.length > 0) {
        const notOurs = spec.notThisModels?.(ev, files);
        if (!notOurs) return judgeFiles(ev, spec.id, files, 'codeInRepo', { count: files.length });
        return fromGithub(ev, spec.id) ?? notOurs;
      }
      return spec.extra?.(ev) ?? fromGithub(ev, spec.id) ?? linked(ev, spec) ?? mentionedInCard(ev, spec) ?? missing();
    },
  };
}

function fromGithub(ev: ModelEvidence, id: CodeComponent): Verdict | null {
  const remote = ev.remote;
  if (!remote) return null;
  // The query recorded which component each repository was looked up for.
  const facts = Object.values(remote.github).filter((g) => g.component === id);
  const found = facts.find((g) => g.state === 'found');
  if (!found) {
    // Not found or private stays a mention (the link below); a lookup that failed says so.
    const failed = facts.find((g) => g.state === 'unavailable');
    if (!failed) return null;
    return lookupFailed(
      'githubUnavailable',
      { repo: failed.repo, error: failed.error ?? null },
      failed.url,
      failed.error,
    );
  }
  const evidence = [
    {
      kind: 'hub' as const,
      url: found.url,
      note: found.license ? `GitHub repository under ${found.license}` : 'GitHub repository without a license',
    },
  ];
  return judgeRemoteLicense(id, found.license, 'codeOnGithub', { repo: found.repo }, evidence);
}

/**
 * General-purpose libraries and tools: a release that links them names what it runs on or
 * was measured with, not its own code (a card that says "inference with transformers" has
 * not published its inference code). Lower-case `owner/repo`.
 */
const GENERAL_PURPOSE_REPOS = new Set([
  'huggingface/transformers',
  'huggingface/accelerate',
  'huggingface/peft',
  'huggingface/trl',
  'huggingface/datasets',
  'huggingface/tokenizers',
  'huggingface/diffusers',
  'huggingface/huggingface_hub',
  'huggingface/text-generation-inference',
  'huggingface/optimum',
  'huggingface/safetensors',
  'openai/tiktoken',
  'google/sentencepiece',
  'kaldi-asr/kaldi',
  'pytorch/pytorch',
  'tensorflow/tensorflow',
  'google/jax',
  'google/flax',
  'keras-team/keras',
  'microsoft/deepspeed',
  'nvidia/megatron-lm',
  'nvidia/nemo',
  'nvidia/apex',
  'nvidia/tensorrt-llm',
  'facebookresearch/fairseq',
  'facebookresearch/xformers',
  'dao-ailab/flash-attention',
  'vllm-project/vllm',
  'sgl-project/sglang',
  'ggerganov/llama.cpp',
  'ggml-org/llama.cpp',
  'ollama/ollama',
  'turboderp/exllamav2',
  'mlc-ai/mlc-llm',
  'ml-explore/mlx',
  'ml-explore/mlx-examples',
  'lm-sys/fastchat',
  'eleutherai/lm-evaluation-harness',
  'openai/human-eval',
  'openai/evals',
  'hiyouga/llama-factory',
  'axolotl-ai-cloud/axolotl',
  'openaccess-ai-collective/axolotl',
  'unslothai/unsloth',
  'lightning-ai/lightning',
  'lightning-ai/litgpt',
  'mosaicml/composer',
  'mosaicml/llm-foundry',
  'mosaicml/streaming',
  'ray-project/ray',
  'wandb/wandb',
  'gradio-app/gradio',
  'streamlit/streamlit',
  'langchain-ai/langchain',
  'onnx/onnx',
  'microsoft/onnxruntime',
  'openvinotoolkit/openvino',
]);

/**
 * A link into this very repository (a blob or tree whose path is here, or the repository the
 * snapshot is of): its files are judged as files, so the link adds nothing to look up.
 */
export function isSelfLink(ev: ModelEvidence, l: Link): boolean {
  if (!l.id) return false;
  if (ev.repository && l.id.toLowerCase() === ev.repository.toLowerCase()) return true;
  const path = /^https?:\/\/(?:www\.)?github\.com\/[^/]+\/[^/]+\/(?:blob|tree|raw)\/[^/]+\/([^?#]+)/i
    .exec(l.url)?.[1]
    ?.replace(/\/+$/, '');
  if (!path) return false;
  const dir = path + '/';
  return ev.entries.some((e) => e.path === path || e.path.startsWith(dir));
}

/**
 * GitHub links tied to a code component by their line or section, other than general libraries and
 * links into this repository.
 */
export function codeLinks(ev: ModelEvidence, spec: Pick<CodeCriterionSpec, 'linkContext'>): Link[] {
  return linksWhere(ev, ['github'], spec.linkContext).filter(
    (l) => !!l.id && !GENERAL_PURPOSE_REPOS.has(l.id.toLowerCase()) && !isSelfLink(ev, l),
  );
}

function linked(ev: ModelEvidence, spec: CodeCriterionSpec): Verdict | null {
  const links = codeLinks(ev, spec);
  return links.length > 0 ? mentioned('codeLinked', linkEvidence(links), { repo: links[0]?.id ?? null }) : null;
}

function mentionedInCard(ev: ModelEvidence, spec: CodeCriterionSpec): Verdict | null {
  const lines = cardLinesMatching(ev, spec.mention);
  return lines.length > 0 ? mentioned('codeMentioned', lines) : null;
}

export const CODE_SPECS: CodeCriterionSpec[] = [
  {
    id: 'training-code',
    role: 'training',
    linkContext: /\b(train(ing)?|pre-?train(ing)?|fine-?tun(e|ing)|sft|rlhf|recipe|reproduc\w*)\b/i,
    mention: /\b(training|fine-?tuning|pre-?training) (code|scripts?|pipeline|recipe)\b/i,
  },
  {
    id: 'data-preprocessing-code',
    role: 'preprocessing',
    linkContext: rx('i')`
        \b(data (pipeline|processing|preparation|curation|cleaning)|preprocess\w*|dedup\w*|filter\w*|tokeni[sz]\w*|
        data[- ]?prep\w*)\b`,
    // Code, not what was done to the data: "we deduplicated the corpus" names no code.
    mention: rx('i')`
        \b(data (processing |preprocessing |preparation |cleaning |curation )?(code|scripts?|pipeline|tool(s|kit)?)|
        (preprocessing|deduplication|filtering|cleaning|tokeni[sz]ation) (code|scripts?|pipeline|tool(s|kit)?))\b`,
  },
  {
    id: 'evaluation-code',
    role: 'evaluation',
    linkContext: /\b(eval\w*|benchmark\w*|harness|leaderboard)\b/i,
    mention: /\b(evaluation (code|scripts?|harness|suite)|lm-evaluation-harness|evaluated (with|using))\b/i,
  },
  {
    id: 'inference-code',
    role: 'inference',
    linkContext: /\b(inference|serv(e|ing)|deploy\w*|demo|run(ning)? the model|quantiz\w*)\b/i,
    mention: /\b(inference (code|scripts?|server|engine)|serving)\b/i,
  },
];
