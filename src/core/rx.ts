// Long regular expressions (vocabularies of words and phrases) written over several lines.
//
//   const DATA_WORDS = rx('i')`
//     \b(corpus|corpora|
//     datasets?)\b`;
//
// A line break and the indentation after it are dropped; nothing else is: the pattern is the
// concatenation of the lines, read raw (backslashes as in a regex literal). Break a line after
// a `|` and never before a space that belongs to the pattern.

const LINE_BREAK = /\n[ \t]*/g;

export function rx(flags = ''): (strings: TemplateStringsArray) => RegExp {
  return (strings) => {
    if (strings.raw.length !== 1) throw new Error('rx: a pattern takes no ${} substitutions');
    return new RegExp(strings.raw[0]!.replace(LINE_BREAK, ''), flags);
  };
}
