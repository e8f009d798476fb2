// The library entry: the pure engine and the sources, for programs that embed truly-open
// (the CLI, the GitHub App and the Action are built on exactly these).
export { assess, type AssessOptions } from './core/assess.js';
export {
  checkRequirement,
  gate,
  REQUIREMENTS,
  type GateResult,
  type Requirement,
} from './core/frameworks/requirements.js';
export {
  COMPONENTS,
  COMPONENT_IDS,
  STATUSES,
  type ComponentId,
  type ComponentMeta,
  type Status,
} from './core/catalog.js';
export type { ComponentResult, LadderLevel, ModelReport, Report } from './core/report.js';
export type { RepoSnapshot, SnapshotEntry } from './core/snapshot.js';
export type { Evidence, Problem } from './core/evidence/types.js';
export { computeDelta, type ReportDelta } from './core/delta.js';
export { configSchema, DEFAULT_CONFIG, type Config } from './config/schema.js';
export { parseConfig } from './config/parse.js';
export { readConfigFile } from './config/read.js';
export { readLocalSnapshot } from './sources/local-snapshot.js';
export { readGithubSnapshot } from './sources/github-snapshot.js';
export { readHubSnapshot } from './sources/hub-snapshot.js';
export { enrichSnapshot } from './sources/remote/online.js';
export { FORMATS, renderReport, type Format } from './core/render/formats.js';
export { renderJson } from './core/render/json.js';
export { renderText } from './core/render/text.js';
export { renderMarkdown } from './core/render/markdown.js';
export { renderSarif } from './core/render/sarif.js';
export { renderBadge, renderBadgeSvg } from './core/render/badge.js';
