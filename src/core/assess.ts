// snapshot + config -> Report. Pure, synchronous and deterministic: the CLI, the app and
// every test run this same function on the same data.
import { COMPONENT_IDS, COMPONENTS, type ComponentId } from './catalog.js';
import type { EngineConfig } from './engine-config.js';
import { runCriteria } from './criteria/index.js';
import type { Claim, Verdict } from './criteria/types.js';
import { describesData } from './criteria/data-card.js';
import { baseModelsOf, isWeightFile } from './criteria/weights.js';
import { gatedOnline, judgeRemoteLicense, mentioned, missing } from './criteria/shared.js';
import { judgeDatasetFacts } from './criteria/training-data.js';
import { gatherEvidence, type ModelEvidence } from './evidence/gather.js';
import { licenseFamily } from './evidence/licenses.js';
import type { LicenseFamily, Problem } from './evidence/types.js';
import { capLadder, claimedLadder, evaluateLadder, joinPhrases } from './frameworks/ladder.js';
import { checkRequirement, ladderRank, type Requirement } from './frameworks/requirements.js';
import { evaluateMof } from './frameworks/mof.js';
import { evaluateOsaid } from './frameworks/osaid.js';
import { evaluateOsaiIndex } from './frameworks/osai-index.js';
import type { Statuses } from './frameworks/types.js';
import { formatMessage } from './messages.js';
import type { ComponentResult, LadderLevel, LineageEntry, ModelReport, Report } from './report.js';
import { SCHEMA_VERSION } from './report.js';
import type { RepoSnapshot } from './snapshot.js';

export const TOOL_VERSION = '0.1.0';

export interface AssessOptions {
  /** Tool version written into the report. */
  version?: string;
  /** Problems found before assessment (config loading, the source). */
  problems?: Problem[];
  /** Requirement from the command line; overrides config `require`. */
  require?: Requirement;
}

export function assess(snapshot: RepoSnapshot, config: EngineConfig, options: AssessOptions = {}): Report {
  let gathered: ReturnType<typeof gatherEvidence>;
  try {
    gathered = gatherEvidence(snapshot, config);
  } catch (err) {
    // Criteria are isolated one by one; evidence gathering fails for the whole repository.
    // Still a report: every component unknown, with the reason, never a crash.
    return failedReport(snapshot, options, err);
  }
  const requirement = options.require ?? config.require;
  const models = gathered.models.map((ev) => assessModel(ev, requirement));
  return {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: 'truly-open', version: options.version ?? TOOL_VERSION },
    subject: { source: snapshot.source, location: snapshot.location, revision: snapshot.revision },
    models,
    problems: dedupeProblems([
      ...(options.problems ?? []),
      ...snapshotProblems(snapshot),
      ...gathered.problems,
      ...artifactProblems(gathered.models),
      ...remoteProblems(snapshot),
    ]),
    // Facts that carry `notOnline` were never looked up (config, private repository).
    online: snapshot.remote !== undefined && !snapshot.remote.notOnline,
  };
}

function assessModel(ev: ModelEvidence, requirement: Requirement | undefined): ModelReport {
  const verdicts = runCriteria(ev);
  const components = {} as Record<ComponentId, ComponentResult>;
  for (const id of COMPONENT_IDS) components[id] = toResult(id, verdicts[id]);
  const statuses = Object.fromEntries(COMPONENT_IDS.map((id) => [id, components[id].status])) as Statuses;

  const lineage = lineageOf(ev);
  const base = weakestBase(lineage);
  const weightsPublished = ev.artifacts.weights.length > 0 || components.weights.messageId === 'weightsOnHub';
  let ladder = evaluateLadder(statuses, weightsPublished);
  if (base?.level) ladder = capLadder(ladder, { model: base.model, level: base.level });
  const claims: Partial<Record<ComponentId, Claim>> = {};
  for (const id of COMPONENT_IDS) {
    const c = components[id];
    if (c.claim && (c.status === 'mentioned' || c.status === 'unknown')) claims[id] = c.claim;
  }
  ladder =
    claimedLadder(ladder, statuses, claims, weightsPublished, !ev.remote || ev.remote.notOnline !== undefined) ??
    ladder;

  const family = (id: ComponentId): LicenseFamily | null => {
    const lic = components[id].license;
    return lic ? licenseFamily(lic) : null;
  };
  const osaid = evaluateOsaid({
    status: statuses,
    family: Object.fromEntries(COMPONENT_IDS.map((id) => [id, family(id)])),
    dataInformation: hasDataInformation(ev, components),
  });
  const softwareLicensed = COMPONENT_IDS.filter(
    (id) => COMPONENTS[id].kind === 'data' && statuses[id] === 'open' && family(id) === 'osi',
  );
  const mofWarnings: string[] = [];
  if (softwareLicensed.length > 0) {
    const licenses = [...new Set(softwareLicensed.map((id) => components[id].license))].join(', ');
    const covered = joinPhrases(softwareLicensed.map((id) => COMPONENTS[id].phrase));
    mofWarnings.push(
      `A software license (${licenses}) covers ${covered}: MOF accepts it but prefers a data license such as CDLA-Permissive-2.0 or CC-BY-4.0`,
    );
  }
  const mof = evaluateMof(statuses, mofWarnings);
  const osaiIndex = evaluateOsaiIndex({
    statuses,
    ...(base
      ? {
          base: {
            ...(base.weights ? { weights: base.weights.status } : {}),
            ...(base.trainingData ? { trainingData: base.trainingData.status } : {}),
          },
        }
      : {}),
  });

  const report: ModelReport = {
    path: ev.root,
    name: ev.name,
    ladder,
    frameworks: { mof, osaid, osaiIndex },
    components,
  };
  if (lineage.length > 0) report.lineage = lineage;
  if (requirement) report.requirement = checkRequirement(report, requirement);
  return report;
}

function toResult(id: ComponentId, v: Verdict): ComponentResult {
  const result: ComponentResult = {
    status: v.status,
    license: v.license,
    messageId: v.messageId,
    message: formatMessage(v.messageId, v.data, id),
    evidence: v.evidence,
  };
  if (v.data && Object.keys(v.data).length > 0) result.data = v.data;
  if (v.verifiedOnline) result.verifiedOnline = true;
  if (v.claim) result.claim = v.claim;
  return result;
}

/** OSAID data information: a data card that covers the data, or open data with dataset cards. */
function hasDataInformation(ev: ModelEvidence, components: Record<ComponentId, ComponentResult>): boolean {
  const dc = components['data-card'];
  if (dc.status === 'open' && (dc.messageId !== 'dataCardSection' || (ev.card?.sections.some(describesData) ?? false)))
    return true;
  return components['training-data'].status === 'open' && dc.status === 'open';
}

/** Base models from `base_model:` with what the Hub lookups found about them (online only). */
function lineageOf(ev: ModelEvidence): LineageEntry[] {
  const remote = ev.remote;
  const named = baseModelsOf(ev);
  if (!remote || remote.notOnline) {
    const note = remote?.notOnline ? `not looked up: ${remote.notOnline}` : 'not looked up (offline)';
    return named.map((model) => ({ model, depth: 1, resolved: false, note }));
  }
  const entries: LineageEntry[] = [];
  const chain = ownLineage(named, remote);
  for (const link of chain) {
    const fact = remote.models[link.model];
    if (!fact || fact.state !== 'found') {
      // No fact at all: the id was not queried (not an org/name id, over the query limits).
      const note = !fact ? 'not looked up' : (fact.error ?? `${fact.state} on the Hub`);
      entries.push({ model: link.model, depth: link.depth, resolved: false, note });
      continue;
    }
    const weightFiles = fact.files.filter((f) => isWeightFile(f.path));
    const evidence = [{ kind: 'hub' as const, url: fact.url }];
    const wData = { id: link.model, count: weightFiles.length };
    const weightsVerdict: Verdict =
      weightFiles.length === 0
        ? missing('baseWeightsNone', wData, evidence)
        : fact.gated
          ? gatedOnline(
              'baseWeights',
              { ...wData, licenseState: 'gated', license: fact.license },
              fact.license,
              evidence,
            )
          : judgeRemoteLicense('weights', fact.license, 'baseWeights', wData, evidence);
    const dsFacts = fact.datasets.map((d) => remote.datasets[d]).filter((d) => d !== undefined);
    const dataVerdict: Verdict =
      fact.datasets.length === 0
        ? missing('baseTrainingDataNone', { id: link.model }, evidence)
        : dsFacts.length < fact.datasets.length
          ? mentioned('baseTrainingDataListed', evidence, { id: link.model, count: fact.datasets.length })
          : (judgeDatasetFacts('training-data', dsFacts, 'trainingDataOnHub') ??
            missing('baseTrainingDataNone', { id: link.model }, evidence));
    const weights = toResult('weights', weightsVerdict);
    const trainingData = toResult('training-data', dataVerdict);
    // The catalog's cap: the base model's weights and training data. Open both ways does not cap.
    const level: LadderLevel =
      weights.status === 'open'
        ? trainingData.status === 'open'
          ? 'open-source'
          : 'open-weights'
        : weights.status === 'restricted' || weights.status === 'unlicensed'
          ? 'restricted-weights'
          : 'closed';
    entries.push({ model: link.model, depth: link.depth, resolved: true, weights, trainingData, level });
  }
  return entries;
}

/**
 * The part of the resolved lineage that belongs to this model: chains that start at its own
 * `base_model:` ids or at a release repository it links to (whose Hub card names the base).
 * In a repository with several models, one model's base must not cap another.
 */
function ownLineage(named: string[], remote: NonNullable<ModelEvidence['remote']>): { model: string; depth: number }[] {
  if (remote.lineage.length === 0) return named.map((model) => ({ model, depth: 1 }));
  const inLineage = new Set(remote.lineage.map((l) => l.model));
  const own = new Set<string>();
  const out: { model: string; depth: number }[] = [];
  for (const link of remote.lineage) {
    const rooted =
      link.depth === 1 &&
      (named.includes(link.model) ||
        (link.via !== 'card' && !inLineage.has(link.via) && remote.models[link.via] !== undefined));
    if (rooted || own.has(link.via)) {
      own.add(link.model);
      out.push(link);
    }
  }
  // Named ids the resolver did not reach still show, as not looked up.
  for (const model of named) if (!own.has(model)) out.push({ model, depth: 1 });
  return out;
}

function weakestBase(lineage: LineageEntry[]): LineageEntry | null {
  let weakest: LineageEntry | null = null;
  for (const l of lineage) {
    if (!l.resolved || !l.level) continue;
    if (!weakest || ladderRank(l.level) < ladderRank(weakest.level!)) weakest = l;
  }
  return weakest;
}

function snapshotProblems(snapshot: RepoSnapshot): Problem[] {
  const problems: Problem[] = [];
  if (snapshot.entries.length === 0) {
    problems.push({
      severity: 'warning',
      message: 'the repository is empty: there is nothing to assess',
      ruleId: 'empty-repository',
    });
  }
  for (const s of snapshot.skipped) {
    const where = s.path ? { path: s.path } : {};
    const detail = s.detail ? `: ${s.detail}` : '';
    switch (s.reason) {
      case 'too-large':
        problems.push({
          severity: 'warning',
          ...where,
          message: `${s.path} is too large to read (over 1 MiB)${detail}; components documented in it are reported as unknown`,
          ruleId: 'file-too-large',
        });
        break;
      case 'binary':
        problems.push({
          severity: 'warning',
          ...where,
          message: `${s.path} is not UTF-8 text and was not read${detail}`,
          ruleId: 'file-not-text',
        });
        break;
      case 'symlink-outside':
        problems.push({
          severity: 'note',
          ...where,
          message: `${s.path} is a symlink that leaves the repository; not followed${detail}`,
          ruleId: 'symlink-outside',
        });
        break;
      case 'symlink-loop':
        problems.push({
          severity: 'note',
          ...where,
          message: `${s.path} is part of a symlink loop; not followed${detail}`,
          ruleId: 'symlink-loop',
        });
        break;
      case 'invalid-lfs':
        problems.push({
          severity: 'warning',
          ...where,
          message: `${s.path} looks like a Git LFS pointer but is malformed${detail}`,
          ruleId: 'lfs-pointer-invalid',
        });
        break;
      case 'unreadable':
        problems.push({
          severity: 'warning',
          ...where,
          message: `${s.path} could not be read${detail}`,
          ruleId: 'file-unreadable',
        });
        break;
      case 'limit':
        problems.push({
          severity: 'note',
          ...where,
          message: `some entries were not read: ${s.detail ?? 'over the size budget'}`,
          ruleId: 'snapshot-limit',
        });
        break;
      case 'ignored':
        break;
    }
  }
  return problems;
}

function artifactProblems(models: ModelEvidence[]): Problem[] {
  const problems: Problem[] = [];
  for (const m of models) {
    for (const w of m.artifacts.weights.filter((f) => f.unsafe).slice(0, 10)) {
      problems.push({
        severity: 'warning',
        path: w.path,
        line: 1,
        message: `${w.path} is a pickle-based weight file: loading it can run arbitrary code; publish safetensors instead`,
        ruleId: 'unsafe-pickle',
      });
    }
    for (const idx of m.artifacts.shardIndexes.filter((i) => i.missing.length > 0)) {
      problems.push({
        severity: 'error',
        path: idx.path,
        message: `${idx.path} names ${idx.missing.length} shard(s) that are not in the repository: ${idx.missing.slice(0, 3).join(', ')}`,
        ruleId: 'shards-incomplete',
      });
    }
  }
  return problems;
}

function remoteProblems(snapshot: RepoSnapshot): Problem[] {
  const remote = snapshot.remote;
  if (!remote) return [];
  const problems: Problem[] = [];
  for (const d of Object.values(remote.datasets)) {
    if (d.state === 'not-found' || d.state === 'unauthorized')
      problems.push({
        severity: 'warning',
        message: `the dataset ${d.id} does not resolve on the Hub (${d.state}); check the id in the card`,
        ruleId: 'hub-dataset-not-found',
      });
  }
  for (const n of remote.notes) problems.push({ severity: 'note', message: n, ruleId: 'online-lookups' });
  return problems;
}

function dedupeProblems(problems: Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.ruleId}|${p.path}|${p.line}|${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function failedReport(snapshot: RepoSnapshot, options: AssessOptions, err: unknown): Report {
  const reason = err instanceof Error ? err.message : String(err);
  const components = {} as Record<ComponentId, ComponentResult>;
  for (const id of COMPONENT_IDS) {
    components[id] = {
      status: 'unknown',
      license: null,
      messageId: 'criterionFailed',
      message: formatMessage('criterionFailed', { error: reason }, id),
      evidence: [],
    };
  }
  const statuses = Object.fromEntries(COMPONENT_IDS.map((id) => [id, 'unknown'])) as Statuses;
  const model: ModelReport = {
    path: '.',
    name: snapshot.location.split(/[\\/]/).pop() || snapshot.location,
    ladder: evaluateLadder(statuses),
    frameworks: {
      mof: evaluateMof(statuses),
      osaid: evaluateOsaid({ status: statuses, family: {}, dataInformation: false }),
      osaiIndex: evaluateOsaiIndex({ statuses }),
    },
    components,
  };
  return {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: 'truly-open', version: options.version ?? TOOL_VERSION },
    subject: { source: snapshot.source, location: snapshot.location, revision: snapshot.revision },
    models: [model],
    problems: [
      ...(options.problems ?? []),
      { severity: 'error', message: `the repository could not be assessed: ${reason}`, ruleId: 'engine-error' },
    ],
    online: snapshot.remote !== undefined,
  };
}
