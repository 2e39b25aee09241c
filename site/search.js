/* smtpcode search. Looks up codes ("5.1.1", "550", "550 5.1.1", "x.1.1"),
 * pasted bounce lines and words in the index that gen writes as
 * search-index.js (a script setting window.SMTPCODE_INDEX, because fetch()
 * does not work from file://). The page works without this script; the
 * search form stays hidden then. Results are built with textContent only. */
(function () {
	"use strict";

	var data = window.SMTPCODE_INDEX;
	var MAX = 50;

	if (!data || !data.entries) {
		return;
	}

	var entries = data.entries;
	var byKey = Object.create(null); /* lower-case key, name or token */
	var bySent = Object.create(null); /* a provider's own code: responses */

	function remember(k, e) {
		if (k && !byKey[k.toLowerCase()]) {
			byKey[k.toLowerCase()] = e;
		}
	}

	entries.forEach(function (e) {
		remember(e.k, e);
	});
	entries.forEach(function (e) {
		if (e.sc) {
			(bySent[e.sc.toLowerCase()] =
			 bySent[e.sc.toLowerCase()] || []).push(e);
		}
		remember(e.n, e);
		remember(e.x, e);
		e.words = (e.k + " " + (e.n || "") + " " + (e.pn || "") +
			   " " + e.s).toLowerCase();
		e.lp = (e.p || []).map(function (p) {
			return p.toLowerCase();
		});
	});

	/* ---- what the query contains ---- */

	var ENHANCED = /(^|[^0-9a-z.])([245x])\.([0-9]{1,3}|x)\.([0-9]{1,3}|x)(?![0-9a-z]|\.[0-9])/gi;
	var REPLY = /(^|[^0-9a-z.])([2-5][0-9][0-9])(?=$|[^0-9a-z.]|\.(?![0-9]))/gi;

	/* An enhanced code as written, to the entries that describe it: the
	 * exact code, else its subject row, else its class row. */
	function statusMatch(c, s, d) {
		var tries = [];
		c = c.toUpperCase();
		s = s.toUpperCase();
		d = d.toUpperCase();
		if (s === "X") {
			tries.push(c + ".X.X");
		} else if (d === "X") {
			tries.push("X." + s + ".X");
		} else {
			tries.push("X." + s + "." + d, "X." + s + ".X");
		}
		if (c !== "X") {
			tries.push(c + ".X.X");
		}
		for (var i = 0; i < tries.length; i++) {
			var e = byKey[tries[i].toLowerCase()];
			if (e) {
				return { e: e, cls: c === "X" ? 0 : +c,
					 exact: i === 0 };
			}
		}
		return null;
	}

	/* Responses that send a number of their own ("5.7.606"), or a
	 * registered number with their own meaning: after the registered code
	 * of that number, before the nearest entry of an unregistered one. */
	function sent(add) {
		return function (e) {
			add(e, "the provider's code " + e.sc, 0);
		};
	}

	function codesIn(text, add) {
		var m, written;
		ENHANCED.lastIndex = 0;
		while ((m = ENHANCED.exec(text)) !== null) {
			written = m[2] + "." + m[3] + "." + m[4];
			var hit = statusMatch(m[2], m[3], m[4]);
			var own = bySent[written.toLowerCase()] || [];
			if (hit && hit.exact) {
				add(hit.e, "the code " + written, hit.cls);
			}
			own.forEach(sent(add));
			if (hit && !hit.exact) {
				add(hit.e, written + " is not registered: " +
				    "nearest entry", hit.cls);
			}
		}
		REPLY.lastIndex = 0;
		while ((m = REPLY.exec(text)) !== null) {
			if (byKey[m[2]]) {
				add(byKey[m[2]], "the reply code " + m[2], 0);
			}
		}
	}

	function phrasesIn(lower, kind, add) {
		entries.forEach(function (e) {
			if (e.t !== kind) {
				return;
			}
			for (var i = 0; i < e.lp.length; i++) {
				if (e.lp[i] && lower.indexOf(e.lp[i]) >= 0) {
					add(e, "the phrase \u201c" + e.p[i] + "\u201d",
					    0);
					return;
				}
			}
			if (e.x && new RegExp("(^|[^0-9a-z])" +
			    e.x.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g,
			    "\\$&") + "(?![0-9a-z])").test(lower)) {
				add(e, "the token " + e.x, 0);
			}
		});
	}

	function wordsIn(lower, add) {
		var words = lower.match(/[a-z0-9][a-z0-9'-]*/g) || [];
		/* codes were looked up as codes; words need letters */
		words = words.filter(function (w) {
			return w.length > 1 && /[a-z]/.test(w);
		});
		if (!words.length || words.length > 8) {
			return;
		}
		entries.forEach(function (e) {
			for (var i = 0; i < words.length; i++) {
				if (e.words.indexOf(words[i]) < 0) {
					return;
				}
			}
			add(e, "words of the summary", 0);
		});
	}

	/* A multi-line reply repeats its code on each line ("...the sender
	 * is 550-5.7.26 unauthenticated"): for the phrases, those codes go,
	 * but not one before a number, which may be part of a phrase. */
	var CONTINUED = / [2-5][0-9][0-9][- ](?:[245]\.[0-9]{1,3}\.[0-9]{1,3} )?(?=[^0-9 ])/g;

	/* Provider replies found by their phrases come first: they are more
	 * specific than the generic codes of the same line. Returns what was
	 * found, in order: {e: entry, how: why, cls: class or 0}. */
	function search(text) {
		var found = [], seen = Object.create(null);
		var lower = text.toLowerCase().replace(/\s+/g, " ").trim();
		var joined = lower.replace(CONTINUED, " ");

		function add(e, how, cls) {
			if (!seen[e.k]) {
				seen[e.k] = true;
				found.push({ e: e, how: how, cls: cls });
			}
		}
		if (!lower) {
			return found;
		}
		phrasesIn(joined, "response", add);
		if (byKey[lower]) {
			add(byKey[lower], "exact match", 0);
		}
		codesIn(text, add);
		phrasesIn(joined, "reason", add);
		wordsIn(lower, add);
		return found;
	}

	/* for the tests (tests/check/site-search.sh), and a console */
	window.SMTPCODE_SEARCH = search;

	/* ---- showing the results ---- */

	var form = document.getElementById("search");
	var input = document.getElementById("q");
	var out = document.getElementById("results");

	if (!form || !input || !out) {
		return;
	}

	function el(name, cls, text) {
		var n = document.createElement(name);
		if (cls) {
			n.className = cls;
		}
		if (text !== undefined) {
			n.textContent = text;
		}
		return n;
	}

	function label(r) {
		var e = r.e;
		if (r.cls && e.t === "status" && e.k.charAt(0) === "X") {
			return r.cls + e.l.slice(1);
		}
		return e.l;
	}

	function badges(li, r) {
		var v = r.e.v || [];
		var mine = v.filter(function (x) {
			return x[0] === r.cls;
		});
		(mine.length && r.cls ? mine : v).forEach(function (x) {
			li.appendChild(document.createTextNode(" "));
			li.appendChild(el("span", "badge v-" + x[1],
					  (x[0] && !(mine.length && r.cls) ?
					   x[0] + ": " : "") + x[1]));
		});
	}

	function item(r) {
		var li = el("li"), a = el("a", null, label(r));
		a.href = r.e.u + "index.html";
		li.appendChild(a);
		badges(li, r);
		li.appendChild(document.createTextNode(" "));
		li.appendChild(el("span", "sum", r.e.s));
		li.appendChild(el("span", "how", " (found by " + r.how + ")"));
		return li;
	}

	function show(text) {
		var found = search(text), list;
		out.textContent = "";
		if (!text.trim()) {
			return;
		}
		out.appendChild(el("p", null, found.length ?
			(found.length > MAX ? "The first " + MAX + " of " +
			 found.length + " entries found:" :
			 found.length + (found.length === 1 ? " entry" :
					 " entries") + " found:") :
			"Nothing found. Try a code such as the three digits " +
			"at the start of the reply, or fewer words."));
		list = el("ul", "entries");
		found.slice(0, MAX).forEach(function (r) {
			list.appendChild(item(r));
		});
		if (found.length) {
			out.appendChild(list);
		}
	}

	function remember_query(text) {
		try {
			history.replaceState(null, "", text ?
				"?q=" + encodeURIComponent(text) :
				location.pathname);
		} catch (err) {
			/* file:// may refuse; the search still works */
		}
	}

	form.hidden = false;
	form.addEventListener("submit", function (ev) {
		ev.preventDefault();
		show(input.value);
		remember_query(input.value);
	});
	input.addEventListener("input", function () {
		show(input.value);
	});

	var params = /[?&]q=([^&]*)/.exec(location.search);
	if (params) {
		try {
			input.value = decodeURIComponent(
				params[1].replace(/\+/g, " "));
		} catch (err) {
			input.value = "";
		}
		show(input.value);
	}
})();
