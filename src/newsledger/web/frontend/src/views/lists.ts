// The record lists (articles, events, quotes, claims, actors): a filter form with the CLI's filter
// names, a table sorted by clicking a column header, and pages. The state lives in the URL, so the
// page's JSON twin link always shows the same records.

import { getJSON, Page } from "../api";
import { append, articleHref, clear, corpusEventHref, eventHref, h, href, message } from "../dom";
import { QUAD_CLASSES } from "../records";

type Row = Record<string, any>;
interface Column {
  key: string;
  label: string;
  cell?: (row: Row) => Node | string;
  sortable?: boolean;
}
interface Filter {
  name: string;
  label: string;
  type?: "text" | "date" | "select" | "checkbox";
  options?: [string, string][];
  placeholder?: string;
}
export interface ListSpec {
  title: string;
  api: string;
  columns: Column[];
  filters: Filter[];
  onRow?: (row: Row, tr: HTMLTableRowElement) => void;
}

const DATES: Filter[] = [{ name: "since", label: "since", type: "date" }, { name: "until", label: "until", type: "date" }];
const TEXT: Filter = { name: "text", label: "text has", placeholder: "words" };
const ACTOR: Filter = { name: "actor", label: "actor", placeholder: "RUS or putin" };
const quadOptions: [string, string][] = [["", "any"], ...Object.entries(QUAD_CLASSES).map(([k, v]) => [k, `${k} ${v}`] as [string, string])];

const link = (path: string, text: unknown) => h("a", { href: path }, String(text ?? ""));
const actorCell = (name: string, code: string) => (row: Row) =>
  row[name] || row[code] ? h("span", {}, String(row[name] ?? ""), row[code] ? h("code", { class: "code" }, String(row[code])) : null) : "—";
const flags = (row: Row) =>
  h("span", { class: "chips" }, ...["negated", "hypothetical", "historical", "attributed"].filter((f) => row[f]).map((f) => h("span", { class: `chip chip-${f}` }, f)));

/** Who did what to whom, and where: the columns per-article and corpus events share. */
const EVENT_CODES: Column[] = [
  { key: "source_name", label: "source", cell: actorCell("source_name", "source_code") },
  { key: "cameo", label: "CAMEO", cell: (r) => h("code", {}, String(r.cameo)) },
  { key: "plover", label: "type" },
  { key: "quad_class", label: "quad", cell: (r) => h("span", { class: `quad quad-${r.quad_class}`, title: QUAD_CLASSES[r.quad_class] ?? "" }, String(r.quad_class ?? "")) },
  { key: "target_name", label: "target", cell: actorCell("target_name", "target_code") },
  { key: "place_name", label: "place" },
];

export const LISTS: Record<string, ListSpec> = {
  articles: {
    title: "Articles", api: "/api/articles",
    columns: [
      { key: "published", label: "published" },
      { key: "title", label: "title", cell: (r) => link(articleHref(r.article_id), r.title || r.article_id) },
      { key: "outlet", label: "outlet" }, { key: "n_events", label: "events" }, { key: "n_quotes", label: "quotes" },
      { key: "article_id", label: "id" },
    ],
    filters: [...DATES, { ...TEXT, label: "title has" }],
  },
  events: {
    title: "Events", api: "/api/events",
    columns: [
      { key: "date_start", label: "date" },
      ...EVENT_CODES,
      { key: "negated", label: "flags", cell: flags, sortable: false },
      { key: "evidence_text", label: "evidence" },
      { key: "article_id", label: "article", cell: (r) => link(articleHref(r.article_id) + `#${r.event_id}`, r.title || r.article_id) },
    ],
    filters: [ACTOR, { name: "target", label: "target", placeholder: "code or name" }, { name: "type", label: "type", placeholder: "ASSAULT" },
      { name: "cameo", label: "CAMEO", placeholder: "19" }, { name: "quad_class", label: "quad class", type: "select", options: quadOptions },
      { name: "place", label: "place" }, ...DATES, TEXT, { name: "all", label: "include negated/hypothetical", type: "checkbox" }],
    onRow: toggleEvidence,
  },
  quotes: {
    title: "Quotes", api: "/api/quotes",
    columns: [
      { key: "published", label: "published" },
      { key: "speaker_name", label: "speaker", cell: actorCell("speaker_name", "speaker_code") },
      { key: "kind", label: "kind" }, { key: "cue_text", label: "cue" }, { key: "content_text", label: "quote" },
      { key: "article_id", label: "article", cell: (r) => link(articleHref(r.article_id) + `#${r.quote_id}`, r.title || r.article_id) },
    ],
    filters: [{ ...ACTOR, label: "speaker" }, { name: "kind", label: "kind", type: "select", options: [["", "any"], ["direct", "direct"], ["indirect", "indirect"], ["mixed", "mixed"]] }, ...DATES, TEXT],
  },
  claims: {
    title: "Claims", api: "/api/claims",
    columns: [
      { key: "published", label: "published" },
      { key: "source_name", label: "source", cell: actorCell("source_name", "source_code") },
      { key: "about_name", label: "about", cell: actorCell("about_name", "about_code") },
      { key: "value", label: "value", cell: (r) => (r.value ?? ([r.low, r.high].some((v) => v !== null) ? `${r.low ?? "?"}–${r.high ?? "?"}` : "")) + (r.unit ? ` ${r.unit}` : "") },
      { key: "hedged", label: "hedged", cell: (r) => (r.hedged ? "hedged" : "") },
      { key: "evidence_text", label: "evidence" },
      { key: "article_id", label: "article", cell: (r) => link(articleHref(r.article_id) + `#${r.claim_id}`, r.title || r.article_id) },
    ],
    filters: [{ ...ACTOR, label: "source" }, { name: "target", label: "about" }, { name: "kind", label: "quantity kind" }, ...DATES, TEXT],
  },
  corpus_events: {
    title: "Corpus events", api: "/api/events?merged=true",
    columns: [
      { key: "date_start", label: "date", cell: (r) => link(corpusEventHref(r.id), r.date_start === r.date_end || !r.date_end ? r.date_start ?? "undated" : `${r.date_start} – ${r.date_end}`) },
      ...EVENT_CODES,
      { key: "n_articles", label: "articles" }, { key: "n_sources", label: "outlets" }, { key: "n_mentions", label: "mentions" },
      { key: "evidence_text", label: "evidence" },
    ],
    filters: [ACTOR, { name: "target", label: "target", placeholder: "code or name" }, { name: "type", label: "type", placeholder: "ASSAULT" },
      { name: "cameo", label: "CAMEO", placeholder: "19" }, { name: "place", label: "place" }, ...DATES, TEXT,
      { name: "min_articles", label: "reported by at least", type: "select", options: [["", "any number"], ["2", "2 articles"], ["3", "3 articles"], ["5", "5 articles"]] }],
    onRow: toggleReports,
  },
  claim_threads: {
    title: "Claim threads", api: "/api/claims?threads=true",
    columns: [
      { key: "about_name", label: "about", cell: actorCell("about_name", "about_code") },
      { key: "unit", label: "quantity", cell: (r) => [r.unit, r.unit_kind && r.unit_kind !== r.unit ? `(${r.unit_kind})` : ""].filter(Boolean).join(" ") },
      { key: "place_name", label: "place" },
      { key: "first_date", label: "from" }, { key: "last_date", label: "to" },
      { key: "min_value", label: "values", cell: (r) => r.min_value === r.max_value ? fmt(r.min_value) : `${fmt(r.min_value)} – ${fmt(r.max_value)}` },
      { key: "n_claims", label: "claims" }, { key: "n_sources", label: "outlets" },
      { key: "disagreement", label: "sources disagree", cell: (r) => (r.disagreement ? h("span", { class: "chip chip-disagree" }, "disagree") : "") },
    ],
    filters: [{ name: "target", label: "about", placeholder: "code or name" }, { name: "kind", label: "quantity kind", placeholder: "troops" }, ...DATES,
      { name: "disagreement", label: "only where sources disagree", type: "checkbox" }],
    onRow: toggleThread,
  },
  actors: {
    title: "Actors", api: "/api/actors",
    columns: [
      { key: "name", label: "name" }, { key: "cameo_code", label: "CAMEO", cell: (r) => (r.cameo_code ? h("code", {}, String(r.cameo_code)) : "") },
      { key: "kind", label: "kind" }, { key: "country", label: "country" }, { key: "sector", label: "sector" },
      { key: "n_articles", label: "articles" }, { key: "n_mentions", label: "mentions" },
      { key: "first_seen", label: "first seen" }, { key: "last_seen", label: "last seen" },
      { key: "events", label: "", sortable: false, cell: (r) => h("span", {},
        link(href("/events", { actor: r.cameo_code || r.name }), "events"), " · ",
        link(href("/timeline", { actor: r.cameo_code || r.name }), "timeline"), " · ",
        link(href("/network", { actor: r.cameo_code || r.name }), "network")) },
    ],
    filters: [{ ...ACTOR, label: "actor" }, { name: "kind", label: "kind", type: "select", options: [["", "any"], ["person", "person"], ["country", "country"], ["organization", "organization"], ["igo", "igo"], ["group", "group"]] }, ...DATES],
  },
};

export function filterForm(filters: Filter[], params: URLSearchParams, extra: Node[] = []): HTMLFormElement {
  const form = h("form", { class: "filters", method: "get", role: "search" });
  for (const f of filters) {
    let input: HTMLElement;
    const value = params.get(f.name) ?? "";
    if (f.type === "select") {
      input = h("select", { name: f.name }, ...(f.options || []).map(([v, label]) => h("option", { value: v, selected: v === value }, label)));
    } else if (f.type === "checkbox") {
      input = h("input", { type: "checkbox", name: f.name, value: "true", checked: value === "true" });
    } else {
      input = h("input", { type: f.type || "text", name: f.name, value, placeholder: f.placeholder ?? "" });
    }
    form.appendChild(h("label", {}, h("span", {}, f.label), input));
  }
  append(form, ...extra, h("button", { type: "submit" }, "Apply"));
  // Empty fields stay out of the URL, so the JSON twin shows only the filters in force.
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    const next = new URLSearchParams();
    for (const [k, v] of new FormData(form).entries()) if (String(v) !== "") next.set(k, String(v));
    const sort = params.get("sort");
    if (sort) next.set("sort", sort);
    location.search = next.toString();
  });
  return form;
}

export async function renderList(main: HTMLElement, spec: ListSpec): Promise<void> {
  const params = new URLSearchParams(location.search);
  clear(main);
  const status = h("p", { class: "total", "data-testid": "total" }, "loading…");
  const table = h("table", { class: "records", "data-testid": "records" });
  append(main, h("h1", {}, spec.title), filterForm(spec.filters, params), status, table);
  let page: Page<Row>;
  try {
    page = await getJSON<Page<Row>>(`${spec.api}${spec.api.includes("?") ? "&" : "?"}${params}`);
  } catch (err) {
    status.replaceWith(message(String((err as Error).message), "error"));
    return;
  }
  const sort = params.get("sort") ?? "";
  const head = h("tr", {}, ...spec.columns.map((c) => {
    if (c.sortable === false) return h("th", {}, c.label);
    const next = new URLSearchParams(params);
    next.set("sort", sort === c.key ? `-${c.key}` : c.key);
    next.delete("offset");
    const arrow = sort === c.key ? " ▲" : sort === `-${c.key}` ? " ▼" : "";
    return h("th", { "aria-sort": arrow ? (arrow.includes("▲") ? "ascending" : "descending") : null },
      h("a", { href: `?${next}`, class: "sort", "data-sort": c.key }, c.label + arrow));
  }));
  const body = h("tbody", {});
  for (const row of page.rows) {
    const tr = h("tr", { class: spec.onRow ? "clickable" : "" },
      ...spec.columns.map((c) => h("td", { class: `col-${c.key}` }, c.cell ? c.cell(row) : row[c.key] === null || row[c.key] === undefined ? "" : String(row[c.key]))));
    if (spec.onRow) tr.addEventListener("click", (ev) => {
      if ((ev.target as Element).closest("a")) return;
      spec.onRow!(row, tr);
    });
    body.appendChild(tr);
  }
  append(table, h("thead", {}, head), body);
  const shownTo = page.offset + page.rows.length;
  status.textContent = page.total
    ? `${page.offset + (page.rows.length ? 1 : 0)}–${shownTo} of ${page.total.toLocaleString("en")} ${spec.title.toLowerCase()}`
    : `no ${spec.title.toLowerCase()} match`;
  const pager = h("nav", { class: "pager" });
  const at = (offset: number) => { const p = new URLSearchParams(params); p.set("offset", String(Math.max(0, offset))); return `?${p}`; };
  if (page.offset > 0) pager.appendChild(h("a", { href: at(page.offset - page.limit), rel: "prev" }, "← previous"));
  if (shownTo < page.total) pager.appendChild(h("a", { href: at(shownTo), rel: "next" }, "next →"));
  main.appendChild(pager);
}

/** An events row opens a row below it with the evidence sentence, trigger marked, and its codes. */
async function toggleEvidence(row: Row, tr: HTMLTableRowElement): Promise<void> {
  const open = tr.nextElementSibling;
  if (open && open.classList.contains("evidence-row")) {
    open.remove();
    return;
  }
  const cell = h("td", { colspan: tr.children.length });
  tr.after(h("tr", { class: "evidence-row", "data-testid": "evidence-row" }, cell));
  cell.appendChild(message("loading…"));
  try {
    const found = await getJSON<any>(`/api/events/${encodeURIComponent(row.article_id)}/${encodeURIComponent(row.event_id)}`);
    clear(cell);
    cell.appendChild(evidenceBlock(found));
  } catch (err) {
    clear(cell);
    cell.appendChild(message((err as Error).message, "error"));
  }
}

/** The sentence behind an event with the trigger marked, its article, and where it was coded. */
export function evidenceBlock(found: any): HTMLElement {
  const e = found.event;
  const rec = found.record;
  const sentence: string = e.evidence_text ?? "";
  const quote = h("blockquote", { class: "evidence" });
  if (rec?.trigger && rec?.evidence && rec.trigger[0] >= rec.evidence[0]) {
    const from = rec.trigger[0] - rec.evidence[0];
    const to = rec.trigger[1] - rec.evidence[0];
    append(quote, sentence.slice(0, from), h("mark", { class: `hl hl-event quad-${e.quad_class}` }, sentence.slice(from, to)), sentence.slice(to));
  } else {
    append(quote, sentence);
  }
  const reports: any[] = found.reports || [];
  return h("div", { class: "evidence-block" }, quote,
    h("p", { class: "links" },
      h("a", { href: articleHref(e.article_id) + `#${e.event_id}` }, found.article?.title || e.article_id),
      found.article?.published ? ` (${found.article.published})` : "", " · ",
      h("a", { href: eventHref(e.key) }, "event page"), " · ",
      e.pattern ? h("code", { class: "pattern" }, e.pattern) : "no pattern"),
    reports.length ? h("ul", { class: "reports" }, ...reports.map((r) => h("li", {},
      h("a", { href: articleHref(r.article_id) + `#${r.event_id}` }, r.title || r.article_id), `: ${r.evidence_text ?? ""}`))) : null);
}

const fmt = (v: unknown) => (typeof v === "number" ? v.toLocaleString("en") : v === null || v === undefined ? "?" : String(v));

/** Opens a row below ``tr`` that ``fill`` completes; a second click closes it. */
async function toggleRow(tr: HTMLTableRowElement, testid: string, fill: (cell: HTMLElement) => Promise<void>): Promise<void> {
  const open = tr.nextElementSibling;
  if (open && open.classList.contains("evidence-row")) {
    open.remove();
    return;
  }
  const cell = h("td", { colspan: tr.children.length });
  tr.after(h("tr", { class: "evidence-row", "data-testid": testid }, cell));
  try {
    await fill(cell);
  } catch (err) {
    clear(cell);
    cell.appendChild(message((err as Error).message, "error"));
  }
}

/** A corpus event's row opens every report of it: the sentence, the article and why it joined. */
function toggleReports(row: Row, tr: HTMLTableRowElement): Promise<void> {
  return toggleRow(tr, "reports-row", async (cell) => {
    append(cell, reportList(row.mentions || []),
      h("p", { class: "links" }, h("a", { href: corpusEventHref(row.id) }, "corpus event page")));
  });
}

export function reportList(mentions: Row[]): HTMLElement {
  return h("ul", { class: "reports", "data-testid": "reports" }, ...mentions.map((m) => h("li", {},
    h("a", { href: articleHref(m.article_id) + `#${m.event_id}` }, m.title || m.article_id),
    m.published ? ` (${m.published}${m.outlet ? `, ${m.outlet}` : ""})` : m.outlet ? ` (${m.outlet})` : "", ": ",
    h("q", {}, String(m.evidence_text ?? "")),
    m.rule ? h("span", { class: "reason" }, ` — joined by ${m.rule}${m.reason ? `: ${m.reason}` : ""}`) : null)));
}

/** A claim thread's row opens its values over time (a chart) and each value's source and sentence. */
function toggleThread(row: Row, tr: HTMLTableRowElement): Promise<void> {
  return toggleRow(tr, "thread-row", async (cell) => {
    const values: Row[] = row.values || [];
    const chart = h("div", { class: "chart", "data-testid": "thread-chart" });
    const list = h("ol", { class: "thread-values" }, ...values.map((v) => h("li", {},
      h("strong", {}, v.value !== null ? fmt(v.value) : `${fmt(v.low)}–${fmt(v.high)}`), ` ${row.unit ?? ""} `,
      v.date ? `on ${v.date} ` : "", "according to ", v.source_name || v.source_code || "an unnamed source", " in ",
      h("a", { href: articleHref(v.article) + `#${v.claim_id}` }, v.article), ": ", h("q", {}, String(v.evidence_text ?? "")))));
    append(cell, chart, list);
    const dated = values.filter((v) => v.date && (v.value !== null || v.low !== null || v.high !== null));
    if (!dated.length) {
      chart.appendChild(message("No dated values to draw."));
      return;
    }
    const Plot = await import("@observablehq/plot");
    const data = dated.map((v) => ({
      date: new Date(v.date + "T00:00:00Z"), value: v.value ?? ((v.low ?? v.high) + (v.high ?? v.low)) / 2,
      low: v.low ?? v.value, high: v.high ?? v.value, source: v.source_name || v.source_code || "unnamed",
    }));
    chart.appendChild(Plot.plot({
      width: Math.max(480, tr.clientWidth - 40), height: 220, marginLeft: 60,
      x: { type: "utc", label: "date" }, y: { label: row.unit ?? "value", grid: true, zero: true },
      color: { legend: true },
      marks: [
        Plot.ruleX(data, { x: "date", y1: "low", y2: "high", stroke: "source" }),
        Plot.dot(data, { x: "date", y: "value", fill: "source", r: 5, tip: true } as any),
        Plot.line(data, { x: "date", y: "value", stroke: "#999", strokeDasharray: "3,3" }),
      ],
    }));
  });
}
