import { rx } from '../rx.js';
// Folders whose contents are not the release itself, by name. Shared by the model finder
// (gather.ts) and the artifact classifier (artifacts.ts) so both agree on what is the release.

/** Copies of other projects: their code, weights and licenses are not the release's own. */
export const VENDORED_DIR_RE = rx('i')`
    (^|\/)(node_modules|third[-_]?party|3rd[-_]?party|vendor(ed)?|externals?|dependencies|submodules|site-packages|
    \.venv|venv)\/`;

/**
 * Tests and what they load, and examples: a tiny model with weights and a card in
 * `tests/fixtures/` or `test_fixtures/` is there to test the code, not the model released.
 */
export const TEST_DIR_RE = rx('i')`
    (^|\/)(tests?|test[_-][^/]*|[^/]*[_-]tests?|unit[_-]?tests?|__tests__|testdata|testing|spec|fixtures?|
    [^/]*[_-]fixtures?|examples?)\/`;

/** Whether a folder (no trailing slash) is vendored or a test / example folder. */
export function notReleaseFolder(dir: string): boolean {
  const d = dir + '/';
  return VENDORED_DIR_RE.test(d) || TEST_DIR_RE.test(d);
}
