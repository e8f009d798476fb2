// Evidence: facts with provenance, never verdicts. Criteria turn evidence into statuses.
import type { ComponentId, ComponentKind } from '../catalog.js';

export type EvidenceKind = 'file' | 'card-field' | 'card-section' | 'link' | 'hub' | 'declaration';

/** One fact and where it came from. Serialised as-is into the JSON report. */
export interface Evidence {
  kind: EvidenceKind;
  /** Repository path (file, card, declaration source). */
  path?: string;
  /** 1-based line in `path`. */
  line?: number;
  /** Front-matter field name (`license`, `datasets`...) for `card-field`. */
  field?: string;
  /** Normalised heading for `card-section`. */
  section?: string;
  /** URL for `link` / `hub` / `declaration`. */
  url?: string;
  /** SPDX id (or LicenseRef-) this fact carries, when it is about a license. */
  license?: string;
  /** Short free text: what was seen ("3 shards, 13.5 GB", "gated"). */
  note?: string;
}

export type LinkKind = 'hub-model' | 'hub-dataset' | 'arxiv' | 'doi' | 'github' | 'paper-venue' | 'other';

export interface Link {
  kind: LinkKind;
  url: string;
  /** For hub-model / hub-dataset / github: `owner/name`; for arxiv: the id; for doi: the DOI. */
  id?: string;
  path: string;
  line: number;
  /** Normalised heading of the section the link sits in, '' before any heading. */
  section: string;
  /** Text of the line, trimmed and cut to 200 chars, for classification by the criteria. */
  context: string;
  /**
   * For a link in a list, the line that introduces the list ("Technical reports:", "**Paper**:"),
   * which says what every item under it is; cut to 200 chars.
   */
  leadIn?: string;
}

export interface CardSection {
  /** The document the section is in (a release's card can span several documents). */
  path: string;
  /** Heading text, lower-cased, `[optional]` and punctuation stripped, spaces collapsed. */
  heading: string;
  level: number;
  /** 1-based line of the heading. */
  line: number;
  body: string;
  /** The text before the first sub-heading (the body without its sub-sections). */
  ownBody: string;
  /** False when the body is empty or only the template placeholder. */
  documented: boolean;
}

/** One document of a model card: its path, where its body starts and the body. */
export interface CardPart {
  path: string;
  bodyLine: number;
  body: string;
}

export interface ModelCard {
  /** The primary document: the one whose front matter the card's fields come from. */
  path: string;
  /** Parsed front matter (a plain object) or null when absent or invalid. */
  frontMatter: Record<string, unknown> | null;
  /** 1-based line of each top-level front-matter key. */
  fieldLines: Record<string, number>;
  /** Line where the body starts (after the front matter). */
  bodyLine: number;
  body: string;
  sections: CardSection[];
  links: Link[];
  /**
   * The documents merged into this card, primary first (README.md, MODEL_CARD.md,
   * model_cards/*.md...). `body` is their bodies joined; line-based readers walk the parts.
   */
  parts: CardPart[];
}

export type LicenseFamily =
  | 'osi' // OSI-approved software license
  | 'open-data' // open data / content license
  | 'restricted-use' // RAIL / OpenRAIL / ImpACT: use-based restrictions
  | 'restricted-vendor' // Llama, Gemma, vendor model terms
  | 'restricted-nc' // non-commercial, no-derivatives, research-only
  | 'unknown';

export interface LicenseInfo {
  /** SPDX id, or `LicenseRef-<name>` for licenses without one. */
  id: string;
  family: LicenseFamily;
}

/** A license that applies somewhere in the repository, and why we think so. */
export interface LicenseFact extends LicenseInfo {
  /** Folder the license governs: '.' for the root, `sub/dir` for a sub-folder LICENSE. */
  scope: string;
  /** Where the fact comes from: card field, LICENSE file, declaration. */
  evidence: Evidence;
  /** For identified texts: similarity score 0..1. */
  confidence?: number;
  /** Kinds of artifact the license is limited to (LICENSE-CODE, LICENSE-MODEL); absent = everything. */
  kinds?: ComponentKind[];
}

/** A declaration from config: an artifact published elsewhere. */
export interface Declaration {
  component: ComponentId;
  location: string;
  license?: string;
  note?: string;
}

export interface Problem {
  severity: 'error' | 'warning' | 'note';
  path?: string;
  line?: number;
  message: string;
  /** Stable id for SARIF rules and tests (e.g. `front-matter-invalid`). */
  ruleId?: string;
}
