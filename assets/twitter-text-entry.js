// The browser's X counter is twitter-text's own code: build.mjs bundles this file into
// chorus/static/vendor/twitter-text/twitter-text.min.js, which sets window.twttr.
// Importing the three modules rather than the package index halves the bundle (no autolinker).
import configs from "twitter-text/dist/esm/configs";
import getTweetLength from "twitter-text/dist/esm/getTweetLength";
import parseTweet from "twitter-text/dist/esm/parseTweet";

window.twttr = { getTweetLength, parseTweet, configs };
