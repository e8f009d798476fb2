// `inference-code`: code to run the model — scripts here, or a usage snippet with an open
// library named by `library_name` (the library's code runs the model).
import type { ModelEvidence } from '../evidence/gather.js';
import { licenseFamily } from '../evidence/licenses.js';
import { CODE_SPECS, codeCriterion } from './code.js';
import { OPEN_LIBRARIES, cardFieldEvidence, judgeLicense, libraryName, licenseFactFor } from './shared.js';
import type { Verdict } from './types.js';

const SNIPPET_RE = /```[\s\S]*?(from_pretrained|pipeline\(|import (transformers|torch|diffusers)|from (transformers|diffusers|vllm|sentence_transformers)|llama\.cpp|llama-cli|ollama run|vllm serve|sglang\.launch_server|\.generate\()[\s\S]*?```/;

export function usageSnippet(ev: ModelEvidence): Verdict | null {
  const lib = libraryName(ev);
  const spdx = lib ? OPEN_LIBRARIES[lib] : undefined;
  const hasSnippet = !!ev.card && SNIPPET_RE.test(ev.card.body);
  const snippetLib = !spdx && hasSnippet ? inferLibrary(ev.card?.body ?? '') : null;
  const name = spdx ? lib : snippetLib;
  const license = spdx ?? (snippetLib ? OPEN_LIBRARIES[snippetLib] : undefined);
  if (!name || !license) return null;
  const evidence = [cardFieldEvidence(ev, 'library_name')];
  const fact = licenseFactFor(license, licenseFamily(license), evidence[0]!);
  return judgeLicense('inference-code', fact, hasSnippet ? 'usageSnippet' : 'openLibrary', { library: name }, evidence);
}

function inferLibrary(body: string): string | null {
  if (/from transformers|import transformers|AutoModel/.test(body)) return 'transformers';
  if (/from diffusers|import diffusers/.test(body)) return 'diffusers';
  if (/sentence_transformers/.test(body)) return 'sentence-transformers';
  if (/from vllm|import vllm|vllm serve/.test(body)) return 'vllm';
  if (/sglang\.launch_server|import sglang/.test(body)) return 'sglang';
  if (/ollama run/.test(body)) return 'ollama';
  if (/llama\.cpp|llama-cli/.test(body)) return 'llama.cpp';
  return null;
}

export const inferenceCode = codeCriterion({ ...CODE_SPECS[3]!, extra: usageSnippet });
