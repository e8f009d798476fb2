// SARIF 2.1.0 for code scanning. Problems and every component that is not open become
// results, so a repository's Security tab lists what keeps a release from being open.
//
// Levels (our decision): `missing`, `mentioned` and `unlicensed` are warnings — the
// artifact is absent, unproven, or published without terms, which usually is an oversight
// with a direct fix. `restricted` is a note: restrictive terms are a deliberate choice of
// the publisher; we report them without nagging. open / not-applicable / unknown yield no
// result (unknown means "could not inspect", not a finding).
import { COMPONENTS, COMPONENT_IDS, type ComponentId, type Status } from '../catalog.js';
import type { Problem } from '../evidence/types.js';
import type { ModelReport, Report } from '../report.js';
import { adviceFor } from './advice.js';
import { firstPathEvidence, modelCardPath, oneLine } from './format.js';
import { DEFAULT_DOCS_BASE_URL, INFORMATION_URI, componentDocUrl } from './links.js';
import { STATUS_STYLES } from './symbols.js';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
/** Rule id of problems that carry no ruleId of their own. */
export const GENERIC_PROBLEM_RULE = 'problem';

export type SarifLevel = 'error' | 'warning' | 'note' | 'none';

export interface SarifRule {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription?: { text: string };
  help?: { text: string };
  helpUri?: string;
  defaultConfiguration: { level: SarifLevel };
}

export interface SarifLocation {
  physicalLocation: {
    artifactLocation: { uri: string; uriBaseId: '%SRCROOT%' };
    region?: { startLine: number };
  };
}

export interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: SarifLevel;
  message: { text: string };
  locations: SarifLocation[];
  partialFingerprints?: Record<string, string>;
  properties?: Record<string, unknown>;
}

export interface SarifLog {
  $schema: string;
  version: '2.1.0';
  runs: {
    tool: { driver: { name: 'truly-open'; version: string; informationUri: string; rules: SarifRule[] } };
    results: SarifResult[];
    versionControlProvenance?: { repositoryUri: string; revisionId: string }[];
  }[];
}

export interface SarifOptions {
  docsBaseUrl?: string;
}

export const COMPONENT_LEVEL: Partial<Record<Status, SarifLevel>> = {
  missing: 'warning',
  mentioned: 'warning',
  unlicensed: 'warning',
  restricted: 'note',
};

const PROBLEM_LEVEL: Record<Problem['severity'], SarifLevel> = { error: 'error', warning: 'warning', note: 'note' };

const componentRuleId = (id: ComponentId): string => `component/${id}`;

function location(path: string, line?: number): SarifLocation {
  const uri = path.replace(/^\.\/+/, '') || '.';
  return {
    physicalLocation: {
      artifactLocation: { uri, uriBaseId: '%SRCROOT%' },
      ...(line && line > 0 ? { region: { startLine: line } } : {}),
    },
  };
}

/** The first evidence with a path; else the model card; else the model folder itself. */
function componentLocation(model: ModelReport, id: ComponentId): SarifLocation {
  const evidence = firstPathEvidence(model.components[id].evidence);
  if (evidence) return location(evidence.path, evidence.line);
  return location(modelCardPath(model) ?? model.path);
}

function pascal(id: string): string {
  return id
    .split(/[^a-zA-Z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');
}

export function renderSarif(report: Report, options: SarifOptions = {}): SarifLog {
  const docsBaseUrl = options.docsBaseUrl ?? DEFAULT_DOCS_BASE_URL;
  const rules: SarifRule[] = [];
  const ruleIndex = new Map<string, number>();
  const rule = (id: string, make: () => SarifRule): number => {
    let index = ruleIndex.get(id);
    if (index === undefined) {
      index = rules.push(make()) - 1;
      ruleIndex.set(id, index);
    }
    return index;
  };
  const results: SarifResult[] = [];

  for (const problem of report.problems) {
    const ruleId = problem.ruleId ?? GENERIC_PROBLEM_RULE;
    const index = rule(ruleId, () => ({
      id: ruleId,
      name: pascal(ruleId),
      shortDescription: {
        text: ruleId === GENERIC_PROBLEM_RULE ? 'A problem found while assessing the release' : `Problem: ${ruleId}`,
      },
      defaultConfiguration: { level: PROBLEM_LEVEL[problem.severity] },
    }));
    results.push({
      ruleId,
      ruleIndex: index,
      level: PROBLEM_LEVEL[problem.severity],
      message: { text: oneLine(problem.message) || ruleId },
      locations: problem.path ? [location(problem.path, problem.line)] : [],
    });
  }

  for (const model of report.models) {
    for (const id of COMPONENT_IDS) {
      const result = model.components[id];
      const level = COMPONENT_LEVEL[result.status];
      if (!level) continue;
      const meta = COMPONENTS[id];
      const ruleId = componentRuleId(id);
      const index = rule(ruleId, () => ({
        id: ruleId,
        name: pascal(id),
        shortDescription: { text: `${meta.title} is not published openly` },
        fullDescription: { text: meta.question },
        help: { text: meta.remediation },
        helpUri: componentDocUrl(docsBaseUrl, id),
        defaultConfiguration: { level: 'warning' },
      }));
      const prefix = report.models.length > 1 ? `${model.name}: ` : '';
      const status = STATUS_STYLES[result.status].label;
      const text = `${prefix}${meta.title} is ${status}: ${oneLine(result.message)}. ${adviceFor(id, result)}`;
      results.push({
        ruleId,
        ruleIndex: index,
        level,
        message: { text },
        locations: [componentLocation(model, id)],
        // Stable across runs, so code scanning tracks one alert per model and component.
        partialFingerprints: { 'trulyOpenComponent/v1': `${model.path}#${id}` },
        properties: { model: model.path, component: id, status: result.status, license: result.license },
      });
    }
  }

  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'truly-open', version: report.tool.version, informationUri: INFORMATION_URI, rules } },
        results,
      },
    ],
  };
}

/** The SARIF log as a file's content (2-space indent, trailing newline). */
export function renderSarifJson(report: Report, options: SarifOptions = {}): string {
  return `${JSON.stringify(renderSarif(report, options), null, 2)}\n`;
}
