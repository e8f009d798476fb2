// `weights`: the final trained parameters. Files in the repository first, then the release's
// Hub repository verified online, then declarations and links (mentions).
import { weightFormat } from '../evidence/artifacts.js';
import type { ModelEvidence } from '../evidence/gather.js';
import type { Link } from '../evidence/types.js';
import type { HubModelFact } from '../remote.js';
import {
  cardLicense,
  cardLinesMatching,
  claimOf,
  gatedOnline,
  isCreditLink,
  judgeFiles,
  judgeRemoteLicense,
  linkEvidence,
  lookupFailed,
  mentioned,
  missing,
  pointerOf,
  withDocLinks,
} from './shared.js';
import type { Criterion, Verdict } from './types.js';
import { rx } from '../rx.js';

export const weights: Criterion = {
  id: 'weights',
  evaluate(ev) {
    const files = ev.artifacts.weights;
    if (files.length > 0) {
      const bytes = files.every((f) => f.sizeKnown) ? files.reduce((n, f) => n + f.size, 0) : null;
      const formats = [...new Set(files.map((f) => f.format))].sort().join(', ');
      const unsafe = files.filter((f) => f.unsafe);
      const missingShards = ev.artifacts.shardIndexes.flatMap((i) => i.missing);
      const extra = unsafe.slice(0, 5).map((f) => ({
        kind: 'file' as const,
        path: f.path,
        note: 'pickle: loading this file can run arbitrary code; publish safetensors',
      }));
      const safe = files.filter((f) => !f.unsafe).map((f) => f.path);
      return judgeFiles(
        ev,
        'weights',
        [...safe, ...unsafe.map((f) => f.path)].slice(0, Math.max(1, 5 - extra.length)),
        'weightsInRepo',
        {
          count: files.length,
          bytes,
          formats,
          unsafe: unsafe.length,
          missingShards: missingShards.length,
          lfs: files.filter((f) => f.lfs).length,
        },
        extra,
      );
    }
    return fromHub(ev) ?? mentions(ev) ?? missing();
  },
};

/** A line about someone else's checkpoint: converting it, or naming who distributes it. */
const OTHERS_CHECKPOINT_RE = /\b(convert\w*|conversion|distributed by|ported (from|to))\b/i;

/**
 * Hub model links that present this release: not the base model, not a credit or a
 * comparison; links on lines about converting someone else's checkpoint come last.
 */
function releaseLinks(ev: ModelEvidence) {
  const base = new Set(baseModelsOf(ev).map((b) => b.toLowerCase()));
  const links = withDocLinks(ev).filter(
    (l) => l.kind === 'hub-model' && l.id && !base.has(l.id.toLowerCase()) && !isCreditLink(l),
  );
  const others = (l: Link) => (OTHERS_CHECKPOINT_RE.test(l.context.replace(/https?:\/\/\S+/g, ' ')) ? 1 : 0);
  return links
    .map((l, i) => ({ l, i }))
    .sort((a, b) => others(a.l) - others(b.l) || a.i - b.i)
    .map((x) => x.l);
}

/** The release's Hub repositories, most authoritative first: config `huggingface:`, a declaration, then links. */
export function releaseHubModels(ev: ModelEvidence, configured: string | null | undefined = ev.release): string[] {
  const declaredAt = /huggingface\.co\/(?!datasets\/)([\w.-]+\/[\w.-]+)/.exec(
    ev.declarations.weights?.location ?? '',
  )?.[1];
  return [
    ...new Set([
      ...(configured ? [configured] : []),
      ...(declaredAt ? [declaredAt] : []),
      ...releaseLinks(ev).map((l) => l.id as string),
    ]),
  ];
}

export function baseModelsOf(ev: ModelEvidence): string[] {
  const v = ev.card?.frontMatter?.['base_model'];
  const list =
    typeof v === 'string' ? [v] : Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  return list.map((s) => s.trim()).filter(Boolean);
}

export const isWeightFile = (path: string): boolean => weightFormat(path) !== null;

/** The first release repository the Hub confirmed holds weight files (the one `intermediate-weights` also reads). */
export function releaseOnHub(ev: ModelEvidence): { found: HubModelFact | null; unavailable: HubModelFact | null } {
  const remote = ev.remote;
  if (!remote) return { found: null, unavailable: null };
  const facts = releaseHubModels(ev)
    .map((id) => remote.models[id])
    .filter((m): m is HubModelFact => m !== undefined);
  return {
    found: facts.find((m) => m.state === 'found' && m.files.some((f) => isWeightFile(f.path))) ?? null,
    unavailable: facts.find((m) => m.state === 'unavailable') ?? null,
  };
}

function fromHub(ev: ModelEvidence): Verdict | null {
  const { found: hub, unavailable } = releaseOnHub(ev);
  if (!hub) {
    if (!unavailable) return null;
    return lookupFailed(
      'hubUnavailable',
      { id: unavailable.id, error: unavailable.error ?? null },
      unavailable.url,
      unavailable.error,
    );
  }
  const files = hub.files.filter((f) => isWeightFile(f.path));
  const evidence = [
    {
      kind: 'hub' as const,
      url: hub.url,
      note: `${files.length} weight file${files.length === 1 ? '' : 's'}${hub.gated ? ', gated' : ''}${hub.license ? `, license ${hub.license}` : ''}`,
    },
  ];
  const data = { id: hub.id, count: files.length, bytes: files.reduce((n, f) => n + f.size, 0), gated: hub.gated };
  if (hub.gated) return gatedOnline('weightsOnHubGated', data, hub.license, evidence);
  return judgeRemoteLicense('weights', hub.license, 'weightsOnHub', data, evidence);
}

/** Download lines that put the weights behind a form or an approval: gated, whatever the license says. */
const GATE_RE = rx('i')`
    \b(request (access|a download)|accept (our|the) (license|terms)|agree to (the|our) (license|terms)|
    once (your request is|you are) approved|sign(ing)? up|registration|register to|fill (in|out) (the|a|this) form|
    application form|apply for access)\b`;
const DOWNLOAD_LINE_RE = rx('i')`
    \b(download|release[ds]?|publish(ed)?|available)\b.{0,60}\b(weights|checkpoints?|model files)\b|\b(weights|
    checkpoints?)\b.{0,60}\b(download|available|released)\b`;
const URL_IN_LINE_RE = /https?:\/\/[^\s)<>"'\]]+/;

/** A download link straight to a weight file or a checkpoint archive (`sam_vit_h.pth`, `checkpoints_v2.zip`). */
const WEIGHT_FILE_URL_RE = rx('i')`
    \.(safetensors|pth?|ckpt|bin|gguf|onnx|h5|msgpack|pdparams|nemo)$|(checkpoint|weights?|model)[^/]*\.(zip|
    tar(\.gz)?|tgz)$`;

function mentions(ev: ModelEvidence): Verdict | null {
  const hubLinks = releaseLinks(ev);
  if (hubLinks.length > 0)
    return mentioned('weightsLinked', linkEvidence(hubLinks), { count: hubLinks.length, id: hubLinks[0]?.id ?? null });
  const fileLinks = withDocLinks(ev).filter(
    (l) => l.kind === 'other' && WEIGHT_FILE_URL_RE.test(l.url.replace(/[?#].*$/, '')) && !isCreditLink(l),
  );
  if (fileLinks.length > 0) {
    const at = pointerOf(fileLinks[0]!.url);
    return mentioned(
      'weightsFileLinked',
      linkEvidence(fileLinks),
      { count: fileLinks.length },
      claimOf('weights', 'link', at.host, at.target, cardLicense(ev, 'data')),
    );
  }
  const lines = cardLinesMatching(ev, DOWNLOAD_LINE_RE, 3, true);
  if (lines.length === 0) return null;
  // A download line with an address points at the weights: the release claims them there,
  // under its own terms, or behind a gate when the line asks for a request or a signature.
  const withUrl = lines.find((l) => URL_IN_LINE_RE.test(l.note ?? ''));
  const url = withUrl ? URL_IN_LINE_RE.exec(withUrl.note ?? '')![0] : null;
  if (!url) return mentioned('weightsMentioned', lines);
  const at = pointerOf(url);
  const claim = claimOf('weights', 'link', at.host, at.target, cardLicense(ev, 'data'));
  return mentioned(
    'weightsMentioned',
    lines,
    {},
    lines.some((l) => GATE_RE.test(l.note ?? '')) ? { ...claim, status: 'restricted' } : claim,
  );
}
