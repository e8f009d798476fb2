// What the engine reads of the configuration: the folders that are models, declarations,
// components that do not apply, the Hub release and a requirement. The configuration layer
// (src/config/) validates `.github/truly-open.yml` into a Config that has this shape; the
// engine depends on the shape, not on the layer.
import type { ComponentId } from './catalog.js';
import type { Requirement } from './frameworks/requirements.js';

export interface EngineConfig {
  /** Folders that hold a model; absent: found from cards and weights. */
  models?: readonly (string | { path: string; name?: string | undefined })[] | undefined;
  /** Artifacts published elsewhere, per component. */
  declarations?:
    | Partial<Record<ComponentId, { location: string; license?: string | undefined; note?: string | undefined }>>
    | undefined;
  /** Components that do not apply, with the reason. */
  'not-applicable'?: Partial<Record<ComponentId, string>> | undefined;
  /** The Hugging Face model repository this repository releases. */
  huggingface?: string | undefined;
  require?: Requirement | undefined;
}
