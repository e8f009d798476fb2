import { card, runCases, statusesOf, testThrowingCriterion } from '../helpers/snapshot-builder.js';
import { CODE_STATUSES, codeCases } from './code-cases.js';

const cases = codeCases({
  id: 'inference-code',
  file: 'inference.py',
  linkLine: (url) => `Inference server: ${url}`,
  mention: 'A dedicated inference server will be released later.',
});

const SNIPPET =
  '```python\nfrom transformers import AutoModelForCausalLM\nmodel = AutoModelForCausalLM.from_pretrained("acme/m")\n```';

describe('inference-code', () => {
  runCases('inference-code', cases);
  runCases('inference-code', [
    {
      name: 'a usage snippet counts only inside a fenced block; a card of many unclosed fences is read in one pass',
      files: {
        'README.md':
          '---\nlicense: mit\n---\n# T\n\n' +
          ('## Evaluation\n\nTo evaluate simply run ```python x``` 1.5% ' + '`'.repeat(3000) + '\n').repeat(200) +
          'model = AutoModel.from_pretrained("acme/lm")\n',
      },
      status: 'missing',
      messageId: 'missing',
    },
    {
      name: 'a fenced snippet that loads the model with transformers is inference code',
      files: {
        'README.md':
          '---\nlicense: mit\n---\n# T\n\n~~~python\nfrom transformers import AutoModel\nmodel = AutoModel.from_pretrained("acme/lm")\n~~~\n',
      },
      status: 'open',
      messageId: 'usageSnippet',
    },
    {
      name: "a model's own entry point (`transcribe.py`) runs the model",
      files: {
        LICENSE: 'MIT License\n\nCopyright (c) 2024 Acme',
        'whisperlike/transcribe.py': 'def transcribe(model, audio): ...',
      },
      status: 'open',
      messageId: 'codeInRepo',
    },
    {
      name: 'a transformers usage snippet is open through the library, whatever the model license',
      files: { 'README.md': card({ frontMatter: { license: 'llama3.1' }, sections: { Usage: SNIPPET } }) },
      status: 'open',
      messageId: 'usageSnippet',
      check: (r) => {
        expect(r.license).toBe('Apache-2.0');
        expect(r.data?.['library']).toBe('transformers');
      },
    },
    {
      name: 'library_name of an open library without a snippet is open',
      files: { 'README.md': card({ frontMatter: { license: 'mit', library_name: 'gguf' } }) },
      status: 'open',
      messageId: 'openLibrary',
      check: (r) => expect(r.license).toBe('MIT'),
    },
    {
      name: 'library_name of an unknown library is not evidence',
      files: { 'README.md': card({ frontMatter: { license: 'mit', library_name: 'acme-private-runtime' } }) },
      status: 'missing',
      messageId: 'missing',
    },
  ]);
  testThrowingCriterion('inference-code');
  test('covers every status', () => expect(statusesOf(cases)).toEqual(CODE_STATUSES));
});
