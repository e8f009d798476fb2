// `inference-code`: code to run the model — scripts here, or a usage snippet with an open
// library named by `library_name` (the library's code runs the model).
import type { ModelEvidence } from '../evidence/gather.js';
import { licenseFamily } from '../evidence/licenses.js';
import { CODE_SPECS, codeCriterion } from './code.js';
import { OPEN_LIBRARIES, cardFieldEvidence, judgeLicense, libraryName, licenseFactFor } from './shared.js';
import type { Verdict } from './types.js';
import { rx } from '../rx.js';

const SNIPPET_CODE_RE = rx()`
    from_pretrained|pipeline\(|import (transformers|torch|diffusers)|from (transformers|diffusers|vllm|
    sentence_transformers)|llama\.cpp|llama-cli|ollama run|vllm serve|sglang\.launch_server|\.generate\(`;

/**
 * Whether a fenced code block runs the model. The blocks are found in one pass over the
 * lines: a lazy regex across the whole card (fence, anything, keyword, anything, fence)
 * retries from every fence and took minutes on a card of many unclosed fences.
 */
function hasRunSnippet(body: string): boolean {
  let fence: string | null = null;
  let block: string[] = [];
  for (const line of body.split('\n')) {
    const m = /^\s{0,3}(`{3,}|~{3,})/.exec(line);
    if (fence === null) {
      if (m?.[1]) {
        fence = m[1];
        block = [];
      }
      continue;
    }
    if (m?.[1] && m[1][0] === fence[0] && m[1].length >= fence.length) {
      if (SNIPPET_CODE_RE.test(block.join('\n'))) return true;
      fence = null;
      continue;
    }
    if (block.length < 500) block.push(line.length > 2000 ? line.slice(0, 2000) : line);
  }
  return false;
}

export function usageSnippet(ev: ModelEvidence): Verdict | null {
  const lib = libraryName(ev);
  const spdx = lib ? OPEN_LIBRARIES[lib] : undefined;
  const hasSnippet = !!ev.card && hasRunSnippet(ev.card.body);
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
