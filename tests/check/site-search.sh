#!/bin/sh
# The site's search box (site/search.js over the generated
# search-index.js), run by node without a page: every real reply text of
# the catalog finds its own provider reply, on one line and as a
# multi-line reply pasted as it arrives (the code repeated on each line),
# and the codes and keys people type find their entries.
. tests/check/common.inc
if ! command -v node >/dev/null 2>&1; then
	not_ok "site search: node is missing (gen/deps.sh test installs nodejs)"
	exit 0
fi
node - "$OUT/site" "$OUT/site/search.js" <<'JS'
"use strict";
const fs = require("fs"), vm = require("vm");
const [site, script] = process.argv.slice(2);
const ctx = { window: {}, document: { getElementById: () => null } };
vm.createContext(ctx);
vm.runInContext(fs.readFileSync(site + "/search-index.js", "utf8"), ctx);
vm.runInContext(fs.readFileSync(script, "utf8"), ctx);
const search = ctx.window.SMTPCODE_SEARCH;
const catalog = JSON.parse(fs.readFileSync(site + "/catalog.json", "utf8"));
let n = 0;
function check(ok, what) {
	console.log((ok ? "ok - " : "not ok - ") + what);
}
if (typeof search !== "function") {
	check(false, "site search: search.js sets window.SMTPCODE_SEARCH");
	process.exit(0);
}
/* the text as a multi-line reply: a line break every 24 bytes or so,
 * before a word that is no number, each line starting with the codes */
function wrap(text, prefix) {
	let out = "", col = 0;
	for (let i = 0; i < text.length; i++) {
		if (text[i] === " " && col > 24 && i + 1 < text.length &&
		    !/[0-9]/.test(text[i + 1])) {
			out += "\r\n" + prefix + " ";
			col = 0;
			continue;
		}
		out += text[i];
		col++;
	}
	return out;
}
const finds = (text, key) => search(text).some((r) => r.e.k === key);
let bad = [], badWrapped = [], wrapped = 0;
for (const e of catalog) {
	if (e.kind !== "response")
		continue;
	for (const t of e.texts || []) {
		n++;
		if (!finds(t, e.key))
			bad.push(e.key + ": " + t);
		const m = /^([2-5][0-9][0-9])[ -]([245]\.[0-9]{1,3}\.[0-9]{1,3}) /.exec(t);
		if (!m)
			continue;
		const w = wrap(t, m[1] + "-" + m[2]);
		if (w.indexOf("\r\n") < 0)
			continue;
		wrapped++;
		if (!finds(w, e.key))
			badWrapped.push(e.key + ": " + JSON.stringify(w));
	}
}
check(n > 300 && bad.length === 0,
      `site search: each of the ${n} real reply texts finds its provider reply` +
      (bad.length ? ` (${bad.length} do not; first: ${bad[0]})` : ""));
check(wrapped > 100 && badWrapped.length === 0,
      `site search: each of ${wrapped} of them, pasted as a multi-line reply, too` +
      (badWrapped.length ? ` (${badWrapped.length} do not; first: ${badWrapped[0]})` : ""));
const first = (q) => (search(q)[0] || { e: { k: "" } }).e.k;
const cases = [["5.1.1", "X.1.1"], ["550", "550"], ["x.7.26", "X.7.26"],
	       ["mailboxfull", "mailboxfull"], ["TSS04", "yahoo-4.7.0-tss04"]];
for (const [q, want] of cases)
	check(first(q) === want, `site search: '${q}' finds ${want} first (got ${first(q) || "nothing"})`);
check(search("hello world zzz").length === 0, "site search: words of no entry find nothing");

/* the page: with its form, a query in the address is searched and shown */
function node(name) {
	return { name, children: [], textContent: "", hidden: true,
		 appendChild(c) { this.children.push(c); return c; },
		 addEventListener() {} };
}
const els = { search: node("form"), q: node("input"), results: node("div") };
const page = {
	window: {},
	document: { getElementById: (id) => els[id] || null,
		    createElement: node, createTextNode: (t) => ({ name: "#text", t }) },
	location: { search: "?q=550+5.1.1", pathname: "/" },
	history: { replaceState() {} },
};
page.window.SMTPCODE_INDEX = ctx.window.SMTPCODE_INDEX;
vm.createContext(page);
let err = "";
try {
	vm.runInContext(fs.readFileSync(script, "utf8"), page);
} catch (e) {
	err = String(e);
}
const shown = els.results.children;
const list = shown.find((c) => c.name === "ul");
check(!err && !els.search.hidden && els.q.value === "550 5.1.1" && list &&
      list.children.length >= 2,
      "site search: the page shows the entries of ?q=550+5.1.1" +
      (err ? " (" + err + ")" : ` (${list ? list.children.length : 0} entries)`));
JS
