// Annotations drawn on the article text, displaCy-style: actors, event triggers, quotes (with their
// speakers and cues), claims, dates and places, each kind in its own colour. Clicking a piece of
// text shows every record covering it in the details panel.

import { append, clear, corpusEventHref, eventHref, h, href } from "./dom";
import { Actor, Extraction, QUAD_CLASSES, Span, CorpusLink } from "./records";

export type Kind = "actor" | "event" | "quote" | "speaker" | "cue" | "claim" | "date" | "place";
export const KINDS: { kind: Kind; label: string }[] = [
  { kind: "actor", label: "Actors" }, { kind: "event", label: "Event triggers" }, { kind: "quote", label: "Quotes" },
  { kind: "speaker", label: "Speakers" }, { kind: "claim", label: "Claims" }, { kind: "date", label: "Dates" },
  { kind: "place", label: "Places" },
];

interface Annotation {
  kind: Kind;
  start: number;
  end: number;
  id: string; // the record's id in the extraction
  links: number[]; // other annotations shown together with this one (a quote's speaker and cue)
  extraClass?: string;
}

export interface Highlighted {
  element: HTMLElement;
  select(kind: Kind, id: string): boolean;
}

export function annotations(x: Extraction): Annotation[] {
  const out: Annotation[] = [];
  const add = (kind: Kind, span: Span | null | undefined, id: string, extraClass?: string): number => {
    if (!span || span[1] <= span[0]) return -1;
    out.push({ kind, start: span[0], end: span[1], id, links: [], extraClass });
    return out.length - 1;
  };
  for (const a of x.actors) for (const m of a.mentions || []) add("actor", m, a.id, `kind-${a.kind}`);
  for (const e of x.events) {
    const flags = [e.negated && "negated", e.hypothetical && "hypothetical", e.historical && "historical"].filter(Boolean).join(" ");
    add("event", e.trigger, e.id, `quad-${e.quad_class ?? 0} ${flags}`);
  }
  for (const q of x.quotes) {
    const parts = [add("quote", q.content_span, q.id, `quote-${q.kind}`), add("speaker", q.speaker_span, q.id), add("cue", q.cue_span, q.id)]
      .filter((i) => i >= 0);
    for (const i of parts) out[i].links = parts.filter((j) => j !== i);
  }
  for (const c of x.claims) add("claim", c.evidence, c.id, c.hedged ? "hedged" : undefined);
  for (const d of x.dates) add("date", d.span, d.id);
  for (const p of x.places) add("place", p.span, p.id);
  return out;
}

/** The text as nodes: plain Text for uncovered stretches, a span per stretch covered by the same
 * set of annotations. Text always goes in as Text nodes, never as HTML. */
export function highlight(text: string, x: Extraction, details: HTMLElement, articleId: string | null,
                          corpus: Record<string, CorpusLink> = {}): Highlighted {
  const anns = annotations(x);
  const cuts = new Set<number>([0, text.length]);
  for (const a of anns) {
    cuts.add(Math.max(0, Math.min(text.length, a.start)));
    cuts.add(Math.max(0, Math.min(text.length, a.end)));
  }
  const bounds = [...cuts].sort((a, b) => a - b);
  const element = h("div", { class: "article-text", "data-testid": "article-text" });
  const segmentsOf = new Map<number, HTMLElement[]>();
  for (let i = 0; i + 1 < bounds.length; i++) {
    const [from, to] = [bounds[i], bounds[i + 1]];
    const piece = text.slice(from, to);
    const covering = anns.map((a, j) => [a, j] as const).filter(([a]) => a.start <= from && a.end >= to);
    if (!covering.length) {
      element.appendChild(document.createTextNode(piece));
      continue;
    }
    const classes = new Set(["hl"]);
    for (const [a] of covering) {
      classes.add(`hl-${a.kind}`);
      if (a.extraClass) for (const c of a.extraClass.split(" ")) if (c) classes.add(c);
    }
    const segment = h("span", { class: [...classes].join(" "), "data-from": from, "data-anns": covering.map(([, j]) => j).join(",") }, piece);
    for (const [, j] of covering) {
      if (!segmentsOf.has(j)) segmentsOf.set(j, []);
      segmentsOf.get(j)!.push(segment);
    }
    element.appendChild(segment);
  }
  const indicesOf = (el: Element): number[] => (el.getAttribute("data-anns") || "").split(",").filter(Boolean).map(Number);
  const mark = (indices: number[], cls: string, on: boolean) => {
    for (const j of indices) for (const seg of segmentsOf.get(j) || []) seg.classList.toggle(cls, on);
  };
  const show = (indices: number[]) => {
    element.querySelectorAll(".selected").forEach((s) => s.classList.remove("selected"));
    mark(indices, "selected", true);
    clear(details);
    const order: Kind[] = ["event", "actor", "speaker", "quote", "cue", "claim", "date", "place"];
    const seen = new Set<string>();
    for (const kind of order) {
      for (const j of indices) {
        const a = anns[j];
        const key = `${a.kind === "speaker" || a.kind === "cue" ? "quote" : a.kind}:${a.id}`;
        if (a.kind !== kind || seen.has(key)) continue;
        seen.add(key);
        details.appendChild(card(a, x, articleId, corpus));
      }
    }
  };
  element.addEventListener("mouseover", (ev) => {
    const seg = (ev.target as Element).closest(".hl");
    if (seg) mark(indicesOf(seg).flatMap((j) => anns[j].links), "linked", true);
  });
  element.addEventListener("mouseout", (ev) => {
    const seg = (ev.target as Element).closest(".hl");
    if (seg) mark(indicesOf(seg).flatMap((j) => anns[j].links), "linked", false);
  });
  element.addEventListener("click", (ev) => {
    const seg = (ev.target as Element).closest(".hl");
    if (!seg) return;
    const indices = indicesOf(seg);
    show([...indices, ...indices.flatMap((j) => anns[j].links)]);
  });
  return {
    element,
    select(kind: Kind, id: string): boolean {
      const j = anns.findIndex((a) => a.kind === kind && a.id === id);
      if (j < 0) return false;
      show([j, ...anns[j].links]);
      segmentsOf.get(j)?.[0]?.scrollIntoView({ block: "center" });
      return true;
    },
  };
}

/** The legend, whose checkboxes hide or show a kind of highlight. */
export function legend(container: HTMLElement): HTMLElement {
  return h("div", { class: "legend", "aria-label": "highlight legend" },
    ...KINDS.map(({ kind, label }) =>
      h("label", { class: `legend-item hl-${kind}` },
        h("input", { type: "checkbox", checked: true, "data-kind": kind,
          onchange: (e: Event) => container.classList.toggle(`hide-${kind}`, !(e.target as HTMLInputElement).checked) }),
        label)));
}

export function actorLabel(actors: Actor[], id: string | null | undefined): string {
  if (!id) return "—";
  const a = actors.find((x) => x.id === id);
  return a ? (a.cameo_code ? `${a.name} (${a.cameo_code})` : a.name) : id;
}

function row(label: string, ...value: (Node | string | number | null | undefined)[]): HTMLElement[] {
  const shown = value.filter((v) => v !== null && v !== undefined && v !== "");
  return shown.length ? [h("dt", {}, label), h("dd", {}, ...shown)] : [];
}

function chips(flags: [string, boolean | null | undefined][]): HTMLElement | null {
  const on = flags.filter(([, v]) => v);
  return on.length ? h("span", { class: "chips" }, ...on.map(([name]) => h("span", { class: `chip chip-${name.split(" ")[0]}`, "data-flag": name.split(" ")[0] }, name))) : null;
}

function card(a: Annotation, x: Extraction, articleId: string | null, corpus: Record<string, CorpusLink>): HTMLElement {
  const dl = h("dl", {});
  const box = h("section", { class: `card card-${a.kind === "speaker" || a.kind === "cue" ? "quote" : a.kind}`, "data-testid": "details-card" });
  const actor = (id: string | null | undefined) => actorLabel(x.actors, id);
  if (a.kind === "event") {
    const e = x.events.find((r) => r.id === a.id)!;
    const date = x.dates.find((d) => d.id === e.date);
    const place = x.places.find((p) => p.id === e.place);
    append(box, h("h3", {}, `Event ${e.id}: ${e.plover ?? ""} `, h("code", { class: "cameo" }, `CAMEO ${e.cameo}`)));
    append(dl,
      ...row("source", actor(e.source)), ...row("target", actor(e.target)),
      ...row("quad class", e.quad_class ? `${e.quad_class} ${QUAD_CLASSES[e.quad_class]}` : null),
      ...row("Goldstein", e.goldstein), ...row("confidence", e.confidence),
      ...row("flags", chips([["negated", e.negated], ["hypothetical", e.hypothetical], ["historical", e.historical],
        [`attributed to ${actor(e.attributed_to)}`, !!e.attributed_to || !!e.attributed], ["reciprocal", e.reciprocal]]) ?? "none"),
      ...row("pattern", e.pattern ? h("code", { class: "pattern" }, e.pattern) : null),
      ...row("date", date ? `${date.value ?? "?"} (${date.precision ?? ""})` : null),
      ...row("place", place ? `${place.name}${place.country ? `, ${place.country}` : ""}` : null));
    box.appendChild(dl);
    if (articleId) {
      const key = `${articleId}/${e.id}`;
      box.appendChild(h("p", { class: "links" }, h("a", { href: eventHref(key) }, "event page"), " · ",
        h("a", { href: `/api/events/${encodeURIComponent(articleId)}/${encodeURIComponent(e.id)}` }, "JSON")));
      const link = corpus[e.id];
      if (link) box.appendChild(h("p", { class: "links", "data-testid": "card-corpus" },
        h("a", { href: corpusEventHref(link.id) }, link.n_articles > 1 ? `reported by ${link.n_articles} articles` : "corpus event"),
        ` (${link.n_mentions} mention${link.n_mentions > 1 ? "s" : ""}, ${link.n_sources} source${link.n_sources > 1 ? "s" : ""})`));
    }
  } else if (a.kind === "actor") {
    const r = x.actors.find((r) => r.id === a.id)!;
    append(box, h("h3", {}, `Actor: ${r.name}`));
    append(dl, ...row("kind", r.kind), ...row("CAMEO code", r.cameo_code ? h("code", {}, r.cameo_code) : null),
      ...row("country", r.country), ...row("sector", r.sector), ...row("role", r.role ?? null), ...row("mentions", r.mentions.length));
    box.appendChild(dl);
    if (r.cameo_code) box.appendChild(h("p", { class: "links" }, h("a", { href: href("/events", { actor: r.cameo_code }) }, `events of ${r.cameo_code}`)));
  } else if (a.kind === "quote" || a.kind === "speaker" || a.kind === "cue") {
    const q = x.quotes.find((r) => r.id === a.id)!;
    append(box, h("h3", {}, `Quote ${q.id} (${q.kind})`));
    append(dl, ...row("speaker", actor(q.speaker)), ...row("cue", q.cue_class ?? null));
    box.appendChild(dl);
  } else if (a.kind === "claim") {
    const c = x.claims.find((r) => r.id === a.id)!;
    const qty = c.quantity;
    append(box, h("h3", {}, `Claim ${c.id}`));
    append(dl, ...row("source", actor(c.source)), ...row("about", c.about ? actor(c.about) : null),
      ...row("hedged", c.hedged ? `yes${c.hedges?.length ? ` (${c.hedges.join(", ")})` : ""}` : "no"),
      ...row("quantity", qty ? `${qty.approximate ? "≈ " : ""}${qty.value ?? [qty.low, qty.high].map((v) => v ?? "?").join("–")} ${qty.unit ?? ""}` : null));
    box.appendChild(dl);
  } else if (a.kind === "date") {
    const d = x.dates.find((r) => r.id === a.id)!;
    append(box, h("h3", {}, `Date: ${d.value ?? "unresolved"}`));
    append(dl, ...row("from", d.start), ...row("to", d.end), ...row("precision", d.precision),
      ...row("relative", d.relative ? "yes (resolved against the publication date)" : null));
    box.appendChild(dl);
  } else if (a.kind === "place") {
    const p = x.places.find((r) => r.id === a.id)!;
    append(box, h("h3", {}, `Place: ${p.name}`));
    append(dl, ...row("country", p.country), ...row("coordinates", p.lat !== null && p.lon !== null ? `${p.lat}, ${p.lon}` : null),
      ...row("GeoNames id", p.geonameid), ...row("feature", p.feature ?? null));
    box.appendChild(dl);
  }
  return box;
}
