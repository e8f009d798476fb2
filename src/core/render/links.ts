// Where the component docs live. Renderers take the base URL as an option so a fork or a
// self-hosted install can point at its own docs; this default is the project's own tree.
import type { ComponentId } from '../catalog.js';

export const DEFAULT_DOCS_BASE_URL = 'https://github.com/truly-open/truly-open/blob/main/docs/components';
export const INFORMATION_URI = 'https://github.com/truly-open/truly-open';

export function componentDocUrl(docsBaseUrl: string, id: ComponentId): string {
  return `${docsBaseUrl.replace(/\/+$/, '')}/${id}.md`;
}
