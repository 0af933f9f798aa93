// Bundles twitter-text-entry.js into one minified IIFE, committed under chorus/static/vendor/
// (a fresh machine has no node), with the licences of everything inside it.
import { copyFile, mkdir, readFile, writeFile } from "node:fs/promises";
import { build } from "esbuild";

const out = new URL("../chorus/static/vendor/twitter-text/", import.meta.url);
const pkg = (name) => new URL(`node_modules/${name}/`, import.meta.url);
const version = async (name) =>
  JSON.parse(await readFile(new URL("package.json", pkg(name)))).version;

// twitter-text's babel output imports core-js 2 polyfills for ES2015 built-ins; every browser that
// runs lengths.js (ES2020) has them natively, so they are left out rather than patch globals.
const noPolyfills = {
  name: "no-core-js",
  setup(b) {
    b.onResolve({ filter: /^core-js\// }, (args) => ({ path: args.path, namespace: "empty" }));
    b.onLoad({ filter: /.*/, namespace: "empty" }, () => ({ contents: "" }));
  },
};

await mkdir(out, { recursive: true });
await build({
  entryPoints: [new URL("twitter-text-entry.js", import.meta.url).pathname],
  outfile: new URL("twitter-text.min.js", out).pathname,
  bundle: true,
  minify: true,
  format: "iife",
  target: "es2020",
  platform: "browser",
  legalComments: "none",
  banner: {
    js:
      `/*! twitter-text ${await version("twitter-text")} (Apache-2.0) with twemoji-parser ` +
      `${await version("twemoji-parser")}, punycode, @babel/runtime (MIT): see LICENSE and ` +
      "THIRD-PARTY-LICENSES.txt. Built by assets/build.mjs. */",
  },
  plugins: [noPolyfills],
});
await copyFile(new URL("LICENSE", pkg("twitter-text")), new URL("LICENSE", out));
const others = [
  ["twemoji-parser", "LICENSE.md"],
  ["punycode", "LICENSE-MIT.txt"],
  ["@babel/runtime", "LICENSE"],
];
const texts = await Promise.all(
  others.map(async ([name, file]) => `== ${name} ==\n\n${await readFile(new URL(file, pkg(name)), "utf8")}`),
);
await writeFile(new URL("THIRD-PARTY-LICENSES.txt", out), texts.join("\n"));
