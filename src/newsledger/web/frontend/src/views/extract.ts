// Extract: paste an article (or pick a file), choose its publication date, see the extraction drawn
// on it at once. Nothing is stored.

import { postJSON } from "../api";
import { append, clear, h, message } from "../dom";
import { Extraction } from "../records";
import { showExtraction } from "./article";

export function renderExtract(main: HTMLElement): void {
  clear(main);
  const text = h("textarea", { name: "text", rows: 12, "data-testid": "extract-text", placeholder: "Paste an article in English…", required: true });
  const date = h("input", { type: "date", name: "published", "data-testid": "extract-date", value: new Date().toISOString().slice(0, 10) });
  const file = h("input", { type: "file", accept: ".txt,text/plain" });
  const result = h("div", { class: "extract-result", "data-testid": "extract-result" });
  const button = h("button", { type: "submit", "data-testid": "extract-run" }, "Extract");
  file.addEventListener("change", async () => {
    const chosen = file.files?.[0];
    if (chosen) text.value = await chosen.text(); // read in the browser: the server never sees a path
  });
  const form = h("form", { class: "extract-form" },
    h("label", {}, h("span", {}, "article text"), text),
    h("div", { class: "row" }, h("label", {}, h("span", {}, "published"), date), h("label", {}, h("span", {}, "or a text file"), file), button));
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    clear(result);
    result.appendChild(message("extracting…"));
    button.disabled = true;
    try {
      const out = await postJSON<{ text: string; extraction: Extraction }>("/api/extract",
        { text: text.value, published: date.value || null });
      clear(result);
      showExtraction(result, out.text, out.extraction, null);
    } catch (err) {
      clear(result);
      result.appendChild(message((err as Error).message, "error"));
    } finally {
      button.disabled = false;
    }
  });
  append(main, h("h1", {}, "Extract"), h("p", { class: "hint" }, "The text is extracted by the server and shown here; nothing is stored."), form, result);
}
