// How long a post is on each network: the browser's copy of chorus/sharing/lengths.py (change both
// together; the regular expressions are the same). "weighted" needs twitter-text loaded first
// (vendor/twitter-text/twitter-text.min.js); the server refuses the rare texts that are too slow
// for its twitter-text (lengths.WEIGHTED_MAX_WORK), the browser still counts them. Also keeps the
// counters of <textarea data-length-kind data-length-limit data-length-output data-length-extra>
// up to date.
(() => {
  "use strict";

  const URL_LENGTH = 23;
  // An explicit list rather than \s, which Python and JavaScript define differently.
  const SPACE = "\\t\\n\\v\\f\\r \\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff";
  // http(s):// and the non-space characters after it, not ending in punctuation; not inside a word.
  const LINK = new RegExp(
    `(?<![A-Za-z0-9@#$])[Hh][Tt][Tt][Pp][Ss]?://[^${SPACE}]*[^${SPACE}.,:;!?)\\]'"]`,
    "gu",
  );
  // @user@domain counts as @user (Mastodon's countableText).
  const REMOTE_MENTION = /(?<![/A-Za-z0-9_])@([A-Za-z0-9_]+)@[A-Za-z0-9.-]+[A-Za-z0-9]+/gu;
  const TRAILING_SPACE = new RegExp(`[${SPACE}]+$`, "u");
  let graphemes = null;

  function countCodePoints(text) {
    let count = 0;
    for (const _ of text) count += 1;
    return count;
  }

  function measure(text, kind) {
    text = text.replace(/\r\n/g, "\n");
    if (kind === "weighted") {
      // X: twitter-text v3 (URLs 23, CJK and emoji 2); it normalises to NFC itself.
      if (!window.twttr) throw new Error("twitter-text is not loaded");
      return window.twttr.parseTweet(text).weightedLength;
    }
    if (kind === "graphemes") {
      // Bluesky: what a reader sees as one character (extended grapheme clusters).
      // Without Intl.Segmenter (Firefox before 125), code points: never fewer than graphemes.
      if (!window.Intl?.Segmenter) return countCodePoints(text);
      if (!graphemes) graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });
      let count = 0;
      for (const _ of graphemes.segment(text)) count += 1;
      return count;
    }
    if (kind === "chars_url23") {
      // Mastodon: code points, every http(s) URL counts 23 and @user@domain counts as @user.
      text = text.replace(LINK, "x".repeat(URL_LENGTH));
      return countCodePoints(text.replace(REMOTE_MENTION, "@$1"));
    }
    if (kind === "chars") return countCodePoints(text);
    throw new Error(`Unknown length kind: ${kind}`);
  }

  function check(text, rule) {
    const length = measure(text, rule.kind);
    const limit = rule.limit ?? null;
    return { length, limit, ok: limit === null || length <= limit };
  }

  // The text as posted: trailing space dropped, one space, then the disclosure (compose_text).
  function composeText(text, extra) {
    if (!extra) return text;
    const head = text.replace(TRAILING_SPACE, "");
    return head ? `${head} ${extra}` : extra;
  }

  function update(textarea) {
    const output = document.querySelector(textarea.dataset.lengthOutput);
    if (!output) return;
    const limit = textarea.dataset.lengthLimit ? Number(textarea.dataset.lengthLimit) : null;
    const text = composeText(textarea.value, textarea.dataset.lengthExtra || "");
    const result = check(text, { kind: textarea.dataset.lengthKind, limit });
    if (!output.hasAttribute("aria-live")) output.setAttribute("aria-live", "polite");
    output.textContent = limit === null ? `${result.length}` : `${result.length} / ${limit}`;
    output.classList.toggle("is-over", !result.ok);
    if (result.ok) textarea.removeAttribute("aria-invalid");
    else textarea.setAttribute("aria-invalid", "true");
  }

  function updateAll() {
    document.querySelectorAll("textarea[data-length-kind][data-length-output]").forEach(update);
  }

  window.ChorusLengths = { measure, check, composeText };

  document.addEventListener("input", (event) => {
    if (event.target.matches?.("textarea[data-length-kind][data-length-output]")) {
      update(event.target);
    }
  });
  // htmx events bubble up to the document, so this also works before <body> exists.
  document.addEventListener("htmx:afterSettle", updateAll);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", updateAll);
  else updateAll();
})();
