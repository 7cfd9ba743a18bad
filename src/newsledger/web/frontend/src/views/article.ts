// The article reader: the text with its extraction drawn on it, a details panel for what is
// clicked, and the article's events, quotes and claims listed below.

import { getJSON } from "../api";
import { append, clear, corpusEventHref, eventHref, h, message } from "../dom";
import { actorLabel, highlight, Kind, legend } from "../highlight";
import { ArticleOut, CorpusLink, Extraction, QUAD_CLASSES } from "../records";

export async function renderArticle(main: HTMLElement, api: string, id: string): Promise<void> {
  let article: ArticleOut;
  try {
    article = await getJSON<ArticleOut>(api);
  } catch (err) {
    clear(main);
    append(main, h("h1", {}, `Article ${id}`), message((err as Error).message, "error"));
    return;
  }
  clear(main);
  document.title = `${article.title || article.id} · newsledger`;
  const meta = [article.published, article.outlet, article.url ? h("a", { href: safeUrl(article.url), rel: "noopener noreferrer" }, "original") : null]
    .filter(Boolean) as (string | Node)[];
  append(main, h("h1", { "data-testid": "article-title" }, article.title || article.id),
    h("p", { class: "meta" }, ...meta.flatMap((m, i) => (i ? [" · ", m] : [m]))));
  const reader = showExtraction(main, article.text, article.extraction, article.id, article.corpus_events ?? {});
  const wanted = location.hash.slice(1);
  if (wanted) {
    const kinds: [RegExp, Kind][] = [[/^e\d+$/, "event"], [/^q\d+$/, "quote"], [/^c\d+$/, "claim"], [/^a\d+$/, "actor"]];
    const kind = kinds.find(([re]) => re.test(wanted));
    if (kind) reader.select(kind[1], wanted);
  }
}

/** Text, legend, details panel and record lists of one extraction (the reader and Extract share it). */
export function showExtraction(main: HTMLElement, text: string, x: Extraction, articleId: string | null,
                               corpus: Record<string, CorpusLink> = {}) {
  const details = h("aside", { class: "details", "data-testid": "details", "aria-live": "polite" },
    h("p", { class: "hint" }, "Click a highlighted word to see its codes."));
  const reader = highlight(text, x, details, articleId, corpus);
  const layout = h("div", { class: "reader" }, h("div", { class: "text-column" }, legend(reader.element), reader.element), details);
  main.appendChild(layout);
  main.appendChild(summary(x, articleId, reader.select, corpus));
  return reader;
}

function summary(x: Extraction, articleId: string | null, select: (kind: Kind, id: string) => boolean,
                 corpus: Record<string, CorpusLink>): HTMLElement {
  const actor = (id: string | null | undefined) => actorLabel(x.actors, id);
  const pick = (kind: Kind, id: string) => (ev: Event) => {
    ev.preventDefault();
    select(kind, id);
  };
  const events = h("table", { class: "records", "data-testid": "article-events" },
    h("thead", {}, h("tr", {}, ...["event", "source", "CAMEO", "type", "quad class", "target", "flags", "reported by", ""].map((c) => h("th", {}, c)))),
    h("tbody", {}, ...x.events.map((e) => h("tr", {},
      h("td", {}, h("a", { href: `#${e.id}`, onclick: pick("event", e.id) }, e.id)),
      h("td", {}, actor(e.source)), h("td", {}, h("code", {}, e.cameo)), h("td", {}, e.plover ?? ""),
      h("td", {}, e.quad_class ? `${e.quad_class} ${QUAD_CLASSES[e.quad_class]}` : ""), h("td", {}, actor(e.target)),
      h("td", {}, [e.negated && "negated", e.hypothetical && "hypothetical", e.historical && "historical", e.attributed_to && "attributed"].filter(Boolean).join(", ")),
      h("td", {}, corpus[e.id] ? h("a", { href: corpusEventHref(corpus[e.id].id), class: corpus[e.id].n_articles > 1 ? "reported" : "" },
        `${corpus[e.id].n_articles} article${corpus[e.id].n_articles > 1 ? "s" : ""}`) : ""),
      h("td", {}, articleId ? h("a", { href: eventHref(`${articleId}/${e.id}`) }, "open") : "")))));
  const quotes = h("ul", { class: "quotes" }, ...x.quotes.map((q) => h("li", {},
    h("a", { href: `#${q.id}`, onclick: pick("quote", q.id) }, q.id), ` ${actor(q.speaker)} (${q.kind})`)));
  const claims = h("ul", { class: "claims" }, ...x.claims.map((c) => h("li", {},
    h("a", { href: `#${c.id}`, onclick: pick("claim", c.id) }, c.id), ` ${actor(c.source)}${c.about ? ` about ${actor(c.about)}` : ""}${c.hedged ? " (hedged)" : ""}`)));
  return h("section", { class: "summary" },
    h("h2", {}, `${x.events.length} events`), events,
    h("h2", {}, `${x.quotes.length} quotes`), quotes,
    h("h2", {}, `${x.claims.length} claims`), claims,
    h("p", { class: "counts" }, `${x.actors.length} actors, ${x.dates.length} dates, ${x.places.length} places`));
}

/** Only http(s) links from an article's metadata become clickable (no javascript: URLs). */
export function safeUrl(url: string): string {
  try {
    const u = new URL(url, location.href);
    return u.protocol === "http:" || u.protocol === "https:" ? u.href : "#";
  } catch {
    return "#";
  }
}
