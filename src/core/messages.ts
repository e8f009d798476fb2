// The wording of every message id. Criteria pick an id and data; only this file says it in words.
import { COMPONENTS, type ComponentId } from './catalog.js';
import type { MessageData } from './criteria/types.js';

type Template = (d: MessageData, id: ComponentId) => string;

const str = (v: unknown, fallback = ''): string => (v === null || v === undefined ? fallback : String(v));
const plural = (n: unknown, one: string, many = one + 's'): string => `${str(n, '0')} ${Number(n) === 1 ? one : many}`;

export function formatBytes(n: number): string {
  if (!Number.isFinite(n) || n <= 0) return '0 B';
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let i = 0;
  let v = n;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return `${v >= 100 || i === 0 ? Math.round(v) : v.toFixed(1)} ${units[i]}`;
}

/** How the license part of a message reads, from the judged license state. */
function underLicense(d: MessageData): string {
  switch (d['licenseState']) {
    case 'open':
      return `under ${str(d['license'])}`;
    case 'restricted':
      return `under restricted terms (${str(d['license'])})`;
    case 'wrong-kind':
      return `under ${str(d['license'])}, which is not an open license for this kind of artifact`;
    case 'unrecognised':
      return `under terms that could not be recognised (${str(d['license'])})`;
    case 'none':
      return 'with no license covering it';
    case 'gated':
      return `behind an access gate on the Hub${d['license'] ? ` (${str(d['license'])})` : ''}`;
    case 'unread':
      return `under a license file that could not be read (${str(d['licensePath'], 'LICENSE')}), so its terms could not be checked`;
    default:
      return '';
  }
}

const TEMPLATES: Record<string, Template> = {
  missing: (_d, id) => `no evidence of ${COMPONENTS[id].phrase} was found`,
  notApplicable: (d) => `not applicable: ${str(d['reason'])}`,
  declared: (d) =>
    `declared at ${str(d['location'])}${d['license'] ? ` under ${str(d['license'])}` : ''} (not verified)`,
  criterionFailed: (d) => `could not be judged: ${str(d['error'])}`,
  cardUnreadable: (d) =>
    `the model card ${str(d['path'])} could not be read (${str(d['reason'])}), so this could not be checked`,
  listingIncomplete: (d) =>
    `not found, but the listing of ${str(d['path'])} is incomplete${d['detail'] ? ` (${str(d['detail'])})` : ''}, so it may be there`,
  hubUnavailable: (d) =>
    `the Hub lookup for ${str(d['id'])} failed${d['error'] ? ` (${str(d['error'])})` : ''}, so this could not be checked`,
  hubDatasetNotFound: (d) => `the dataset ${str(d['id'])} does not resolve on the Hub`,
  githubUnavailable: (d) =>
    `the GitHub lookup for ${str(d['repo'])} failed${d['error'] ? ` (${str(d['error'])})` : ''}, so this could not be checked`,
  hubDatasetNotLookedUp: (d) => `${str(d['id'])} is named as a dataset but is not a Hub id that could be checked`,

  weightsInRepo: (d) => {
    const size = d['bytes'] === null || d['bytes'] === undefined ? 'size unknown' : formatBytes(Number(d['bytes']));
    const parts = [`${plural(d['count'], 'weight file')} (${str(d['formats'])}, ${size})`, underLicense(d)];
    if (Number(d['unsafe']) > 0) parts.push(`— ${plural(d['unsafe'], 'pickle file')} can run code when loaded`);
    if (Number(d['missingShards']) > 0)
      parts.push(
        `— ${plural(d['missingShards'], 'shard')} named by the index ${Number(d['missingShards']) === 1 ? 'is' : 'are'} missing`,
      );
    return parts.filter(Boolean).join(' ');
  },
  weightsOnHub: (d) =>
    `${plural(d['count'], 'weight file')} (${formatBytes(Number(d['bytes']))}) on the Hub at ${str(d['id'])} ${underLicense(d)}`,
  weightsOnHubGated: (d) => `${plural(d['count'], 'weight file')} on the Hub at ${str(d['id'])}, behind an access gate`,
  weightsLinked: (d) =>
    `linked on the Hub (${str(d['id'])}) but not verified${Number(d['count']) > 1 ? `; ${plural(d['count'], 'link')}` : ''}`,
  weightsFileLinked: (d) => `${plural(d['count'], 'weight file')} linked for download, not verified`,
  weightsMentioned: () => 'the card talks about released weights but no files or verifiable links were found',

  trainingDataSample: (d) =>
    `only ${plural(d['count'], 'small data file')} (${formatBytes(Number(d['bytes']))}) — a sample of the format, not the training data`,
  trainingDataInRepo: (d) => `${plural(d['count'], 'data file')} in the repository ${underLicense(d)}`,
  trainingDataOnHub: (d) =>
    `${plural(d['count'], 'dataset')} verified on the Hub (${str(d['id'])}${Number(d['count']) > 1 ? ', …' : ''}) ${underLicense(d)}`,
  trainingDataOnHubGated: (d) => `the dataset ${str(d['id'])} is gated or private on the Hub`,
  trainingDataListed: (d) =>
    `the card lists ${plural(d['count'], 'dataset')} (${str(d['names'])}) but their availability was not verified`,
  trainingDataLinked: (d) => `${plural(d['count'], 'dataset link')} in the card, not verified`,
  trainingDataScripts: (d) => `${plural(d['count'], 'dataset script')} found, but not the data itself`,
  trainingDataMentioned: () => 'the card describes what the model was trained on, but the data is not published',

  dataCardFile: (d) => `a data card is published ${underLicense(d)}`,
  dataCardSection: (d) =>
    `the card's "${str(d['section'])}" section describes sources and processing ${underLicense(d)}`,
  dataCardOnHub: (d) => `the dataset cards of ${plural(d['count'], 'listed dataset')} describe sources and processing`,
  dataCardThin: () => 'a data card file exists, but it does not describe sources, selection and processing',
  dataSectionThin: (d) =>
    `the card has a "${str(d['section'])}" section, but it does not describe sources, selection and processing`,

  modelCardPresent: (d) =>
    `${str(d['path'])} documents the model (${plural(d['sections'], 'section')}) ${underLicense(d)}`,
  modelCardIncomplete: (d) => `${str(d['path'])} documents ${str(d['covered'])}, but not ${str(d['uncovered'])}`,
  modelCardTemplate: (d) => `${str(d['path'])} holds only a template or a few lines`,
  modelCardUsageOnly: (d) =>
    `${str(d['path'])} is not a model card: it documents ${d['covered'] === 'none of the standard topics' ? 'none' : `only ${str(d['covered'])}`} of architecture, training, evaluation and limitations`,

  reportInRepo: (d) => `${plural(d['count'], 'report')} in the repository ${underLicense(d)}`,
  reportOnArchive: () => 'a preprint or technical report is linked on arXiv',
  reportHosted: (d) =>
    `${Number(d['count']) === 1 ? 'a technical report is' : 'technical reports are'} published as a document the card links to (license not checked)`,
  reportLinked: () => 'a paper or technical report is linked from the card (hosted outside arXiv, not verified)',
  reportMentioned: () => 'a technical report is mentioned but not linked',
  paperPublished: () => 'a peer-reviewed publication is cited (DOI, venue or proceedings entry)',
  paperMentioned: () => 'a publication at a venue is mentioned but not cited or linked',

  resultsModelIndex: (d) => `metrics in the card's model-index ${underLicense(d)}`,
  resultsFiles: (d) => `${plural(d['count'], 'results file')} ${underLicense(d)}`,
  resultsTable: (d) =>
    `a results table in the card${d['section'] ? ` ("${str(d['section'])}")` : ''} ${underLicense(d)}`,
  resultsMentioned: () => 'the card has an evaluation section but reports no numbers',
  resultsLinked: (d) => `results are linked (${str(d['url'])}) but not reported in the card`,

  samplesInRepo: (d) => `${plural(d['count'], 'sample output')} in the repository ${underLicense(d)}`,
  samplesWidget: (d) => `${plural(d['count'], 'widget example')} in the card ${underLicense(d)}`,
  samplesInCard: (d) => `examples in the card ${underLicense(d)}`,

  codeInRepo: (d) => `${plural(d['count'], 'file')} in the repository ${underLicense(d)}`,
  codeOnGithub: (d) => `published at github.com/${str(d['repo'])} ${underLicense(d)}`,
  codeLinked: (d) => `a repository is linked (${str(d['repo'])}) but not verified`,
  codeMentioned: () => 'mentioned in the card but not published',
  fineTuningForUsers: (d) =>
    `only code to fine-tune the released model further (${str(d['path'])}${Number(d['count']) > 1 ? ` and ${plural(Number(d['count']) - 1, 'more file')}` : ''}), not the code that trained it`,
  usageSnippet: (d) => `a usage snippet runs the model with ${str(d['library'])} ${underLicense(d)}`,
  openLibrary: (d) => `the model runs with the open library ${str(d['library'])} ${underLicense(d)}`,

  evalDataInRepo: (d) => `${plural(d['count'], 'evaluation data file')} ${underLicense(d)}`,
  evalDataOnHub: (d) => `${plural(d['count'], 'evaluation dataset')} verified on the Hub ${underLicense(d)}`,
  evalDataOnHubGated: (d) => `the evaluation dataset ${str(d['id'])} is gated or private on the Hub`,
  evalDataListed: (d) =>
    `model-index names ${plural(d['count'], 'evaluation dataset')} (${str(d['names'])}), not verified`,
  evalDataLinked: (d) => `${plural(d['count'], 'evaluation dataset link')}, not verified`,

  supportFiles: (d) => {
    const tokenizer = Number(d['tokenizer']) > 0 ? plural(d['tokenizer'], 'tokenizer file') : '';
    const environment = Number(d['environment']) > 0 ? plural(d['environment'], 'environment file') : '';
    return `${[tokenizer, environment].filter(Boolean).join(' and ')} ${underLicense(d)}`;
  },

  checkpointsInRepo: (d) => `${plural(d['count'], 'checkpoint')} in the repository ${underLicense(d)}`,
  checkpointsOnHub: (d) => `${plural(d['count'], 'checkpoint revision')} on the Hub ${underLicense(d)}`,
  checkpointsMentioned: () => 'intermediate checkpoints are mentioned but not published here',

  configFiles: (d) =>
    `${plural(d['count'], 'training config')} with real values (${str(d['groups'])}) ${underLicense(d)}`,
  trainerState: (d) => `${plural(d['count'], 'trainer output')} (training arguments / state) ${underLicense(d)}`,
  hyperparametersInCard: (d) => `hyperparameters with values in the card (${str(d['groups'])}) ${underLicense(d)}`,
  hyperparametersWithoutValues: () => 'the card has a hyperparameters section without real values',

  computeEmissions: (d) => `co2_eq_emissions in the card ${underLicense(d)}`,
  computeSection: (d) => `the card's "${str(d['section'])}" section reports compute ${underLicense(d)}`,
  computeInText: (d) => `the card names the hardware or compute used ${underLicense(d)}`,
  computeInBatchJobs: (d) => {
    const books = `book${Number(d['count']) === 1 ? 's' : ''}`;
    const nodes = d['nodes'] !== null ? plural(d['nodes'], 'node') : null;
    const gpus = d['gpusPerNode'] !== null ? `${str(d['gpusPerNode'])} GPUs per node` : null;
    const hardware =
      d['nodes'] !== null || d['gpusPerNode'] !== null ? ` (${[nodes, gpus].filter(Boolean).join(', ')})` : '';
    return `${plural(d['count'], 'batch job')} ${books} the hardware${hardware} ${underLicense(d)}`;
  },

  architectureCode: (d) => `${plural(d['count'], 'modelling file')} ${underLicense(d)}`,
  architectureInLibrary: (d) =>
    `${str(d['architecture'])} is defined in the open library ${str(d['library'])} ${underLicense(d)}`,
  architectureRemoteCode: () => 'config.json points at custom modelling code (auto_map) that is not in this repository',
  baseWeights: (d) => `${str(d['id'])}: ${plural(d['count'], 'weight file')} ${underLicense(d)}`,
  baseWeightsNone: (d) => `${str(d['id'])} has no weight files on the Hub`,
  baseTrainingDataNone: (d) => `${str(d['id'])} names no training datasets`,
  baseTrainingDataListed: (d) => `${str(d['id'])} lists ${plural(d['count'], 'dataset')} that were not all looked up`,
  architectureNamed: (d) =>
    `config.json names ${str(d['architecture'])}, but no open library or modelling code that defines it was found`,
  architectureDescribed: () => 'the architecture is described in the card, but its code is not published',

  trainingDataNotData: (d) =>
    `${plural(d['count'], 'data file')} found, but samples, benchmarks, assets or statistics — not the training data`,
  trainingDataManifest: (d) =>
    `${plural(d['count'], 'data list')} in the configuration name the training data, but the data is not published here`,
  dataCardOnHubUnchecked: (d) => {
    const cards = Number(d['count']) === 1 ? 'dataset card' : 'dataset cards';
    const more = Number(d['count']) > 1 ? ` and ${plural(Number(d['count']) - 1, 'more')}` : '';
    const were = Number(d['count']) === 1 ? 'was' : 'were';
    return `the training data's ${cards} on the Hub (${str(d['id'])}${more}) ${were} not checked`;
  },
  dataCardSectionOnly: (d) =>
    `the card's "${str(d['section'])}" section names the training data; a section inside a model card is not a datasheet`,
  dataSectionNoSources: (d) =>
    `the card's "${str(d['section'])}" section describes the training data without naming any dataset one could obtain`,
  checkpointsLinked: (d) => `${plural(d['count'], 'link')} to checkpoint revisions on the Hub, not verified`,
  trainingDataUnnamed: () =>
    'the card describes the training data only in general terms and names no dataset one could obtain',
};

export function formatMessage(messageId: string, data: MessageData | undefined, id: ComponentId): string {
  const t = TEMPLATES[messageId];
  return (t ? t(data ?? {}, id) : messageId).replace(/\s+/g, ' ').trim();
}

export const MESSAGE_IDS = Object.keys(TEMPLATES);
