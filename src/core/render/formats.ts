// The output formats, in one place: the CLI's `--format`, the Action's `format` input and
// the library read this table. Each renderer is loaded when it is used, so the CLI imports
// only the one it prints with. Adding a format is a row here and its renderer module.
import type { Report } from '../report.js';

export interface RenderOptions {
  /** Colour for a terminal (text only). */
  color?: boolean;
}

interface FormatEntry {
  /** One line for `--help` and the Action's docs. */
  description: string;
  render: (report: Report, options: RenderOptions) => Promise<string>;
}

export const RENDERERS = {
  text: {
    description: 'the terminal report: headline, components, frameworks, next steps',
    render: async (report, options) =>
      (await import('./text.js')).renderText(report, { color: options.color === true }),
  },
  json: {
    description: 'the report other tools read (docs/report-format.md)',
    render: async (report) => (await import('./json.js')).renderJson(report),
  },
  markdown: {
    description: 'what a check run shows',
    render: async (report) => (await import('./markdown.js')).renderMarkdown(report) + '\n',
  },
  sarif: {
    description: 'SARIF 2.1.0 for code scanning',
    render: async (report) => (await import('./sarif.js')).renderSarifJson(report),
  },
} satisfies Record<string, FormatEntry>;

export type Format = keyof typeof RENDERERS;
export const FORMATS = Object.keys(RENDERERS) as Format[];

export function isFormat(value: string): value is Format {
  return Object.hasOwn(RENDERERS, value);
}

/** The report in a format, ending with a newline. */
export async function renderReport(report: Report, format: Format, options: RenderOptions = {}): Promise<string> {
  const out = await RENDERERS[format].render(report, options);
  return out.endsWith('\n') ? out : out + '\n';
}
