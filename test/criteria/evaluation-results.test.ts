import { fixtureComponents } from './fixture-repos.js';
import {
  card,
  CARD_TOO_LARGE,
  runCases,
  statusesOf,
  testThrowingCriterion,
  type Case,
} from '../helpers/snapshot-builder.js';

const modelIndex = [
  {
    name: 'acme-7b',
    results: [
      {
        task: { type: 'text-generation' },
        dataset: { type: 'cais/mmlu', name: 'MMLU' },
        metrics: [{ type: 'accuracy', value: 61.2 }],
      },
    ],
  },
];
const TABLE = '| Benchmark | Acme-7B | Other-7B |\n|---|---|---|\n| MMLU | 61.2 | 58.0 |\n| GSM8K | 40.1 | 35.5 |\n';
const withTable = (license?: string) =>
  card({ ...(license ? { frontMatter: { license } } : {}), sections: { 'Evaluation Results': TABLE } });

const cases: Case[] = [
  {
    name: 'model-index metrics under MIT are open',
    files: { 'README.md': card({ frontMatter: { license: 'mit', 'model-index': modelIndex } }) },
    status: 'open',
    messageId: 'resultsModelIndex',
    check: (r) => expect(r.evidence[0]).toMatchObject({ kind: 'card-field', field: 'model-index' }),
  },
  {
    name: 'eval_results.json under Apache-2.0 is open',
    files: { 'README.md': card({ frontMatter: { license: 'apache-2.0' } }), 'eval_results.json': '{"mmlu": 0.61}' },
    status: 'open',
    messageId: 'resultsFiles',
  },
  {
    name: 'a results table in an evaluation section is open',
    files: { 'README.md': withTable('cc-by-4.0') },
    status: 'open',
    messageId: 'resultsTable',
    check: (r) => expect(r.data?.['section']).toBe('evaluation results'),
  },
  {
    name: 'a results table under CC-BY-NC-ND is restricted',
    files: { 'README.md': withTable('cc-by-nc-nd-4.0') },
    status: 'restricted',
    messageId: 'resultsTable',
  },
  {
    name: 'a results table with no license is unlicensed',
    files: { 'README.md': withTable() },
    status: 'unlicensed',
    messageId: 'resultsTable',
  },
  {
    name: 'lm-eval output pasted in a code fence still reports numbers',
    files: {
      'README.md': card({ frontMatter: { license: 'mit' }, sections: { Evaluation: '```\n' + TABLE + '```' } }),
    },
    status: 'open',
    messageId: 'resultsTable',
  },
  {
    name: 'an HTML <table> with numbers under a Benchmarks heading is a results table',
    files: {
      'README.md': card({
        frontMatter: { license: 'mit' },
        sections: {
          Benchmarks:
            'In this section, we report the results on standard benchmarks.\n\n<table>\n  <tr>\n   <td><strong>Benchmark</strong></td>\n   <td><strong>Acme 8B</strong></td>\n  </tr>\n  <tr>\n   <td>MMLU (5-shot)</td>\n   <td>66.6</td>\n  </tr>\n  <tr>\n   <td>GSM-8K</td>\n   <td><strong>79.6</strong></td>\n  </tr>\n</table>',
        },
      }),
    },
    status: 'open',
    messageId: 'resultsTable',
    check: (r) => expect(r.data?.['section']).toBe('benchmarks'),
  },
  {
    name: 'an HTML table of words only is no results table',
    files: {
      'README.md': card({
        frontMatter: { license: 'mit' },
        sections: {
          'Model Overview': '<table><tr><td>Size</td><td>small</td></tr><tr><td>Context</td><td>long</td></tr></table>',
        },
      }),
    },
    status: 'missing',
    messageId: 'missing',
  },
  {
    name: 'a level-1 Evaluation section below the title, with result figures, reports results',
    files: {
      'README.md':
        '---\nlicense: mit\n---\n# Acme\n\nA model.\n\n# Evaluation\n\n| ARC | HellaSwag |\n|---|---|\n| <img src="figs/arc-curve.png" width="400"/> | <img src="figs/hellaswag-curve.png" width="400"/> |\n',
    },
    status: 'open',
    messageId: 'resultsTable',
  },
  {
    name: 'a how-to Evaluation section is evaluation code at most, not results',
    files: {
      'README.md': card({
        frontMatter: { license: 'mit' },
        sections: {
          Evaluation:
            'To evaluate a trained model on the evaluation harness, simply run:\n\n```bash\npython ./eval.py --eval_tasks lambada hellaswag\n```',
          'GPT Evaluation':
            'We include example scripts for GPT evaluation on WikiText perplexity.\n<pre>\npython tasks/main.py --task WIKITEXT103 --seq-length 1024\n</pre>',
        },
      }),
    },
    status: 'missing',
    messageId: 'missing',
  },
  {
    name: 'an Evaluation Data section describes test sets, not results',
    files: {
      'README.md': card({
        frontMatter: { license: 'mit' },
        sections: {
          'Evaluation Data': 'The model was evaluated on held-out web text and standard question answering sets.',
        },
      }),
    },
    status: 'missing',
    messageId: 'missing',
  },
  {
    name: 'an evaluation section without numbers is a mention',
    files: {
      'README.md': card({
        frontMatter: { license: 'mit' },
        sections: { Evaluation: 'The model performs well on common benchmarks.' },
      }),
    },
    status: 'mentioned',
    messageId: 'resultsMentioned',
  },
  {
    name: 'a link to results kept elsewhere is a mention, with the address',
    files: {
      'README.md': card({
        frontMatter: { license: 'mit' },
        intro: '📈 <a href="https://github.com/acme/analysis/blob/main/README.md#list-of-metrics">[Analysis]</a>',
      }),
    },
    status: 'mentioned',
    messageId: 'resultsLinked',
    check: (r) => expect(r.data?.['url']).toBe('https://github.com/acme/analysis/blob/main/README.md#list-of-metrics'),
  },
  {
    name: 'a leaderboard named in the line is a mention',
    files: {
      'README.md': card({
        frontMatter: { license: 'mit' },
        intro: 'See the [Open LLM Leaderboard](https://huggingface.co/spaces/org/board).',
      }),
    },
    status: 'mentioned',
    messageId: 'resultsLinked',
  },
  {
    name: 'results or metrics named on the line or in a path are no link to results',
    files: {
      'README.md': card({
        frontMatter: { license: 'mit' },
        intro: [
          'See [evaluate metrics](https://github.com/huggingface/evaluate/tree/main/metrics/bleu) for code.',
          'Training script: https://github.com/org/repo/blob/main/compute_metrics.py',
          'The model may produce biased results; see https://example.com/bias.',
          'Paper: https://arxiv.org/abs/2401.00001 (see results)',
        ].join('\n\n'),
      }),
    },
    status: 'missing',
    messageId: 'missing',
  },
  {
    name: 'a link to evaluation code is not a link to results',
    files: {
      'README.md': card({
        frontMatter: { license: 'mit' },
        intro: 'We evaluate with https://github.com/EleutherAI/lm-evaluation-harness.',
      }),
    },
    status: 'missing',
    messageId: 'missing',
  },
  {
    name: 'a declaration is a mention',
    files: { 'README.md': card() },
    config: { declarations: { 'evaluation-results': { location: 'https://example.org/leaderboard' } } },
    status: 'mentioned',
    messageId: 'declared',
  },
  { name: 'nothing is missing', files: { 'README.md': card() }, status: 'missing', messageId: 'missing' },
  {
    name: 'not-applicable from config',
    files: { 'README.md': card() },
    config: { 'not-applicable': { 'evaluation-results': 'an embedding table, nothing to score' } },
    status: 'not-applicable',
    messageId: 'notApplicable',
  },
  { name: 'an unreadable card makes it unknown', ...CARD_TOO_LARGE, status: 'unknown', messageId: 'cardUnreadable' },
];

describe('evaluation-results', () => {
  test('fixture data-named-nothing: a how-to Evaluation section: missing', async () => {
    expect((await fixtureComponents('data-named-nothing'))['evaluation-results']).toMatchObject({ status: 'missing' });
  });
  test('fixture data-documented: an HTML table of scores under MIT: open', async () => {
    const c = (await fixtureComponents('data-documented'))['evaluation-results'];
    expect(c).toMatchObject({ status: 'open', messageId: 'resultsTable', data: { section: 'benchmarks' } });
  });
  runCases('evaluation-results', cases);
  testThrowingCriterion('evaluation-results');
  test('covers every status', () => {
    expect(statusesOf(cases)).toEqual([
      'mentioned',
      'missing',
      'not-applicable',
      'open',
      'restricted',
      'unknown',
      'unlicensed',
    ]);
  });
});
