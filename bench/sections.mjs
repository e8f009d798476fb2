// BENCHMARKS.md holds one part per benchmark: the engine's (bench/run.mjs) at the top, and
// sections that start with a `## ` heading (bench/app.mjs). Each writer replaces only its
// own part, so running one benchmark keeps the other's results.
import fs from 'node:fs';

function read(file) {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

/** Everything from the first `## ` section on (what the top part must keep). */
function sectionsOf(text) {
  const at = text.search(/^## /m);
  return at === -1 ? '' : text.slice(at);
}

/** Replaces the part above the first `## ` section (the engine benchmark's). */
export function writeTop(file, markdown) {
  const rest = sectionsOf(read(file));
  fs.writeFileSync(file, rest ? `${markdown.trimEnd()}\n\n${rest}` : markdown);
}

/** Replaces the section whose heading is `heading` (`## ...`), or appends it. */
export function writeSection(file, heading, body) {
  const text = read(file) || '# Benchmarks\n';
  const section = `${heading}\n\n${body.trim()}\n`;
  const start = text.indexOf(`${heading}\n`);
  if (start === -1) {
    fs.writeFileSync(file, `${text.trimEnd()}\n\n${section}`);
    return;
  }
  const after = text.slice(start + heading.length + 1);
  const next = after.search(/^## /m);
  const tail = next === -1 ? '' : `\n${after.slice(next)}`;
  fs.writeFileSync(file, `${text.slice(0, start)}${section}${tail}`);
}
