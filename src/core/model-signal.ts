// Whether a repository looks like it releases a model at all. The GitHub App stays silent
// where this is false: an organisation-wide install must not put an "openness" check on
// every web app and library. Decided from the snapshot alone, so it costs no request.
import type { RepoSnapshot } from './snapshot.js';
import { rx } from './rx.js';

/** Our own configuration: its presence is an explicit opt-in. */
const CONFIG_RE = /^\.github\/truly-open\.ya?ml$/i;

/** Serialised weights. A bare `.bin` is too common to count unless it has a weights name. */
const WEIGHTS_RE = rx('i')`
    \.(safetensors|gguf|ggml|onnx|ckpt|pt|pth|h5|keras|tflite|mlmodel|msgpack|nemo)$|(^|\/)(pytorch_model|
    adapter_model|tf_model|flax_model|model)[^/]*\.bin$|\.safetensors\.index\.json$`;

/** Files that only exist to describe a model. */
const CARD_RE = /(^|\/)(model[_-]?card)\.md$/i;

/** Front-matter keys that the Hugging Face model-card format defines and other READMEs do not use. */
const CARD_KEYS = new Set(['base_model', 'pipeline_tag', 'library_name', 'model-index', 'model_name', 'datasets']);

/** `config.json` keys written by model libraries (transformers, diffusers, timm). */
const MODEL_CONFIG_RE = /"(architectures|model_type|_class_name|_diffusers_version)"\s*:/;

export type ModelSignal = 'config' | 'weights' | 'card' | 'model-config';

/** What made the repository look like a model release, or null when nothing did. */
export function modelSignal(snapshot: RepoSnapshot): ModelSignal | null {
  const paths = snapshot.entries.map((e) => e.path);
  if (paths.some((p) => CONFIG_RE.test(p))) return 'config';
  if (paths.some((p) => WEIGHTS_RE.test(p))) return 'weights';
  if (paths.some((p) => CARD_RE.test(p))) return 'card';
  for (const [path, text] of Object.entries(snapshot.texts)) {
    const base = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
    if (base === 'readme.md' && frontMatterKeys(text).some((k) => CARD_KEYS.has(k))) return 'card';
    if (base === 'config.json' && MODEL_CONFIG_RE.test(text.slice(0, 64 * 1024))) return 'model-config';
  }
  return null;
}

export function hasModelSignal(snapshot: RepoSnapshot): boolean {
  return modelSignal(snapshot) !== null;
}

/**
 * Top-level keys of a YAML front-matter block, read line by line: enough to recognise a
 * card without loading untrusted YAML.
 */
function frontMatterKeys(text: string): string[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (lines[0]?.trim() !== '---') return [];
  const keys: string[] = [];
  for (let i = 1; i < lines.length && i < 500; i++) {
    const line = lines[i] ?? '';
    if (line.trim() === '---' || line.trim() === '...') return keys;
    const match = /^([A-Za-z_][\w-]*)\s*:/.exec(line);
    if (match?.[1]) keys.push(match[1]);
  }
  return [];
}
