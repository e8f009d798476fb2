// The openness catalog as data: the components a model release is made of, their kind
// and where each framework places them. Everything else (criteria, frameworks, docs,
// renderers) keys off these ids, so they are stable and appear verbatim in reports.

export const COMPONENT_IDS = [
  'model-architecture',
  'weights',
  'model-card',
  'data-card',
  'technical-report',
  'evaluation-results',
  'sample-outputs',
  'training-code',
  'inference-code',
  'evaluation-code',
  'evaluation-data',
  'supporting-libraries',
  'training-data',
  'data-preprocessing-code',
  'intermediate-weights',
  'research-paper',
  'training-config',
  'compute-info',
] as const;

export type ComponentId = (typeof COMPONENT_IDS)[number];

/** Which license family fits a component: software licenses for code, data licenses for data and weights. */
export type ComponentKind = 'code' | 'data' | 'document';

export const STATUSES = [
  'open',
  'restricted',
  'unlicensed',
  'mentioned',
  'missing',
  'not-applicable',
  'unknown',
] as const;

export type Status = (typeof STATUSES)[number];

export interface ComponentMeta {
  id: ComponentId;
  /** Short human name, used in tables and headlines. */
  title: string;
  /** How the component is named inside a sentence ("the training data"). */
  phrase: string;
  kind: ComponentKind;
  /** MOF class that requires it (3 = Open Model, 2 = Open Tooling, 1 = Open Science), or null. */
  mofClass: 1 | 2 | 3 | null;
  /** Optional in MOF: reported but never blocking a class. */
  mofOptional: boolean;
  /** Components that satisfy its MOF slot in its place (a research paper for the technical report). */
  mofStandIns?: ComponentId[];
  /** The question the criterion answers, shown in docs. */
  question: string;
  /** One line on how to publish it, shown in "how to become truly open". */
  remediation: string;
}

export const COMPONENTS: Record<ComponentId, ComponentMeta> = {
  'model-architecture': {
    id: 'model-architecture',
    title: 'Model architecture',
    phrase: 'the model architecture code',
    kind: 'code',
    mofClass: 3,
    mofOptional: false,
    question: 'Is the code that defines the network published under an open software license?',
    remediation:
      'Publish the modelling code (e.g. `modeling_*.py`) or name the open library class in `config.json` `architectures`.',
  },
  weights: {
    id: 'weights',
    title: 'Weights',
    phrase: 'the final weights',
    kind: 'data',
    mofClass: 3,
    mofOptional: false,
    question: 'Are the final trained parameters published under open terms, without a gate?',
    remediation:
      'Publish the final weights as safetensors (or link the Hub repository) under an open license such as Apache-2.0 or CDLA-Permissive-2.0.',
  },
  'model-card': {
    id: 'model-card',
    title: 'Model card',
    phrase: 'the model card',
    kind: 'document',
    mofClass: 3,
    mofOptional: false,
    question: 'Is there a model card that documents use, limits, training and evaluation?',
    remediation:
      'Add a `README.md` with Hugging Face front matter (`license`, `datasets`, `base_model`) and the standard sections.',
  },
  'data-card': {
    id: 'data-card',
    title: 'Data card',
    phrase: 'the data card',
    kind: 'document',
    mofClass: 3,
    mofOptional: false,
    question: 'Is the training data documented: sources, selection, collection and processing?',
    remediation:
      'Add a datasheet (`DATA_CARD.md`, or a dataset card on the Hub) that answers where each source comes from, what it is made of, how it was collected, filtered and processed, and under which license; a "Training Data" section of the model card is partial at most.',
  },
  'technical-report': {
    id: 'technical-report',
    title: 'Technical report',
    phrase: 'the technical report',
    kind: 'document',
    mofClass: 3,
    mofOptional: false,
    mofStandIns: ['research-paper'],
    question: 'Is there a technical report or preprint describing the model?',
    remediation: 'Link the technical report (arXiv or a PDF in the repository) from the model card.',
  },
  'evaluation-results': {
    id: 'evaluation-results',
    title: 'Evaluation results',
    phrase: 'the evaluation results',
    kind: 'document',
    mofClass: 3,
    mofOptional: false,
    question: 'Are evaluation metrics reported?',
    remediation: 'Report metrics in the card (`model-index` or a results table) or in `eval_results*.json`.',
  },
  'sample-outputs': {
    id: 'sample-outputs',
    title: 'Sample outputs',
    phrase: 'sample outputs',
    kind: 'document',
    mofClass: 3,
    mofOptional: true,
    question: 'Are example generations published?',
    remediation: 'Add a `samples/` folder or an examples section to the card.',
  },
  'training-code': {
    id: 'training-code',
    title: 'Training code',
    phrase: 'the training code',
    kind: 'code',
    mofClass: 2,
    mofOptional: false,
    question: 'Is the full training or fine-tuning pipeline published under an open software license?',
    remediation: 'Publish the training scripts (e.g. `train.py`, launch scripts) or link the training repository.',
  },
  'inference-code': {
    id: 'inference-code',
    title: 'Inference code',
    phrase: 'the inference code',
    kind: 'code',
    mofClass: 2,
    mofOptional: false,
    question: 'Is there code to run the model, under an open software license?',
    remediation: 'Add an `inference.py` / `generate.py` or a usage snippet with an open library (`library_name`).',
  },
  'evaluation-code': {
    id: 'evaluation-code',
    title: 'Evaluation code',
    phrase: 'the evaluation code',
    kind: 'code',
    mofClass: 2,
    mofOptional: false,
    question: 'Is the code that produced the reported numbers published?',
    remediation: 'Publish the evaluation scripts (e.g. `eval.py`, lm-eval-harness task configs).',
  },
  'evaluation-data': {
    id: 'evaluation-data',
    title: 'Evaluation data',
    phrase: 'the evaluation data',
    kind: 'data',
    mofClass: 2,
    mofOptional: false,
    question: 'Are the benchmark or test sets available?',
    remediation: 'Name the evaluation datasets in `model-index` or publish them under `data/test*`.',
  },
  'supporting-libraries': {
    id: 'supporting-libraries',
    title: 'Supporting libraries',
    phrase: 'the supporting libraries and tokenizer',
    kind: 'code',
    mofClass: 2,
    mofOptional: true,
    question: 'Are the tokenizer, environment and tooling needed to run or train the model published?',
    remediation:
      'Publish the tokenizer files and an environment file (`requirements.txt`, `environment.yml`, `pyproject.toml`).',
  },
  'training-data': {
    id: 'training-data',
    title: 'Training data',
    phrase: 'the training data',
    kind: 'data',
    mofClass: 1,
    mofOptional: false,
    question: 'Are the training datasets themselves available under open terms?',
    remediation:
      'Publish the training datasets (e.g. on the Hub) under an open data license and list them in the card `datasets:`.',
  },
  'data-preprocessing-code': {
    id: 'data-preprocessing-code',
    title: 'Data preprocessing code',
    phrase: 'the data preprocessing code',
    kind: 'code',
    mofClass: 1,
    mofOptional: false,
    question: 'Is the code that cleans, filters, deduplicates and tokenises the data published?',
    remediation: 'Publish the data pipeline (e.g. `prepare_data.py`, `dedup.py`) or link its repository.',
  },
  'intermediate-weights': {
    id: 'intermediate-weights',
    title: 'Intermediate weights',
    phrase: 'the intermediate checkpoints',
    kind: 'data',
    mofClass: 1,
    mofOptional: false,
    question: 'Are training checkpoints published?',
    remediation:
      'Publish checkpoints (`checkpoints/`, `step*/` folders or revisions named by step) and list them in the card.',
  },
  'research-paper': {
    id: 'research-paper',
    title: 'Research paper',
    phrase: 'the research paper',
    kind: 'document',
    mofClass: 1,
    mofOptional: false,
    question: 'Is there a peer-reviewed publication?',
    remediation: 'Cite the peer-reviewed paper (DOI, ACL Anthology, OpenReview) in the card or `CITATION.cff`.',
  },
  'training-config': {
    id: 'training-config',
    title: 'Training config',
    phrase: 'the training configuration',
    kind: 'data',
    mofClass: 1,
    mofOptional: true,
    question: 'Are the hyperparameters and training configuration published with real values?',
    remediation:
      'Publish the training configuration (learning rate, batch size, steps, schedule, optimiser) as YAML/JSON or a "Training Hyperparameters" section.',
  },
  'compute-info': {
    id: 'compute-info',
    title: 'Compute info',
    phrase: 'the compute information',
    kind: 'document',
    mofClass: null,
    mofOptional: true,
    question: 'Are the hardware, GPU-hours and energy or CO2 reported?',
    remediation:
      'Add an "Environmental Impact" or "Compute Infrastructure" section, or `co2_eq_emissions` in the front matter.',
  },
};

export const componentDocPath = (id: ComponentId): string => `docs/components/${id}.md`;

export function isComponentId(value: unknown): value is ComponentId {
  return typeof value === 'string' && (COMPONENT_IDS as readonly string[]).includes(value);
}
