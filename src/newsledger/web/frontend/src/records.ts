// The extraction record of the output contract (DESIGN.md), as the API returns it.

export type Span = [number, number];

export interface Actor {
  id: string; name: string; kind: string; country: string | null; sector: string | null;
  cameo_code: string | null; mentions: Span[]; role?: string | null;
}
export interface EventRecord {
  id: string; sentence: number; source: string | null; target: string | null; cameo: string; cameo_root: string;
  plover: string | null; quad_class: number | null; goldstein: number | null; trigger: Span | null; evidence: Span | null;
  negated: boolean; hypothetical: boolean; historical: boolean; attributed_to: string | null; attributed?: boolean;
  date: string | null; place: string | null; confidence: number | null; reciprocal?: boolean; pattern?: string | null;
}
export interface Quote {
  id: string; speaker: string | null; speaker_span: Span | null; cue_span: Span | null; content_span: Span | null;
  kind: string; cue_class?: string | null;
}
export interface Quantity {
  value: number | null; low: number | null; high: number | null; unit: string | null; approximate: boolean; span: Span | null;
}
export interface Claim {
  id: string; source: string | null; evidence: Span | null; about: string | null; hedged: boolean;
  quantity: Quantity | null; quote?: string | null; hedges?: string[];
}
export interface TimeRef {
  id: string; span: Span; text?: string; value: string | null; start: string | null; end: string | null; precision: string | null;
  relative?: boolean; unresolved?: boolean;
}
export interface Place {
  id: string; span: Span; name: string; country: string | null; lat: number | null; lon: number | null;
  geonameid: number | null; feature?: string | null;
}
export interface Extraction {
  id: string; published: string | null; title?: string | null; sentences: Span[];
  actors: Actor[]; events: EventRecord[]; quotes: Quote[]; claims: Claim[]; dates: TimeRef[]; places: Place[];
}
export interface ArticleOut {
  id: string; title: string | null; url: string | null; outlet: string | null; published: string | null;
  language: string | null; text: string; sha256: string; extraction: Extraction;
  /** the corpus event each of the article's events joined, by event id */
  corpus_events?: Record<string, CorpusLink>;
}

export interface CorpusLink { id: string; n_articles: number; n_mentions: number; n_sources: number }

export const QUAD_CLASSES: Record<number, string> = {
  1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict",
};
