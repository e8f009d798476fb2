// Which renderer prints the report into the step log (`format` input). The job summary
// is always Markdown and the report file always JSON, whatever this says.
import type { Report } from '../core/report.js';
import { renderJson } from '../core/render/json.js';
import { renderMarkdown } from '../core/render/markdown.js';
import { renderSarifJson } from '../core/render/sarif.js';
import { renderText } from '../core/render/text.js';
import type { Format } from './commands.js';

export function renderFormat(report: Report, format: Format): string {
  switch (format) {
    case 'json':
      return renderJson(report);
    case 'markdown':
      return renderMarkdown(report);
    case 'sarif':
      return renderSarifJson(report);
    case 'text':
      // The log is not a TTY: no colour codes.
      return renderText(report, { color: false });
  }
}
