// Advice that matches the status: the one action that moves a component on.
import { adviceFor } from '../src/core/render/advice.js';
import { mdCode } from '../src/core/render/format.js';
import { COMPONENTS } from '../src/core/catalog.js';
import { card, FULL_CARD_SECTIONS, firstModel, licenseText, snapshot } from './helpers/snapshot-builder.js';

describe('advice by status', () => {
  test('restricted: relicense under open terms for the kind, naming the current license', () => {
    const a = adviceFor('weights', {
      status: 'restricted',
      messageId: 'weightsInRepo',
      data: { licenseState: 'restricted' },
      license: 'LicenseRef-Llama-3',
    });
    expect(a).toBe(
      'Relicense the final weights under an open data license such as CDLA-Permissive-2.0 or CC-BY-4.0 (or Apache-2.0) instead of LicenseRef-Llama-3.',
    );
    expect(
      adviceFor('training-code', { status: 'restricted', messageId: 'codeInRepo', data: {}, license: 'CC-BY-NC-4.0' }),
    ).toMatch(/^Relicense the training code under an OSI-approved license/);
  });

  test('gated: lift the gate, whatever the license', () => {
    expect(
      adviceFor('weights', {
        status: 'restricted',
        messageId: 'weightsOnHubGated',
        data: { licenseState: 'gated' },
        license: 'Apache-2.0',
      }),
    ).toMatch(/^Lift the access gate/);
  });

  test('unlicensed: add a license', () => {
    expect(
      adviceFor('training-data', { status: 'unlicensed', messageId: 'trainingDataInRepo', data: {}, license: null }),
    ).toMatch(/^Add a license that covers the training data/);
  });

  test('unverified: run online or declare, naming where it was said to be', () => {
    const a = adviceFor('weights', {
      status: 'mentioned',
      messageId: 'weightsLinked',
      data: {},
      license: null,
      claim: { status: 'open', license: null, via: 'link', host: 'hub', target: 'acme/lm' },
    });
    expect(a).toMatch(/^Confirm it: run the check online .* at acme\/lm, or declare where they are/);
  });

  test('mentioned without a pointer: publish it here or declare where it is', () => {
    expect(
      adviceFor('training-data', { status: 'mentioned', messageId: 'trainingDataMentioned', data: {}, license: null }),
    ).toMatch(/^Publish the training data .* or declare where it is in `\.github\/truly-open\.yml`/);
  });

  test('missing: the catalog step', () => {
    expect(adviceFor('data-card', { status: 'missing', messageId: 'missing', data: {}, license: null })).toBe(
      COMPONENTS['data-card'].remediation,
    );
  });

  test('a long card is never told to "add a README": an incomplete one gets the missing sections', () => {
    const files = {
      LICENSE: licenseText('MIT'),
      'README.md': card({
        frontMatter: { license: 'mit' },
        sections: {
          'Model Architecture': 'A decoder-only transformer with 24 layers.',
          Training: FULL_CARD_SECTIONS['Training Procedure']!,
        },
      }),
    };
    const result = firstModel(snapshot({ files })).components['model-card'];
    const a = adviceFor('model-card', result);
    expect(a).toBe('Add the missing sections to README.md: intended use, limitations and evaluation.');
    expect(a).not.toMatch(/Add a `README\.md`/);
  });

  test('in Markdown, values from the repository are code spans, never links or mentions', () => {
    const a = adviceFor(
      'weights',
      { status: 'restricted', messageId: 'weightsInRepo', data: {}, license: '[x](https://evil.example) @team' },
      mdCode,
    );
    expect(a).toContain('`[x](https://evil.example) @team`');
  });
});
