// ESLint (flat config) for the repository's JavaScript: `npm ci && npm run lint` at the root, run
// by scripts/test.sh. The recommended rules everywhere, with the globals of where each file runs.
import js from "@eslint/js";
import globals from "globals";

export default [
  {
    ignores: [
      "**/node_modules/",
      "target/",
      "public/",
      "tests/browser/artifacts/",
      "fuzz/",
      "themes/default/static/vendor/",
      // Other people's sites kept as fixtures (an Obsidian vault's plugins): content, not our code.
      "tests/fixtures/corpora/",
    ],
  },
  js.configs.recommended,
  {
    // The theme's scripts: classic scripts in the browser (ES modules do not load from file://),
    // in ES2020 at most, for the browsers of the intranet.
    files: ["themes/**/*.js"],
    languageOptions: {
      ecmaVersion: 2020,
      sourceType: "script",
      parserOptions: { ecmaFeatures: { impliedStrict: true } },
      globals: { ...globals.browser },
    },
  },
  {
    // Tests, benchmarks and this file: ES modules run by Node; the browser tests hand functions
    // to the page (page.evaluate), so the browser's globals are known too.
    files: ["**/*.mjs", "eslint.config.js"],
    languageOptions: {
      ecmaVersion: "latest",
      sourceType: "module",
      globals: { ...globals.node, ...globals.browser },
    },
  },
];
