// One corpus event: the event as the corpus knows it (codes, dates, how widely reported) and every
// report of it, each with its sentence (trigger marked), article, outlet and why it joined.

import { getJSON } from "../api";
import { append, articleHref, clear, h, href, message } from "../dom";
import { QUAD_CLASSES } from "../records";

export async function renderCorpusEvent(main: HTMLElement, api: string, id: string): Promise<void> {
  clear(main);
  main.appendChild(h("h1", {}, `Corpus event ${id}`));
  let e: any;
  try {
    e = await getJSON<any>(api);
  } catch (err) {
    main.appendChild(message((err as Error).message, "error"));
    return;
  }
  const dl = h("dl", { class: "event-codes", "data-testid": "event-codes" });
  const add = (label: string, value: unknown) => {
    if (value !== null && value !== undefined && value !== "") append(dl, h("dt", {}, label), h("dd", {}, String(value)));
  };
  const actor = (name: string | null, code: string | null) => (name ? `${name}${code ? ` (${code})` : ""}` : code);
  add("date", !e.date_end || e.date_start === e.date_end ? e.date_start : `${e.date_start} – ${e.date_end}`);
  add("date precision", e.date_precision);
  add("source", actor(e.source_name, e.source_code));
  add("CAMEO", e.cameo);
  add("PLOVER", [e.plover, e.plover_mode].filter(Boolean).join(" · "));
  add("quad class", e.quad_class ? `${e.quad_class} ${QUAD_CLASSES[e.quad_class]}` : null);
  add("Goldstein", e.goldstein);
  add("target", actor(e.target_name, e.target_code));
  add("place", e.place_name ? `${e.place_name}${e.place_country ? `, ${e.place_country}` : ""}` : null);
  add("reported", `${e.n_mentions} mentions in ${e.n_articles} articles from ${e.n_sources} sources`);
  const mentions: any[] = e.mentions || [];
  append(main, dl, h("h2", { "data-testid": "report-count" }, `${mentions.length} reports`),
    h("ol", { class: "reports", "data-testid": "reports" }, ...mentions.map((m) => h("li", {},
      sentence(m), h("p", { class: "links" },
        h("a", { href: articleHref(m.article_id) + `#${m.event_id}` }, m.title || m.article_id),
        [m.published, m.outlet].filter(Boolean).length ? ` (${[m.published, m.outlet].filter(Boolean).join(", ")})` : "",
        m.date_start ? ` · event dated ${m.date_start}${m.date_precision ? ` (${m.date_precision})` : ""}` : "",
        h("span", { class: "reason" }, m.is_root ? " — the first report" : ` — joined by ${m.rule ?? "?"}${m.reason ? `: ${m.reason}` : ""}`))))),
    h("p", { class: "links" },
      e.source_code && e.target_code ? h("a", { href: href("/corpus/events", { actor: e.source_code, target: e.target_code }) }, `all corpus events ${e.source_code} → ${e.target_code}`) : null));
}

/** A report's evidence sentence with its trigger marked (offsets are into the article; the sentence starts at evidence_start). */
function sentence(m: any): HTMLElement {
  const text: string = m.evidence_text ?? "";
  const quote = h("blockquote", { class: "evidence" });
  if (m.trigger_start !== null && m.evidence_start !== null && m.trigger_start >= m.evidence_start) {
    const from = m.trigger_start - m.evidence_start;
    const to = m.trigger_end - m.evidence_start;
    append(quote, text.slice(0, from), h("mark", { class: "hl hl-event" }, text.slice(from, to)), text.slice(to));
  } else {
    append(quote, text);
  }
  return quote;
}
