// The front end's entry: each server page names its view in <body data-view> and its JSON twin in
// data-api; this fills <main> from that API. Heavy libraries load only on the views that use them.

import "./app.css";
import { message } from "./dom";
import { renderArticle } from "./views/article";
import { renderCorpusEvent } from "./views/corpus";
import { renderEvent } from "./views/event";
import { renderExtract } from "./views/extract";
import { LISTS, renderList } from "./views/lists";

async function start(): Promise<void> {
  const main = document.getElementById("app");
  if (!main) return;
  const { view = "", api = "", id = "" } = document.body.dataset;
  try {
    if (view in LISTS) await renderList(main, LISTS[view]);
    else if (view === "article") await renderArticle(main, api, id);
    else if (view === "event") await renderEvent(main, api, id);
    else if (view === "corpus_event") await renderCorpusEvent(main, api, id);
    else if (view === "extract") renderExtract(main);
    else if (view === "network") await (await import("./views/network")).renderNetwork(main);
    else if (view === "timeline") await (await import("./views/timeline")).renderTimeline(main);
  } catch (err) {
    main.appendChild(message(`This view failed: ${(err as Error).message}`, "error"));
  }
  document.body.dataset.ready = "true"; // tests wait for this
}

start();
