// Writes ../static/THIRD-PARTY-LICENSES.txt: the licence of every npm package bundled into the UI
// (the runtime dependencies and what they pull in), since the built files are shipped in the wheel.
import { readFileSync, writeFileSync, existsSync, readdirSync } from "node:fs";
import { join } from "node:path";

const seen = new Map();
function visit(name) {
  if (seen.has(name)) return;
  const dir = join("node_modules", name);
  const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
  const file = readdirSync(dir).find((f) => /^licen[cs]e/i.test(f));
  seen.set(name, { version: pkg.version, license: pkg.license, text: file ? readFileSync(join(dir, file), "utf8").trim() : "" });
  for (const dep of Object.keys(pkg.dependencies || {})) if (existsSync(join("node_modules", dep))) visit(dep);
}
for (const dep of Object.keys(JSON.parse(readFileSync("package.json", "utf8")).dependencies)) visit(dep);
const parts = [...seen].sort(([a], [b]) => a.localeCompare(b))
  .map(([name, p]) => `${"=".repeat(72)}\n${name} ${p.version} (${p.license})\n${"=".repeat(72)}\n${p.text}\n`);
writeFileSync("../static/THIRD-PARTY-LICENSES.txt", `Packages bundled into the newsledger web UI\n\n${parts.join("\n")}`);
console.log(`licences of ${seen.size} bundled packages written`);
