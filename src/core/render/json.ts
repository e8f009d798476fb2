// The JSON report, written with the key order of docs/report-format.md so diffs between
// two runs show real changes only. JSON.stringify cannot do that by itself: it orders
// integer-like keys ("3", "2", "1" of MOF progress) ascending, whatever the object says.
// Keys the order does not know (fields added later) follow the known ones, as given.
import { COMPONENT_IDS } from '../catalog.js';
import type { Report } from '../report.js';

/** How to order one object's keys and, per key, how to order the value below it. */
interface Shape {
  keys?: readonly string[];
  /** Shape for each child under a key; for arrays, the shape of every element. */
  children?: Record<string, Shape>;
  /** Shape for every value of a record whose keys are data (components, grades). */
  values?: Shape;
}

const EVIDENCE: Shape = { keys: ['kind', 'path', 'line', 'field', 'section', 'url', 'license', 'note'] };

const COMPONENT: Shape = {
  keys: ['status', 'license', 'messageId', 'message', 'evidence', 'data', 'verifiedOnline', 'claim'],
  children: { evidence: EVIDENCE, claim: { keys: ['status', 'license', 'via', 'host', 'target'] } },
};

const PER_CLASS: Shape = { keys: ['3', '2', '1'] };

const MODEL: Shape = {
  keys: ['path', 'name', 'ladder', 'frameworks', 'components', 'lineage', 'requirement'],
  children: {
    ladder: {
      keys: ['level', 'missing', 'headline', 'cappedBy', 'claimed'],
      children: { cappedBy: { keys: ['model', 'level'] }, claimed: { keys: ['level', 'unverified'] } },
    },
    frameworks: {
      keys: ['mof', 'osaid', 'osaiIndex'],
      children: {
        mof: {
          keys: ['class', 'progress', 'missing', 'warnings'],
          children: { progress: PER_CLASS, missing: PER_CLASS },
        },
        osaid: { keys: ['conformant', 'missing', 'notes'] },
        osaiIndex: { keys: ['score', 'grades'] },
      },
    },
    components: { keys: COMPONENT_IDS, values: COMPONENT },
    lineage: {
      keys: ['model', 'depth', 'resolved', 'weights', 'trainingData', 'level', 'note'],
      children: { weights: COMPONENT, trainingData: COMPONENT },
    },
    requirement: { keys: ['requirement', 'met', 'reason', 'unverified'] },
  },
};

const REPORT: Shape = {
  keys: ['schemaVersion', 'tool', 'subject', 'models', 'problems', 'online'],
  children: {
    tool: { keys: ['name', 'version'] },
    subject: { keys: ['source', 'location', 'revision'] },
    models: MODEL,
    problems: { keys: ['severity', 'path', 'line', 'message', 'ruleId'] },
  },
};

function orderedKeys(value: Record<string, unknown>, shape: Shape | undefined): string[] {
  const present = Object.keys(value);
  if (!shape?.keys) return present;
  const known = shape.keys.filter((k) => Object.hasOwn(value, k));
  return [...known, ...present.filter((k) => !shape.keys!.includes(k))];
}

function write(value: unknown, shape: Shape | undefined, indent: string): string | undefined {
  if (value === undefined || typeof value === 'function' || typeof value === 'symbol') return undefined;
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    // Like JSON.stringify: holes and undefined become null inside arrays.
    const items = value.map((item) => write(item, shape, inner) ?? 'null');
    return `[\n${items.map((item) => inner + item).join(',\n')}\n${indent}]`;
  }
  const record = value as Record<string, unknown>;
  if (typeof (record as { toJSON?: unknown }).toJSON === 'function') {
    return write((record as { toJSON: () => unknown }).toJSON(), shape, indent);
  }
  const parts: string[] = [];
  for (const key of orderedKeys(record, shape)) {
    const childShape = shape?.children?.[key] ?? shape?.values;
    const text = write(record[key], childShape, inner);
    if (text !== undefined) parts.push(`${inner}${JSON.stringify(key)}: ${text}`);
  }
  return parts.length === 0 ? '{}' : `{\n${parts.join(',\n')}\n${indent}}`;
}

/** The report as JSON: contract key order, 2-space indent, trailing newline. */
export function renderJson(report: Report): string {
  return `${write(report, REPORT, '')}\n`;
}
