import {
  annotationsFor,
  escapeData,
  escapeProperty,
  formatCommand,
  formatOutputs,
  getInput,
  InputError,
  joinPath,
  outputsFor,
  readInputs,
  requirementOutcome,
  stepAnnotations,
} from '../src/action/commands.js';
import { COMPONENT_IDS, type ComponentId } from '../src/core/catalog.js';
import type { ComponentResult, ModelReport, Report } from '../src/core/report.js';

function component(partial: Partial<ComponentResult> = {}): ComponentResult {
  return { status: 'open', license: 'Apache-2.0', messageId: 'x', message: 'fine', evidence: [], ...partial };
}

function model(
  overrides: Partial<Omit<ModelReport, 'components'>> & {
    components?: Partial<Record<ComponentId, ComponentResult>>;
  } = {},
): ModelReport {
  const components = Object.fromEntries(COMPONENT_IDS.map((id) => [id, component()])) as Record<
    ComponentId,
    ComponentResult
  >;
  Object.assign(components, overrides.components ?? {});
  return {
    path: '.',
    name: 'demo',
    ladder: { level: 'open-source', missing: [], headline: 'Open source' },
    frameworks: {
      mof: {
        class: 1,
        progress: { '3': 100, '2': 100, '1': 100 },
        missing: { '3': [], '2': [], '1': [] },
        warnings: [],
      },
      osaid: { conformant: true, missing: [], notes: [] },
      osaiIndex: { score: 1, grades: {} },
    },
    ...overrides,
    components,
  };
}

function report(models: ModelReport[], problems: Report['problems'] = []): Report {
  return {
    schemaVersion: 1,
    tool: { name: 'truly-open', version: '0.1.0' },
    subject: { source: 'directory', location: '.', revision: null },
    models,
    problems,
  };
}

describe('inputs from the environment', () => {
  it('maps names the way the runner does: upper case, spaces to underscores, hyphens kept', () => {
    expect(getInput({ INPUT_REPORT_PATH: 'a' }, 'report path')).toBe('a');
    expect(getInput({ 'INPUT_MOF-CLASS': ' b ' }, 'mof-class')).toBe('b');
    expect(getInput({}, 'missing')).toBe('');
  });

  it('applies the defaults when inputs are absent or blank', () => {
    expect(readInputs({ INPUT_PATH: '', INPUT_FORMAT: '  ' })).toEqual({
      path: '.',
      require: undefined,
      format: 'text',
      config: undefined,
      offline: false,
    });
  });

  it('reads every input', () => {
    expect(
      readInputs({
        INPUT_PATH: 'models/x',
        INPUT_REQUIRE: 'open-weights',
        INPUT_FORMAT: 'json',
        INPUT_CONFIG: 'ci/truly-open.yml',
        INPUT_OFFLINE: 'TRUE',
      }),
    ).toEqual({
      path: 'models/x',
      require: 'open-weights',
      format: 'json',
      config: 'ci/truly-open.yml',
      offline: true,
    });
  });

  it.each([
    [{ INPUT_REQUIRE: 'very-open' }, /require.*very-open/],
    [{ INPUT_FORMAT: 'html' }, /format.*html/],
    [{ INPUT_OFFLINE: 'yes' }, /offline.*true or false/],
  ])('rejects a bad input %p', (env, message) => {
    expect(() => readInputs(env)).toThrow(InputError);
    expect(() => readInputs(env)).toThrow(message);
  });
});

describe('workflow-command escaping', () => {
  it('escapes %, CR and LF in messages, and also : and , in properties', () => {
    expect(escapeData('100% done\r\nnext: a,b')).toBe('100%25 done%0D%0Anext: a,b');
    expect(escapeProperty('100% done\r\nnext: a,b')).toBe('100%25 done%0D%0Anext%3A a%2Cb');
  });

  it('escapes % first so an existing %0A survives literally', () => {
    expect(escapeData('%0A')).toBe('%250A');
  });

  it('formats an annotation with file, line and title', () => {
    expect(
      formatCommand({
        level: 'warning',
        file: 'a,b/README.md',
        line: 3,
        title: 'Weights: restricted',
        message: 'x\ny',
      }),
    ).toBe('::warning file=a%2Cb/README.md,line=3,title=Weights%3A restricted::x%0Ay');
  });

  it('leaves out the line when there is no file', () => {
    expect(formatCommand({ level: 'notice', line: 4, title: 't', message: 'm' })).toBe('::notice title=t::m');
  });
});

describe('annotations from a report', () => {
  it('puts problems on their file and line, mapping note to notice', () => {
    const r = report(
      [model()],
      [
        {
          severity: 'warning',
          path: 'README.md',
          line: 2,
          message: 'front matter is not valid YAML',
          ruleId: 'front-matter-invalid',
        },
        { severity: 'note', message: 'nothing to read' },
      ],
    );
    expect(annotationsFor(r, { pathPrefix: '' })).toEqual([
      {
        level: 'warning',
        file: 'README.md',
        line: 2,
        title: 'truly-open: front-matter-invalid',
        message: 'front matter is not valid YAML',
      },
      { level: 'notice', title: 'truly-open: note', message: 'nothing to read' },
    ]);
  });

  it('names a license once, at the line that declares it, for every component it restricts, under the scanned folder', () => {
    const licensed = (message: string) =>
      component({
        status: 'restricted',
        license: 'LicenseRef-llama3',
        message,
        evidence: [
          { kind: 'file', path: 'model.safetensors' },
          { kind: 'card-field', path: 'README.md', line: 3, field: 'license', license: 'LicenseRef-llama3' },
        ],
      });
    const r = report([
      model({
        ladder: { level: 'restricted-weights', missing: ['weights'], headline: '' },
        components: {
          weights: licensed('weights under the Llama 3 license (LicenseRef-llama3)'),
          'model-card': licensed('card under LicenseRef-llama3'),
        },
      }),
    ]);
    const list = annotationsFor(r, { pathPrefix: 'models/llama' });
    expect(list).toHaveLength(1);
    const [a] = list;
    expect(a).toMatchObject({
      level: 'warning',
      file: 'models/llama/README.md',
      line: 3,
      title: 'Restricted license: LicenseRef-llama3',
    });
    expect(a!.message).toMatch(
      /^LicenseRef-llama3 restricts use, so the final weights and the model card are not open \(blocks open weights\)\.\nHow to fix: Relicense the final weights under /,
    );
    // Never "(LicenseRef-llama3) (LicenseRef-llama3)": once in the title, once in the message.
    expect(a!.message.split('LicenseRef-llama3')).toHaveLength(2);
  });

  it('points what blocks the next level at the line that mentions it, else the whole card; blockers first, the rest left out', () => {
    const r = report([
      model({
        path: 'sub',
        ladder: { level: 'open-weights', missing: ['training-data'], headline: '' },
        frameworks: {
          ...model().frameworks,
          mof: { ...model().frameworks.mof, class: 3, missing: { '3': [], '2': ['evaluation-code'], '1': [] } },
        },
        components: {
          'model-card': component({ evidence: [{ kind: 'file', path: 'sub/README.md' }] }),
          'training-data': component({
            status: 'mentioned',
            license: null,
            message: 'named, not linked',
            evidence: [{ kind: 'card-section', path: 'sub/README.md', line: 40, section: 'data' }],
          }),
          'evaluation-code': component({ status: 'missing', license: null, message: 'no evaluation code' }),
          'compute-info': component({ status: 'not-applicable', message: 'n/a' }),
          'research-paper': component({ status: 'mentioned', license: null, message: 'a paper is cited' }),
        },
      }),
    ]);
    const list = annotationsFor(r, { pathPrefix: '.' });
    expect(list.map((a) => [a.level, a.title, a.file, a.line])).toEqual([
      ['notice', 'Training data mentioned', 'sub/README.md', 40],
      ['notice', 'Evaluation code missing', 'sub/README.md', undefined],
    ]);
    expect(list[0]!.message).toBe(
      'named, not linked (blocks open source)\nHow to fix: ' + list[0]!.message.split('How to fix: ')[1],
    );
  });

  it('names the model in titles when the repository holds several', () => {
    const blocked = {
      ladder: { level: 'closed' as const, missing: ['weights' as const], headline: '' },
      components: { weights: component({ status: 'missing', license: null, message: 'none' }) },
    };
    const r = report([model({ name: 'a', ...blocked }), model({ name: 'b', path: 'b' })]);
    expect(annotationsFor(r, { pathPrefix: '' }).map((a) => a.title)).toEqual(['a: Weights missing']);
  });

  it('prints at most 10 of each level, one error fewer, and counts the rest in one log line', () => {
    const problems = (severity: 'error' | 'warning' | 'note', n: number) =>
      Array.from({ length: n }, (_, i) => ({
        severity,
        path: `f${i}`,
        line: 1,
        message: `${severity} ${i}`,
        ruleId: `${severity}-rule-${i}`,
      }));
    const r = report([model()], [...problems('error', 12), ...problems('warning', 10), ...problems('note', 25)]);
    const { annotations, note } = stepAnnotations(r, { pathPrefix: '' });
    const count = (level: string) => annotations.filter((a) => a.level === level).length;
    expect([count('error'), count('warning'), count('notice')]).toEqual([9, 10, 10]);
    // The most important of each level are the ones kept.
    expect(annotations.filter((a) => a.level === 'error').map((a) => a.message)).toEqual(
      Array.from({ length: 9 }, (_, i) => `error ${i}`),
    );
    expect(note).toBe(
      'truly-open: 3 errors and 15 notices more not shown as annotations (GitHub shows 10 of each per step); the job summary lists every component.',
    );
    expect(stepAnnotations(report([model()]), { pathPrefix: '' }).note).toBeNull();
  });
});

describe('outputs', () => {
  it('takes the least open model for each value', () => {
    const strong = model();
    const weak = model({
      ladder: { level: 'restricted-weights', missing: [], headline: '' },
      frameworks: {
        ...model().frameworks,
        mof: { ...model().frameworks.mof, class: null },
        osaid: { conformant: false, missing: ['weights'], notes: [] },
      },
    });
    expect(outputsFor(report([strong, weak]), '/tmp/r.json')).toEqual({
      level: 'restricted-weights',
      'mof-class': 'none',
      osaid: 'false',
      'report-path': '/tmp/r.json',
    });
    const classThree = model({ frameworks: { ...model().frameworks, mof: { ...model().frameworks.mof, class: 3 } } });
    expect(outputsFor(report([strong, classThree]), 'r')).toMatchObject({
      level: 'open-source',
      'mof-class': '3',
      osaid: 'true',
    });
  });

  it('writes name=value lines and the heredoc form for multi-line values', () => {
    expect(formatOutputs({ level: 'closed', notes: 'a\nb' }, 'EOF_1')).toBe(
      'level=closed\nnotes<<EOF_1\na\nb\nEOF_1\n',
    );
    expect(() => formatOutputs({ notes: 'a\nEOF_1' }, 'EOF_1')).toThrow(/delimiter/);
  });
});

describe('requirement outcome', () => {
  it('is null when no model carries a requirement', () => {
    expect(requirementOutcome(report([model()]))).toBeNull();
  });

  it('fails when any model misses it and says which', () => {
    const r = report([
      model({ requirement: { requirement: 'open-weights', met: true } }),
      model({ path: 'b', requirement: { requirement: 'open-weights', met: false, reason: 'weights are restricted' } }),
    ]);
    expect(requirementOutcome(r)).toEqual({
      requirement: 'open-weights',
      met: false,
      failures: ['b: weights are restricted'],
    });
  });
});

describe('joinPath', () => {
  it('drops empty and dot segments', () => {
    expect(joinPath('', 'README.md')).toBe('README.md');
    expect(joinPath('.', 'a/', './b')).toBe('a/b');
    expect(joinPath('.', '.')).toBe('.');
  });
});
