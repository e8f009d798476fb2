// `weights`: the final trained parameters. Files in the repository first, then a Hub
// repository verified online, then declarations and links (mentions).
import type { ModelEvidence } from '../evidence/gather.js';
import { normaliseLicenseId, licenseFamily } from '../evidence/licenses.js';
import { cardLinesMatching, declared, judgeFiles, judgeLicense, licenseFactFor, linkEvidence, mentioned, missing, notApplicable } from './shared.js';
import type { Criterion, Verdict } from './types.js';

export const weights: Criterion = {
  id: 'weights',
  evaluate(ev) {
    const na = notApplicable(ev, 'weights');
    if (na) return na;
    const files = ev.artifacts.weights;
    if (files.length > 0) {
      const bytes = files.every((f) => f.sizeKnown) ? files.reduce((n, f) => n + f.size, 0) : null;
      const formats = [...new Set(files.map((f) => f.format))].sort().join(', ');
      const unsafe = files.filter((f) => f.unsafe);
      const missingShards = ev.artifacts.shardIndexes.flatMap((i) => i.missing);
      const extra = unsafe.slice(0, 5).map((f) => ({ kind: 'file' as const, path: f.path, note: 'pickle: loading this file can run arbitrary code; publish safetensors' }));
      const safe = files.filter((f) => !f.unsafe).map((f) => f.path);
      const v = judgeFiles(ev, 'weights', [...safe, ...unsafe.map((f) => f.path)].slice(0, Math.max(1, 5 - extra.length)), 'weightsInRepo', {
        count: files.length,
        bytes,
        formats,
        unsafe: unsafe.length,
        missingShards: missingShards.length,
        lfs: files.filter((f) => f.lfs).length,
      }, extra);
      return { ...v, data: { ...v.data, count: files.length } };
    }
    return fromHub(ev) ?? declared(ev, 'weights') ?? mentions(ev) ?? missing();
  },
};

/** The release's Hub repositories: config `huggingface:` and Hub model links that are not the base model. */
export function releaseHubModels(ev: ModelEvidence, configured: string | undefined = undefined): string[] {
  const base = new Set(baseModelsOf(ev).map((b) => b.toLowerCase()));
  const ids = ev.links.filter((l) => l.kind === 'hub-model' && l.id && !base.has(l.id.toLowerCase())).map((l) => l.id as string);
  return [...new Set([...(configured ? [configured] : []), ...ids])];
}

export function baseModelsOf(ev: ModelEvidence): string[] {
  const v = ev.card?.frontMatter?.['base_model'];
  const list = typeof v === 'string' ? [v] : Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  return list.map((s) => s.trim()).filter(Boolean);
}

function fromHub(ev: ModelEvidence): Verdict | null {
  const remote = ev.remote;
  if (!remote) return null;
  const facts = Object.values(remote.models).filter((m) => !baseModelsOf(ev).includes(m.id) && !remote.lineage.some((l) => l.model === m.id));
  const found = facts.filter((m) => m.state === 'found' && m.files.some((f) => /\.(safetensors|bin|pt|pth|ckpt|gguf|onnx|h5|msgpack)$/i.test(f.path)));
  const hub = found[0];
  if (!hub) {
    const unavailable = facts.find((m) => m.state === 'unavailable');
    if (unavailable) {
      return { status: 'unknown', messageId: 'hubUnavailable', data: { id: unavailable.id, error: unavailable.error ?? null }, license: null, evidence: [{ kind: 'hub', url: unavailable.url, note: unavailable.error ?? 'lookup failed' }] };
    }
    return null;
  }
  const files = hub.files.filter((f) => /\.(safetensors|bin|pt|pth|ckpt|gguf|onnx|h5|msgpack)$/i.test(f.path));
  const evidence = [{ kind: 'hub' as const, url: hub.url, note: `${files.length} weight files${hub.gated ? ', gated' : ''}${hub.license ? `, license ${hub.license}` : ''}` }];
  const data = { id: hub.id, count: files.length, bytes: files.reduce((n, f) => n + f.size, 0), gated: hub.gated };
  if (hub.gated) return { status: 'restricted', messageId: 'weightsOnHubGated', data, license: hub.license, evidence, verifiedOnline: true };
  const id = hub.license ? normaliseLicenseId(hub.license) ?? hub.license : null;
  const fact = id ? licenseFactFor(id, licenseFamily(id), evidence[0] as never) : null;
  const v = judgeLicense('weights', fact, 'weightsOnHub', data, evidence);
  return { ...v, evidence, verifiedOnline: true };
}

function mentions(ev: ModelEvidence): Verdict | null {
  const hubLinks = ev.links.filter((l) => l.kind === 'hub-model' && !baseModelsOf(ev).some((b) => b.toLowerCase() === l.id?.toLowerCase()));
  if (hubLinks.length > 0) return mentioned('weightsLinked', linkEvidence(hubLinks), { count: hubLinks.length, id: hubLinks[0]?.id ?? null });
  const lines = cardLinesMatching(ev, /\b(download|release[ds]?|publish(ed)?|available)\b.{0,60}\b(weights|checkpoints?|model files)\b|\b(weights|checkpoints?)\b.{0,60}\b(download|available|released)\b/i);
  if (lines.length > 0) return mentioned('weightsMentioned', lines);
  return null;
}

