// Builds valid Reports for tests without running assess(): every model has all 18
// components (default 'missing'), and the ladder and framework verdicts are derived from
// the statuses the test sets, following the catalog (section 4), so a test only states the
// facts it cares about. Any derived part can still be overridden.
//
//   buildReport({ statuses: { weights: 'open', 'training-code': 'open' } })
//   buildReport({ models: [{ path: 'a', statuses: { weights: 'restricted' } }, { path: 'b' }] })
//   buildReport({ components: { weights: { status: 'open', license: 'MIT', evidence: [...] } } })
//   buildReport({
//     claims: { weights: { status: 'open', via: 'link', host: 'hub', target: 'acme/lm', license: null } },
//   })
//     an unverified pointer: the component stays `mentioned` (unless a status is given), and
//     the ladder gets `claimed` and an "…, unverified: …" headline when the claims lift it.
import { COMPONENTS, COMPONENT_IDS, type ComponentId, type Status } from '../../src/core/catalog.js';
import type { Evidence, Problem } from '../../src/core/evidence/types.js';
import {
  SCHEMA_VERSION,
  type Claim,
  type ComponentResult,
  type LadderLevel,
  type LadderVerdict,
  type LineageEntry,
  type ModelReport,
  type MofVerdict,
  type OsaiGrade,
  type OsaiIndexVerdict,
  type OsaidVerdict,
  type Report,
  type RequirementResult,
} from '../../src/core/report.js';

export type StatusMap = Partial<Record<ComponentId, Status>>;

export interface ModelSpec {
  path?: string;
  name?: string;
  /** Shorthand: just the status per component; license, message and evidence get defaults. */
  statuses?: StatusMap;
  /** Full control over a component; fields left out get the defaults for its status. */
  components?: Partial<Record<ComponentId, Partial<ComponentResult>>>;
  ladder?: Partial<LadderVerdict>;
  mof?: Partial<MofVerdict>;
  osaid?: Partial<OsaidVerdict>;
  osaiIndex?: Partial<OsaiIndexVerdict>;
  lineage?: LineageEntry[];
  requirement?: RequirementResult;
  /** Unverified pointers per component (see the header). */
  claims?: Partial<Record<ComponentId, Claim>>;
}

export interface ReportOverrides extends ModelSpec {
  /** Several models; when given, the single-model fields above are ignored. */
  models?: ModelSpec[];
  problems?: Problem[];
  subject?: Partial<Report['subject']>;
  version?: string;
  online?: boolean;
}

/** Every component open: an `open-source`, MOF Class I, OSAID-conformant release. */
export const ALL_OPEN: StatusMap = Object.fromEntries(COMPONENT_IDS.map((id) => [id, 'open'])) as StatusMap;

/** Open weights with the usual gaps of a weights-only release. */
export const OPEN_WEIGHTS_ONLY: StatusMap = {
  'model-architecture': 'open',
  weights: 'open',
  'model-card': 'open',
  'inference-code': 'open',
  'supporting-libraries': 'open',
  'evaluation-results': 'open',
  'technical-report': 'mentioned',
  'training-data': 'mentioned',
};

// Where a typical release keeps each component; used for default evidence.
const TYPICAL_PATH: Record<ComponentId, string> = {
  'model-architecture': 'modeling_example.py',
  weights: 'model.safetensors',
  'model-card': 'README.md',
  'data-card': 'DATA_CARD.md',
  'technical-report': 'README.md',
  'evaluation-results': 'README.md',
  'sample-outputs': 'samples/example.txt',
  'training-code': 'train.py',
  'inference-code': 'inference.py',
  'evaluation-code': 'eval.py',
  'evaluation-data': 'data/test.jsonl',
  'supporting-libraries': 'requirements.txt',
  'training-data': 'README.md',
  'data-preprocessing-code': 'prepare_data.py',
  'intermediate-weights': 'checkpoints/step1000/model.safetensors',
  'research-paper': 'CITATION.cff',
  'training-config': 'training_args.json',
  'compute-info': 'README.md',
};

const joinPath = (root: string, path: string): string => (root === '.' || root === '' ? path : `${root}/${path}`);

function defaultLicense(id: ComponentId, status: Status): string | null {
  if (status === 'open') return COMPONENTS[id].kind === 'code' ? 'Apache-2.0' : 'CC-BY-4.0';
  if (status === 'restricted') return 'LicenseRef-llama3.1';
  return null;
}

function defaultEvidence(root: string, id: ComponentId, status: Status): Evidence[] {
  const path = joinPath(root, TYPICAL_PATH[id]);
  switch (status) {
    case 'open':
    case 'unlicensed':
      return [{ kind: 'file', path }];
    case 'restricted':
      return [
        { kind: 'file', path },
        {
          kind: 'card-field',
          path: joinPath(root, 'README.md'),
          line: 3,
          field: 'license',
          license: 'LicenseRef-llama3.1',
        },
      ];
    case 'mentioned':
      return [{ kind: 'card-section', path: joinPath(root, 'README.md'), line: 20, section: 'training data' }];
    default:
      return [];
  }
}

const MESSAGE_ID: Record<Status, string> = {
  open: 'open',
  restricted: 'restrictedLicense',
  unlicensed: 'noLicense',
  mentioned: 'mentionedOnly',
  missing: 'notFound',
  'not-applicable': 'notApplicable',
  unknown: 'notInspected',
};

function defaultMessage(id: ComponentId, status: Status, license: string | null): string {
  const title = COMPONENTS[id].title;
  switch (status) {
    case 'open':
      return `${title} published under ${license ?? 'an open license'}`;
    case 'restricted':
      return `${title} published under restricted terms (${license ?? 'custom'})`;
    case 'unlicensed':
      return `${title} published without a license`;
    case 'mentioned':
      return `${title} mentioned in the card but not shown to be available`;
    case 'missing':
      return `No evidence of ${COMPONENTS[id].phrase}`;
    case 'not-applicable':
      return `${title} does not apply (configuration)`;
    case 'unknown':
      return `${title} could not be inspected`;
  }
}

/** One component result with defaults that fit its status. */
export function buildComponent(
  id: ComponentId,
  status: Status = 'missing',
  overrides: Partial<ComponentResult> = {},
  root = '.',
): ComponentResult {
  const license = overrides.license !== undefined ? overrides.license : defaultLicense(id, status);
  return {
    status,
    license,
    messageId: MESSAGE_ID[status],
    message: defaultMessage(id, status, license),
    evidence: defaultEvidence(root, id, status),
    ...overrides,
  };
}

// Verdicts derived from statuses, a plain reading of the catalog, section 4 -----------

const RECIPE: ComponentId[] = ['training-data', 'data-preprocessing-code', 'training-code', 'training-config'];

export function deriveLadder(components: Record<ComponentId, ComponentResult>): LadderVerdict {
  const open = (id: ComponentId) => components[id].status === 'open';
  const weights = components.weights.status;
  let level: LadderLevel;
  let missing: ComponentId[];
  if (weights === 'open') {
    missing = RECIPE.filter((id) => !open(id));
    level = missing.length === 0 ? 'open-source' : 'open-weights';
  } else {
    level = weights === 'restricted' || weights === 'unlicensed' ? 'restricted-weights' : 'closed';
    missing = ['weights'];
  }
  const phrases = missing.map((id) => COMPONENTS[id].phrase);
  const list = phrases.length <= 1 ? (phrases[0] ?? '') : `${phrases.slice(0, -1).join(', ')} and ${phrases.at(-1)}`;
  let headline: string;
  if (level === 'open-source') headline = 'Open source: weights, data and recipe are all published under open terms';
  else if (level === 'open-weights') headline = `Open weights: ${list} ${missing.length === 1 ? 'is' : 'are'} not open`;
  else if (level === 'restricted-weights')
    headline = 'Restricted weights: the weights are published under restricted terms';
  else headline = 'Closed: no weights are published';
  return { level, missing, headline };
}

const MOF_REQUIRED: Record<'3' | '2' | '1', ComponentId[]> = {
  '3': (COMPONENT_IDS as readonly ComponentId[]).filter(
    (id) => COMPONENTS[id].mofClass === 3 && !COMPONENTS[id].mofOptional,
  ),
  '2': (COMPONENT_IDS as readonly ComponentId[]).filter(
    (id) => COMPONENTS[id].mofClass === 2 && !COMPONENTS[id].mofOptional,
  ),
  '1': (COMPONENT_IDS as readonly ComponentId[]).filter(
    (id) => COMPONENTS[id].mofClass === 1 && !COMPONENTS[id].mofOptional,
  ),
};

export function deriveMof(components: Record<ComponentId, ComponentResult>): MofVerdict {
  const open = (id: ComponentId) => components[id].status === 'open';
  // A research paper can stand in for the technical report in Class III.
  const missingFor = (ids: ComponentId[]) =>
    ids.filter((id) => !open(id) && !(id === 'technical-report' && open('research-paper')));
  const missing = {
    '3': missingFor(MOF_REQUIRED['3']),
    '2': missingFor(MOF_REQUIRED['2']),
    '1': missingFor(MOF_REQUIRED['1']),
  };
  const cumulative = (keys: ('3' | '2' | '1')[]) => {
    const required = keys.flatMap((k) => MOF_REQUIRED[k]).length;
    const lacking = keys.flatMap((k) => missing[k]).length;
    return Math.round(((required - lacking) / required) * 100);
  };
  const p3 = cumulative(['3']);
  const p2 = p3 === 100 ? cumulative(['3', '2']) : 0;
  const p1 = p2 === 100 ? cumulative(['3', '2', '1']) : 0;
  const mofClass = p1 === 100 ? 1 : p2 === 100 ? 2 : p3 === 100 ? 3 : null;
  return { class: mofClass, progress: { '3': p3, '2': p2, '1': p1 }, missing, warnings: [] };
}

const OSAID_CODE: ComponentId[] = [
  'data-preprocessing-code',
  'training-code',
  'inference-code',
  'supporting-libraries',
  'model-architecture',
];

export function deriveOsaid(components: Record<ComponentId, ComponentResult>): OsaidVerdict {
  const open = (id: ComponentId) => components[id].status === 'open';
  const missing: string[] = [];
  if (!open('data-card') && !open('training-data')) missing.push('data-information');
  for (const id of OSAID_CODE) if (!open(id)) missing.push(id);
  if (!open('weights')) missing.push('weights');
  const notes = open('evaluation-code') ? [] : ['evaluation code is not open (reported, not blocking)'];
  return { conformant: missing.length === 0, missing, notes };
}

const OSAI_KEYS: Record<string, ComponentId> = {
  weights_endmodel: 'weights',
  modelcard: 'model-card',
  datasheet: 'data-card',
  preprint: 'technical-report',
  paper: 'research-paper',
  trainingcode: 'training-code',
  datasources_endmodel: 'training-data',
  hardware_architecture: 'compute-info',
};

export function deriveOsaiIndex(components: Record<ComponentId, ComponentResult>): OsaiIndexVerdict {
  const grades: Record<string, OsaiGrade> = {};
  for (const [key, id] of Object.entries(OSAI_KEYS)) {
    const status = components[id].status;
    grades[key] =
      status === 'open'
        ? 'open'
        : status === 'missing'
          ? 'closed'
          : status === 'unknown' || status === 'not-applicable'
            ? null
            : 'partial';
  }
  const graded = Object.values(grades).filter((g): g is Exclude<OsaiGrade, null> => g !== null);
  const points = graded.reduce((sum, g) => sum + (g === 'open' ? 1 : g === 'partial' ? 0.5 : 0), 0);
  const score = graded.length === 0 ? null : Math.round((points / graded.length) * 100) / 100;
  return { score, grades };
}

const LADDER_ORDER: LadderLevel[] = ['closed', 'restricted-weights', 'open-weights', 'open-source'];

/** The claimed level when the claims lift it above the proven one, worded like the engine's headline. */
function deriveClaimed(
  proven: LadderVerdict,
  components: Record<ComponentId, ComponentResult>,
  claims: Partial<Record<ComponentId, Claim>>,
): Pick<LadderVerdict, 'claimed' | 'headline'> | null {
  const lifted = { ...components };
  for (const [id, claim] of Object.entries(claims) as [ComponentId, Claim][])
    lifted[id] = { ...lifted[id], status: claim.status };
  const claimed = deriveLadder(lifted);
  if (LADDER_ORDER.indexOf(claimed.level) <= LADDER_ORDER.indexOf(proven.level)) return null;
  const rests: ComponentId[] = claimed.level === 'open-source' ? ['weights', ...RECIPE] : ['weights'];
  const unverified = rests.filter((id) => claims[id] !== undefined);
  const parts = unverified.map(
    (id) =>
      `${COMPONENTS[id].phrase} ${/s$/.test(COMPONENTS[id].phrase) ? 'are' : 'is'} linked on the Hub (${claims[id]!.target})`,
  );
  const title =
    claimed.level === 'open-source'
      ? 'Open source'
      : claimed.level === 'open-weights'
        ? 'Open weights'
        : 'Restricted weights';
  const list = parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
  return {
    claimed: { level: claimed.level, unverified },
    headline: `${title}, unverified: ${list}, not checked offline`,
  };
}

export function buildModel(spec: ModelSpec = {}, index = 0): ModelReport {
  const path = spec.path ?? (index === 0 ? '.' : `models/model-${index}`);
  const name = spec.name ?? (path === '.' ? 'example-7b' : (path.split('/').at(-1) ?? path));
  const components = {} as Record<ComponentId, ComponentResult>;
  for (const id of COMPONENT_IDS) {
    const given = spec.components?.[id];
    const claim = spec.claims?.[id];
    const status = given?.status ?? spec.statuses?.[id] ?? (claim ? 'mentioned' : 'missing');
    components[id] = buildComponent(id, status, given ?? {}, path);
    if (claim) {
      components[id] = {
        ...components[id],
        claim,
        message: given?.message ?? `linked on the Hub (${claim.target}) but not verified`,
        evidence: given?.evidence ?? [
          { kind: 'link', path: joinPath(path, 'README.md'), line: 12, url: `https://huggingface.co/${claim.target}` },
        ],
      };
    }
  }
  const proven = deriveLadder(components);
  const claimed = spec.claims ? deriveClaimed(proven, components, spec.claims) : null;
  const model: ModelReport = {
    path,
    name,
    ladder: { ...proven, ...claimed, ...spec.ladder },
    frameworks: {
      mof: { ...deriveMof(components), ...spec.mof },
      osaid: { ...deriveOsaid(components), ...spec.osaid },
      osaiIndex: { ...deriveOsaiIndex(components), ...spec.osaiIndex },
    },
    components,
  };
  if (spec.lineage) model.lineage = spec.lineage;
  if (spec.requirement) model.requirement = spec.requirement;
  return model;
}

export function buildReport(overrides: ReportOverrides = {}): Report {
  const specs = overrides.models ?? [overrides];
  const report: Report = {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: 'truly-open', version: overrides.version ?? '0.1.0' },
    subject: {
      source: 'github',
      location: 'acme/example-7b',
      revision: 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678',
      ...overrides.subject,
    },
    models: specs.map((spec, i) => buildModel(spec, i)),
    problems: overrides.problems ?? [],
  };
  if (overrides.online !== undefined) report.online = overrides.online;
  return report;
}

/** `count` models under `models/m-001`…, statuses cycling so the table is not uniform. */
export function buildManyModels(count: number): ModelSpec[] {
  const patterns: StatusMap[] = [ALL_OPEN, OPEN_WEIGHTS_ONLY, { weights: 'restricted', 'model-card': 'open' }, {}];
  return Array.from({ length: count }, (_, i) => ({
    path: `models/m-${String(i + 1).padStart(3, '0')}`,
    statuses: patterns[i % patterns.length] ?? {},
  }));
}
