// No source line over 120 characters, except where a string literal or a URL makes it so
// (prettier does not break strings, and a broken URL is worse than a long line). Regular
// expressions in sources are not exempt: long ones are written over several lines with
// rx`` (src/core/rx.ts); in tests a regex is the expected text, exempt like a string.
//
//   node scripts/check-lines.mjs [folders or files...]     exit 1 and list the lines when any is over
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

const WIDTH = 120;
const folders = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['src', 'test', 'scripts', 'bench'];
const SKIP = new Set(['node_modules', 'fixtures', 'lib', 'dist']);
const EXTENSIONS = /\.(ts|mjs|js)$/;

function filesUnder(dir) {
  if (!statSync(dir).isDirectory()) return [dir];
  const out = [];
  for (const name of readdirSync(dir)) {
    if (SKIP.has(name)) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...filesUnder(path));
    else if (EXTENSIONS.test(name)) out.push(path);
  }
  return out;
}

const STRING_KINDS = new Set([
  ts.SyntaxKind.StringLiteral,
  ts.SyntaxKind.NoSubstitutionTemplateLiteral,
  ts.SyntaxKind.TemplateHead,
  ts.SyntaxKind.TemplateMiddle,
  ts.SyntaxKind.TemplateTail,
]);

/** Character ranges [start, end) of the file's string literals and template pieces. */
function stringRanges(text, regexToo) {
  const ranges = [];
  const sf = ts.createSourceFile('x.ts', text, ts.ScriptTarget.Latest, true);
  const visit = (node) => {
    const literal = STRING_KINDS.has(node.kind) || (regexToo && node.kind === ts.SyntaxKind.RegularExpressionLiteral);
    if (literal) ranges.push([node.getStart(sf), node.getEnd()]);
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return ranges;
}

const URL = /\bhttps?:\/\/\S+/g;
const long = [];
let checked = 0;
for (const folder of folders) {
  for (const file of filesUnder(folder)) {
    const text = readFileSync(file, 'utf8');
    checked++;
    if (!text.split('\n').some((l) => l.length > WIDTH)) continue;
    const ranges = stringRanges(text, /(^|\/)test\//.test(file));
    let offset = 0;
    text.split('\n').forEach((line, i) => {
      const start = offset;
      offset += line.length + 1;
      if (line.length <= WIDTH) return;
      // What the line would measure without its strings and URLs.
      let exempt = 0;
      for (const [a, b] of ranges) exempt += Math.max(0, Math.min(b, start + line.length) - Math.max(a, start));
      if (exempt === 0) for (const m of line.matchAll(URL)) exempt += m[0].length;
      if (line.length - exempt > WIDTH - 20) long.push(`${file}:${i + 1}: ${line.length} characters`);
    });
  }
}
if (long.length > 0) {
  console.error(`${long.length} line(s) over ${WIDTH} characters that no string or URL explains:`);
  for (const l of long) console.error(`  ${l}`);
  // exitCode, not exit(): a piped stderr would lose what is still buffered.
  process.exitCode = 1;
} else console.log(`check-lines: ${checked} files, no line over ${WIDTH} characters (strings and URLs aside)`);
