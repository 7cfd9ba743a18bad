// One event: its codes, the sentence behind it and the articles that report it.

import { getJSON } from "../api";
import { append, articleHref, clear, corpusEventHref, h, href, message } from "../dom";
import { QUAD_CLASSES } from "../records";
import { evidenceBlock, reportList } from "./lists";

export async function renderEvent(main: HTMLElement, api: string, key: string): Promise<void> {
  clear(main);
  main.appendChild(h("h1", {}, `Event ${key}`));
  let found: any;
  try {
    found = await getJSON<any>(api);
  } catch (err) {
    main.appendChild(message((err as Error).message, "error"));
    return;
  }
  const e = found.event;
  const dl = h("dl", { class: "event-codes", "data-testid": "event-codes" });
  const add = (label: string, value: unknown) => {
    if (value !== null && value !== undefined && value !== "") append(dl, h("dt", {}, label), h("dd", {}, String(value)));
  };
  add("date", e.date_start === e.date_end ? e.date_start : `${e.date_start} – ${e.date_end}`);
  add("source", e.source_name ? `${e.source_name}${e.source_code ? ` (${e.source_code})` : ""}` : e.source_code);
  add("CAMEO", e.cameo);
  add("PLOVER", e.plover);
  add("quad class", e.quad_class ? `${e.quad_class} ${QUAD_CLASSES[e.quad_class]}` : null);
  add("Goldstein", e.goldstein);
  add("target", e.target_name ? `${e.target_name}${e.target_code ? ` (${e.target_code})` : ""}` : e.target_code);
  add("place", e.place_name ? `${e.place_name}${e.place_country ? `, ${e.place_country}` : ""}` : null);
  add("flags", ["negated", "hypothetical", "historical", "attributed", "reciprocal"].filter((f) => e[f]).join(", ") || "none");
  add("confidence", e.confidence);
  add("pattern", e.pattern);
  const corpus = found.corpus_event;
  const others: any[] = found.reports || [];
  const elsewhere = corpus ? corpus.n_articles - 1 : 0;
  append(main, dl, h("h2", {}, "Evidence"), evidenceBlock({ ...found, reports: [] }),
    corpus ? h("section", { class: "corpus", "data-testid": "corpus-reports" },
      h("h2", {}, elsewhere > 0 ? `Also reported by ${elsewhere} other article${elsewhere > 1 ? "s" : ""}` : "Reported by this article only"),
      others.length ? reportList(others) : null,
      h("p", { class: "links" }, h("a", { href: corpusEventHref(corpus.id) }, `corpus event ${corpus.id}`),
        ` (${corpus.n_mentions} mentions, ${corpus.n_sources} sources)`)) : null,
    h("p", { class: "links" },
      h("a", { href: articleHref(e.article_id) }, "the article"), " · ",
      e.source_code && e.target_code ? h("a", { href: href("/events", { actor: e.source_code, target: e.target_code }) }, `all events ${e.source_code} → ${e.target_code}`) : null));
}
