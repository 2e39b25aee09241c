/* The generated header: every catalog key is found, in every notation
 * people copy from logs and with its case flipped; near misses are not;
 * smtpcode_lookup answers as a plain reference implementation of its rules
 * does, on every key in many notations and on random strings; explain
 * finds each provider reply in its own real text, and its phrase index
 * finds what a scan of every phrase finds. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "smtpcode.h"

static const smtpcode_entry *find(const char *s)
{
	return smtpcode_lookup(s, strlen(s));
}

static void flip_case(char *s)
{
	for (; *s; s++)
		if ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z'))
			*s ^= 0x20;
}

static void test_every_key(void **state)
{
	size_t i;
	(void)state;
	assert_int_equal(smtpcode_selfcheck(), 0);
	assert_true(smtpcode_count() > 0);
	for (i = 0; i < smtpcode_count(); i++) {
		const smtpcode_entry *e = smtpcode_at(i);
		char k[256];
		assert_ptr_equal(find(smtpcode_key(e)), e);
		assert_int_equal(smtpcode_index(e), i);
		if (*smtpcode_name(e))
			assert_ptr_equal(find(smtpcode_name(e)), e);
		if (*smtpcode_token(e) && !find(smtpcode_token(e)))
			fail_msg("token %s not found", smtpcode_token(e));
		snprintf(k, sizeof k, "%s", smtpcode_key(e));
		flip_case(k);
		assert_ptr_equal(find(k), e);
		snprintf(k, sizeof k, "  %s\t", smtpcode_key(e));
		assert_ptr_equal(find(k), e);
	}
	assert_null(smtpcode_at(smtpcode_count()));
}

/* Every reason id names its own entry, in the catalog's order, and what
 * smtpcode_reason_of gives is one of them. */
static void test_reason_ids(void **state)
{
	size_t i, n = 0;
	(void)state;
	for (i = 0; i < smtpcode_count(); i++) {
		const smtpcode_entry *e = smtpcode_at(i), *r;
		if (smtpcode_kind_of(e) == SMTPCODE_KIND_REASON) {
			assert_ptr_equal(smtpcode_reason((smtpcode_reason_id)n), e);
			n++;
		}
		r = smtpcode_reason_of(e, 0);
		if (r)
			assert_int_equal(smtpcode_kind_of(r), SMTPCODE_KIND_REASON);
	}
	assert_int_equal(n, SMTPCODE_REASON__COUNT);
	assert_null(smtpcode_reason(SMTPCODE_REASON__COUNT));
	assert_null(smtpcode_reason((smtpcode_reason_id)-1));
	assert_string_equal(smtpcode_key(smtpcode_reason(SMTPCODE_REASON_MAILBOXFULL)),
			    "mailboxfull");
	assert_ptr_equal(smtpcode_reason_of(find("5.2.2"), 5),
			 smtpcode_reason(SMTPCODE_REASON_MAILBOXFULL));
}

/* Each registered code in each class it is used in, and in the ways logs
 * write it. */
static void test_status_notations(void **state)
{
	static const char *const forms[] = { "%d.%d.%d", "#%d.%d.%d",
		"<%d.%d.%d>", "%d.%d.%d:", " %d.%d.%d ", "(%d.%d.%d)" };
	size_t i, f;
	int n = 0;
	(void)state;
	for (i = 0; i < smtpcode_count(); i++) {
		const smtpcode_entry *e = smtpcode_at(i);
		uint32_t code = smtpcode_code(e);
		int s = SMTPCODE_STATUS_SUBJECT(code), d = SMTPCODE_STATUS_DETAIL(code);
		int c;
		if (smtpcode_kind_of(e) != SMTPCODE_KIND_STATUS || s == SMTPCODE_X ||
		    d == SMTPCODE_X)
			continue;
		for (c = 2; c <= 5; c++) {
			char k[64];
			if (!(smtpcode_classes(e) >> c & 1))
				continue;
			for (f = 0; f < sizeof forms / sizeof *forms; f++) {
				snprintf(k, sizeof k, forms[f], c, s, d);
				assert_ptr_equal(find(k), e);
			}
			snprintf(k, sizeof k, "x.%d.%d", s, d);
			assert_ptr_equal(find(k), e);
			assert_ptr_equal(smtpcode_status(c, s, d), e);
			assert_ptr_equal(smtpcode_status(0, s, d), e);
			n++;
		}
	}
	assert_true(n >= 81);
}

static void test_pairs_and_rows(void **state)
{
	const smtpcode_entry *x11 = find("X.1.1");
	smtpcode_code_t c;
	(void)state;
	assert_non_null(x11);
	assert_ptr_equal(find("550 5.1.1"), x11);
	assert_ptr_equal(find("550-5.1.1"), x11);
	assert_ptr_equal(find("550  5.1.1"), x11);
	assert_int_equal(smtpcode_parse("550 5.1.1", 9, &c), 1);
	assert_int_equal(c.reply, 550);
	assert_int_equal(c.cls, 5);
	assert_int_equal(smtpcode_consistent(550, 5, x11), 1);
	assert_int_equal(smtpcode_consistent(450, 5, x11), -1);
	assert_int_equal(smtpcode_consistent(554, 5, x11), 0);
	assert_non_null(find("5.X.X"));
	assert_ptr_equal(find("5.x.x"), find("5.X.X"));
	assert_non_null(find("X.7.X"));
	assert_ptr_equal(find("5.7.x"), find("X.7.X"));
	assert_int_equal(smtpcode_parse("5.7.*", 5, &c), 1);
	assert_int_equal(c.wildcard, 1);
	assert_null(find("5.7.*"));
	assert_ptr_equal(smtpcode_reply(550), find("550"));
	assert_int_equal(smtpcode_code(find("550")), SMTPCODE_550);
	assert_int_equal(smtpcode_code(x11), SMTPCODE_X_1_1);
	assert_int_equal(SMTPCODE_5_1_1, SMTPCODE_STATUS(5, 1, 1));
}

static void test_near_misses(void **state)
{
	static const char *const misses[] = { "5.1.99", "599", "5..1", "",
		"5.1.1.1", "55", "5500", "5.01.1", "X.X.X", "6.1.1", "5.1",
		"5.1.", ".5.1.1", "abc", "550 6.1.1", "199", "5.1000.1",
		"X.1.1x", "mailboxful", "mailboxfull2", "-", "550 5.1.99" };
	/* not codes at all (RFC 3463: no leading zero, 1 to 3 digits) */
	static const char *const malformed[] = { "5..1", "5.01.1", "5.1.01",
		"5.1.1.1", "55", "5500", "6.1.1", "5.1", "5.1.", ".5.1.1",
		"199", "5.1000.1", "X.1.1x", "-", "550 6.1.1", "(5.01.1)" };
	char *big;
	size_t i;
	(void)state;
	char br[64];
	smtpcode_code_t c;
	for (i = 0; i < sizeof misses / sizeof *misses; i++) {
		if (find(misses[i]))
			fail_msg("'%s' should not be found", misses[i]);
		/* the fast path answers most of them from one probe: the
		 * slow path (a key in brackets) must miss them too */
		snprintf(br, sizeof br, "(%s)", misses[i]);
		if (find(br))
			fail_msg("'%s' should not be found", br);
	}
	for (i = 0; i < sizeof malformed / sizeof *malformed; i++)
		if (smtpcode_parse(malformed[i], strlen(malformed[i]), &c))
			fail_msg("'%s' should not parse", malformed[i]);
	big = malloc(10240);
	assert_non_null(big);
	memset(big, '5', 10240);
	assert_null(smtpcode_lookup(big, 10240));
	memset(big, 'a', 10240);
	assert_null(smtpcode_lookup(big, 10240));
	assert_null(smtpcode_lookup("5.1.1", 3)); /* length is honoured */
	free(big);
	assert_null(smtpcode_reply(199));
	assert_null(smtpcode_reply(600));
	assert_null(smtpcode_status(6, 1, 1));
	assert_null(smtpcode_status(5, -1, 1));
}

/* ---- the reference: smtpcode_lookup's rules, written plainly ---- */

static int letter(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static char lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c | 0x20) : c;
}

/* Every entry's id, symbolic name and provider token in lower case, with
 * the entry, sorted: the names smtpcode_lookup knows. */
typedef struct name_t {
	char s[96];
	const smtpcode_entry *e;
} name_t;

static name_t *names;
static size_t nnames;

static int cmp_name(const void *a, const void *b)
{
	return strcmp(((const name_t *)a)->s, ((const name_t *)b)->s);
}

static void add_name(const char *s, const smtpcode_entry *e)
{
	size_t i;
	if (!*s)
		return;
	assert_true(strlen(s) < sizeof names->s);
	for (i = 0; s[i]; i++)
		names[nnames].s[i] = lower(s[i]);
	names[nnames].s[i] = '\0';
	names[nnames++].e = e;
}

static void load_names(void)
{
	size_t i;
	if (names)
		return;
	names = calloc(smtpcode_count() * 3 + 1, sizeof *names);
	assert_non_null(names);
	for (i = 0; i < smtpcode_count(); i++) {
		const smtpcode_entry *e = smtpcode_at(i);
		smtpcode_kind k = smtpcode_kind_of(e);
		if (k == SMTPCODE_KIND_RESPONSE || k == SMTPCODE_KIND_REASON)
			add_name(smtpcode_key(e), e);
		add_name(smtpcode_name(e), e);
		add_name(smtpcode_token(e), e);
	}
	qsort(names, nnames, sizeof *names, cmp_name);
}

/* A name, ignoring the case of letters. */
static const smtpcode_entry *ref_name(const char *p, size_t n)
{
	name_t key;
	const name_t *hit;
	size_t i;
	if (n >= sizeof key.s)
		return NULL;
	for (i = 0; i < n; i++)
		key.s[i] = lower(p[i]);
	key.s[n] = '\0';
	if (strlen(key.s) != n)
		return NULL; /* a NUL inside */
	load_names();
	hit = bsearch(&key, names, nnames, sizeof *names, cmp_name);
	return hit ? hit->e : NULL;
}

/* A key that starts with a letter (not "x.1.1") is a name as written,
 * blanks at the end aside. Anything else loses the decoration around it
 * (blanks, # < > ( ) [ ] : , ; quotes, a full stop at the end) and is a
 * code if smtpcode_parse says so, else a name if it starts with a letter:
 * with the decoration at its end ("AS(201806281)"), else without the mark
 * that closes the one before it ("[AS(201806281)]"), else without all of
 * it ("[TSS04]"). */
static char ref_closing(char c)
{
	static const char pairs[] = "[]<>()\"\"''";
	size_t i;
	for (i = 0; pairs[i]; i += 2)
		if (pairs[i] == c)
			return pairs[i + 1];
	return 0;
}

static const smtpcode_entry *ref_lookup(const char *key, size_t len)
{
	static const char trim[] = " \t\r\n#<>()[]:,;\"'";
	const char *p = key, *e = key + len, *ne = e;
	smtpcode_code_t c;
	if (!(len > 1 && letter(p[0]) && p[1] != '.')) {
		while (p < e && *p && strchr(trim, *p))
			p++;
		while (e > p && e[-1] && (strchr(trim, e[-1]) || e[-1] == '.'))
			e--;
		if (p == e)
			return NULL;
		if (smtpcode_parse(p, (size_t)(e - p), &c))
			return smtpcode_find(&c);
		if (!letter(*p))
			return NULL;
	}
	while (ne > p && strchr(" \t\r\n", ne[-1]) && ne[-1])
		ne--;
	if (ref_name(p, (size_t)(ne - p)) || e >= ne)
		return ref_name(p, (size_t)(ne - p));
	if (p > key && ne - p > 1 && ne[-1] == ref_closing(p[-1]) &&
	    ref_name(p, (size_t)(ne - 1 - p)))
		return ref_name(p, (size_t)(ne - 1 - p));
	return ref_name(p, (size_t)(e - p));
}

static size_t checked;

static void same_answer(const char *s, size_t n)
{
	const smtpcode_entry *got = smtpcode_lookup(s, n), *want = ref_lookup(s, n);
	checked++;
	if (got != want)
		fail_msg("'%.*s' (%zu bytes) finds %s, the rules say %s", (int)n,
			 s, n, got ? smtpcode_key(got) : "nothing",
			 want ? smtpcode_key(want) : "nothing");
}

/* s in the notations of logs: as is, case flipped, decorated, after a
 * reply code, with blanks. */
static void notations(const char *s)
{
	static const char *const around[] = { "%s", "#%s", "<%s>", "%s:",
		"(%s)", "[%s]", "\"%s\"", "'%s'", "%s.", "%s,", "%s;", " %s",
		"%s ", "\t%s\r\n", "<<%s>>", "#<%s>:", "%s>", "<%s", "%s..",
		"550 %s", "550-%s", "550\t%s", "550  %s", "450 %s", "199 %s",
		"600 %s", "550 <%s>", "550 #%s", "(550 %s)", "550 %s.",
		"5.1.1 %s", "x%s", "%sx", "%s%s" };
	size_t i;
	for (i = 0; i < sizeof around / sizeof *around; i++) {
		char k[512];
		int n = snprintf(k, sizeof k, around[i], s, s);
		same_answer(k, (size_t)n);
		flip_case(k);
		same_answer(k, (size_t)n);
	}
}

static void test_same_as_reference(void **state)
{
	static const char cls[] = "0123456789xX*";
	size_t i, j;
	int c, s, d;
	(void)state;
	for (i = 0; i < smtpcode_count(); i++) {
		const smtpcode_entry *e = smtpcode_at(i);
		const char *own[4];
		own[0] = smtpcode_key(e), own[1] = smtpcode_name(e);
		own[2] = smtpcode_token(e), own[3] = smtpcode_sent_text(e);
		for (j = 0; j < 4; j++)
			if (*own[j])
				notations(own[j]);
	}
	for (c = 0; c < (int)sizeof cls - 1; c++)
		for (s = 0; s <= 12; s++)
			for (d = 0; d <= 1000; d += d < 40 ? 1 : d < 120 ? 7 : 97) {
				char k[32], sp[8], dp[8];
				snprintf(sp, sizeof sp, s == 12 ? "X" : s == 11 ? "x" : "%d", s);
				snprintf(dp, sizeof dp, d == 1000 ? "X" : "%d", d);
				snprintf(k, sizeof k, "%c.%s.%s", cls[c], sp, dp);
				notations(k);
			}
	for (d = 0; d < 1000; d++) {
		char k[8];
		snprintf(k, sizeof k, "%03d", d);
		notations(k);
	}
	assert_true(checked > 500000);
}

/* Random strings over the bytes that matter, including the ones the header's
 * case folding merges (_ and DEL, @ and `). */
static void test_same_as_reference_random(void **state)
{
	static const char bytes[] = "0123456789.xX#<>:- _abcdeoirsAB\t\x7f`@(";
	unsigned long long x = 0x9E3779B97F4A7C15ull;
	size_t i, j, n;
	(void)state;
	for (i = 0; i < 300000; i++) {
		char k[40];
		x ^= x << 13, x ^= x >> 7, x ^= x << 17;
		n = (size_t)(x % 13);
		for (j = 0; j < n; j++) {
			x ^= x << 13, x ^= x >> 7, x ^= x << 17;
			k[j] = bytes[x % (sizeof bytes - 1)];
		}
		same_answer(k, n);
	}
	for (i = 0; i < smtpcode_count(); i++) { /* aliases of each byte */
		const char *t = smtpcode_token(smtpcode_at(i));
		char k[128];
		n = strlen(t);
		if (!n || n >= sizeof k)
			continue;
		for (j = 0; j < n; j++) {
			memcpy(k, t, n);
			if ((unsigned char)k[j] >= 0x40 && !letter(k[j]))
				k[j] = (char)(k[j] ^ 0x20);
			same_answer(k, n);
		}
	}
}

/* Calls fn with each real reply text of the catalog and its entry (of
 * the provider replies only, with responses); returns how many. */
static size_t each_text(int responses,
			void (*fn)(const smtpcode_entry *e, const char *text))
{
	size_t i, j, n = 0;
	for (i = 0; i < smtpcode_count(); i++) {
		const smtpcode_entry *e = smtpcode_at(i);
		smtpcode_item it;
		if (responses && smtpcode_kind_of(e) != SMTPCODE_KIND_RESPONSE)
			continue;
		for (j = 0; smtpcode_item_at(e, j, &it); j++)
			if (it.field == SMTPCODE_FIELD_TEXT) {
				fn(e, it.text);
				n++;
			}
	}
	return n;
}

static int ref_label_byte(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
	       c == '_';
}

/* Whether t names one of the host names or domains of the provider of
 * response e (as a whole name or its last labels), ignoring case; 1 for an
 * MTA, whose own texts name it wherever it runs. */
static int ref_names_provider(const char *t, size_t len, const smtpcode_entry *e)
{
	const smtpcode_provider_info *p = smtpcode_provider(e);
	char low[8192], words[1024], *w, *at;
	size_t i, n;
	int found = 0;
	if (strcmp(p->type, "mta") == 0)
		return 1;
	assert_true(len < sizeof low);
	for (i = 0; i < len; i++)
		low[i] = (char)(t[i] >= 'A' && t[i] <= 'Z' ? t[i] | 0x20 : t[i]);
	low[len] = '\0';
	snprintf(words, sizeof words, "%s %s", p->markers, p->domains);
	n = strlen(words);
	for (i = 0; i < n; i++) /* the words, each ending in a NUL */
		words[i] = words[i] == ' ' ? '\0'
		: (char)(words[i] >= 'A' && words[i] <= 'Z' ? words[i] | 0x20
							      : words[i]);
	for (w = words; w < words + n && !found; w += strlen(w) + 1)
		for (at = *w ? strstr(low, w) : NULL; at && !found;
		     at = strstr(at + 1, w))
			found = (at == low || !ref_label_byte(at[-1])) &&
				!ref_label_byte(at[strlen(w)]);
	return found;
}

static long ref_find(const char *t, size_t len, const char *p, size_t n,
		     const char *code);

/* Where phrase p, as the catalog writes it, first occurs in t; or -1. */
static long ref_find_any_case(const char *t, const char *p)
{
	char low[512];
	size_t i, n = strlen(p);
	assert_true(n < sizeof low);
	for (i = 0; i < n; i++)
		low[i] = (char)(p[i] >= 'A' && p[i] <= 'Z' ? p[i] | 0x20 : p[i]);
	return ref_find(t, strlen(t), low, n, NULL);
}

/* Whether each phrase of response e that occurs in t is a common one (an
 * item with aux 1), and there is at least one. */
static int only_common_phrases(const smtpcode_entry *e, const char *t)
{
	smtpcode_item it;
	size_t j;
	int n = 0;
	for (j = 0; smtpcode_item_at(e, j, &it); j++) {
		if (it.field != SMTPCODE_FIELD_PHRASE ||
		    ref_find_any_case(t, it.text) < 0)
			continue;
		if (!it.aux)
			return 0;
		n++;
	}
	return n > 0;
}

/* Every provider reply, in its own real text, is found by explain; but a
 * text found only by a phrase other servers send too, that does not name
 * the provider's hosts, is not taken for the provider's. */
static void explains_own(const smtpcode_entry *e, const char *text)
{
	smtpcode_result r;
	int theirs = ref_names_provider(text, strlen(text), e) ||
		     !only_common_phrases(e, text);
	assert_true(smtpcode_explain(text, strlen(text), &r) > 0);
	if (theirs && r.response != e)
		fail_msg("%s: explain found %s in '%s'", smtpcode_key(e),
			 r.response ? smtpcode_key(r.response) : "nothing", text);
	if (!theirs) {
		if (r.response == e)
			fail_msg("%s: found by a common phrase in '%s', which "
				 "does not name the provider",
				 smtpcode_key(e), text);
		return;
	}
	assert_int_equal(r.verdict, smtpcode_verdict_of(e, 0) == SMTPCODE_HARD &&
						    r.status_class == 4
					    ? SMTPCODE_SOFT
					    : smtpcode_verdict_of(e, 0));
}

static void test_explain_own_texts(void **state)
{
	(void)state;
	assert_true(each_text(1, explains_own) > 0);
}

/* A phrase many servers send ("Mailbox not found", "Access denied")
 * names a provider only in a reply that names the provider's hosts.
 * Real replies, from the shared bounce samples and Sisimai's tests. */
static void test_common_phrase_provider(void **state)
{
	/* lhost-v5sendmail-05: a server in Japan, not QQ Mail */
	const char *other = "550 Requested User Mailbox not found. No such "
			    "user here.";
	/* QQ Mail, with its help link */
	const char *qq = "550 Mailbox not found. http://service.mail.qq.com/"
			 "cgi-bin/help?subtype=1&&id=20022&&no=1000728";
	/* rhost-microsoft-02, as its Diagnostic-Code is folded */
	const char *m365 = "550 5.4.1 [kijitora@example.org]: Recipient\n"
			   "    address rejected: Access denied\n"
			   "    [NEKOCHAN.cat-neko22.prod.protection.outlook.com]";
	smtpcode_result r;
	(void)state;
	assert_true(smtpcode_explain(other, strlen(other), &r) > 0);
	assert_null(r.response);
	assert_ptr_equal(r.reason, find("userunknown"));
	assert_true(smtpcode_explain(qq, strlen(qq), &r) > 0);
	assert_ptr_equal(r.response, find("tencent-5.1.1-mailbox-not-found"));
	assert_true(smtpcode_explain(m365, strlen(m365), &r) > 0);
	assert_ptr_equal(r.response, find("m365-5.4.1-accessdenied"));
	/* the host's name must be whole: "notqq.com" is another domain */
	assert_true(smtpcode_explain("550 Mailbox not found. mx.notqq.com", 35,
				     &r) > 0);
	assert_null(r.response);
}

/* A reply that says no more than its code, at a step where the code's
 * reason cannot come, gets the step's reason. Real replies: the shared
 * samples lhost-exim-35 (after the initial connection; labelled blocked),
 * lhost-exim-51 (after MAIL FROM; labelled rejected), lhost-exim-49 and an
 * Exim bounce's "after end of data" with a phrase of its own. */
static void test_explain_at_step(void **state)
{
	const char *bare = "550 Access denied...7d39d5299584f4be161127e61f5f5400...";
	const char *named = "550 Unknown user azumakuniyuki@ntt.docomo.example.ne.jp";
	const char *coded = "553 5.1.0 neko22nyaan neko.example.com does not "
			    "exist E2110";
	const char *undefined = "5.0.0 550 Rejected";
	const struct {
		const char *text;
		uint32_t step;
		const char *reason; /* NULL: X.1.0's own */
		smtpcode_verdict verdict;
	} t[] = {
		/* no step, or one where it may come: the code's own reason */
		{ bare, 0, "userunknown", SMTPCODE_HARD },
		{ bare, SMTPCODE_PHASE_RCPT, "userunknown", SMTPCODE_HARD },
		/* refused before any recipient was named, or after the data */
		{ bare, SMTPCODE_PHASE_CONNECT, "blocked", SMTPCODE_SOFT },
		{ bare, SMTPCODE_PHASE_MAIL, "rejected", SMTPCODE_SOFT },
		{ bare, SMTPCODE_PHASE_EOD, "onhold", SMTPCODE_SOFT },
		/* an enhanced code keeps its reason from RCPT TO on; before
		 * it, no recipient was named (lhost-exim-51, after MAIL FROM) */
		{ coded, SMTPCODE_PHASE_MAIL, "rejected", SMTPCODE_SOFT },
		{ coded, SMTPCODE_PHASE_EOD, NULL, SMTPCODE_HARD },
		/* a phrase says more than the code: kept at any step */
		{ named, SMTPCODE_PHASE_EOD, "userunknown", SMTPCODE_HARD },
		/* X.0.0 says no more than the reply code, which decides as
		 * if alone: Postfix's dsn=5.0.0 for a reply without an
		 * enhanced code, lhost-exim-49 ("550 Rejected" after EHLO,
		 * Status 5.0.0; labelled blocked) and lhost-postfix-46 (after
		 * RCPT TO; labelled userunknown) */
		{ undefined, SMTPCODE_PHASE_HELO, "blocked", SMTPCODE_SOFT },
		{ undefined, SMTPCODE_PHASE_MAIL, "rejected", SMTPCODE_SOFT },
		{ undefined, SMTPCODE_PHASE_RCPT, "userunknown", SMTPCODE_HARD },
		{ undefined, SMTPCODE_PHASE_EOD, "onhold", SMTPCODE_SOFT },
		{ undefined, 0, "userunknown", SMTPCODE_HARD },
		/* the code alone, at a step where its own reason cannot
		 * come: the first reason its entry names that can (552 names
		 * mailboxfull, then emailtoolarge: RFC 1870's SIZE refusal) */
		{ "552", SMTPCODE_PHASE_MAIL, "emailtoolarge", SMTPCODE_SOFT },
		{ "552", SMTPCODE_PHASE_RCPT, "mailboxfull", SMTPCODE_SOFT },
		{ "552", SMTPCODE_PHASE_BDAT, "emailtoolarge", SMTPCODE_SOFT },
		/* X.0.0 alone: the step decides where it has a reason */
		{ "5.0.0 Rejected", SMTPCODE_PHASE_HELO, "blocked",
		  SMTPCODE_SOFT },
		{ "5.0.0 Rejected", SMTPCODE_PHASE_RCPT, "onhold", SMTPCODE_SOFT },
	};
	smtpcode_result r;
	size_t i;
	(void)state;
	for (i = 0; i < sizeof t / sizeof *t; i++) {
		const smtpcode_entry *want = t[i].reason
			? find(t[i].reason) : smtpcode_reason_of(find("X.1.0"), 5);
		assert_true(smtpcode_explain_at(t[i].text, strlen(t[i].text),
						t[i].step, &r) > 0);
		if (r.reason != want || r.verdict != t[i].verdict)
			fail_msg("'%s' at step %#x: %s %s, not %s %s", t[i].text,
				 (unsigned)t[i].step,
				 r.reason ? smtpcode_key(r.reason) : "no reason",
				 smtpcode_verdict_name(r.verdict),
				 smtpcode_key(want),
				 smtpcode_verdict_name(t[i].verdict));
	}
	/* smtpcode_explain is smtpcode_explain_at without a step */
	assert_true(smtpcode_explain(bare, strlen(bare), &r) > 0);
	assert_ptr_equal(r.reason, find("userunknown"));
	/* the step's reason gives the verdict and who acts */
	assert_true(smtpcode_explain_at(bare, strlen(bare),
					SMTPCODE_PHASE_CONNECT, &r) > 0);
	assert_ptr_equal(r.by, find("blocked"));
	assert_int_equal(r.act, smtpcode_act_of(find("blocked"), 5));
}

static void test_explain_generic(void **state)
{
	smtpcode_result r;
	const char *t = "452 4.2.2 The email account that you tried to reach "
			"is over quota";
	(void)state;
	assert_true(smtpcode_explain("550 5.1.1 <nobody@example.org>: "
				     "Recipient address rejected", 58, &r) > 0);
	assert_int_equal(r.reply_code, 550);
	assert_ptr_equal(r.status, find("X.1.1"));
	assert_int_equal(r.status_at, 4);
	assert_int_equal(r.status_len, 5);
	assert_int_equal(r.verdict, SMTPCODE_HARD);
	/* a temporary failure never kills an address */
	assert_true(smtpcode_explain(t, strlen(t), &r) > 0);
	assert_int_not_equal(r.verdict, SMTPCODE_HARD);
	/* Zoho (shared sample lhost-zoho-02) writes the codes as fields */
	t = "Invalid Address, ERROR_CODE :550, ERROR_CODE :5.2.1 "
	    "<mikeneko@example.co.jp>... User Unknown";
	assert_true(smtpcode_explain(t, strlen(t), &r) > 0);
	assert_int_equal(r.reply_code, 550);
	assert_int_equal(r.reply_at, 29);
	assert_ptr_equal(r.status, find("X.2.1"));
	/* a DSN field pasted as it is, no blank after the type (shared
	 * sample lhost-messagingserver-09) */
	t = "Diagnostic code: smtp;550 <otsu-sakaba-hunter-neko-nyaaaaaaan@"
	    "ezweb.ne.jp>: User unknown";
	assert_true(smtpcode_explain(t, strlen(t), &r) > 0);
	assert_int_equal(r.reply_code, 550);
	assert_int_equal(r.reply_at, 22);
	assert_int_equal(smtpcode_explain("hello world", 11, &r), 0);
	assert_int_equal(r.verdict, SMTPCODE_NONE);
	assert_int_equal(smtpcode_explain(NULL, 0, &r), 0);
	assert_int_equal(smtpcode_explain("", 0, &r), 0);
}

/* A success and a failure never stand for each other. Amazon SES's
 * delivery notice (shared sample lhost-amazonses-13) carries "250 2.6.0":
 * the registry has X.6.0 for classes 4 and 5 only, so the verdict is the
 * 250's, not X.6.0's content failure. */
static void test_explain_class(void **state)
{
	const char *t = "250 2.6.0 Message received";
	smtpcode_result r;
	size_t i;
	int c;
	(void)state;
	assert_int_equal(smtpcode_explain(t, strlen(t), &r), 3);
	assert_ptr_equal(r.status, find("X.6.0"));
	assert_ptr_equal(r.by, find("250"));
	assert_int_equal(r.verdict, SMTPCODE_SUCCESS);
	assert_ptr_equal(r.reason, smtpcode_reason(SMTPCODE_REASON_DELIVERED));
	assert_int_equal(r.act, SMTPCODE_ACT_NOBODY);
	/* an enhanced code applies to the classes the registry gives it, and
	 * a failure's to both failure classes; never across success */
	for (i = 0; i < smtpcode_count(); i++) {
		const smtpcode_entry *e = smtpcode_at(i);
		int fails = 0;
		if (smtpcode_kind_of(e) != SMTPCODE_KIND_STATUS)
			continue;
		for (c = 4; c <= 5; c++)
			fails |= (int)(smtpcode_classes(e) >> c & 1u);
		for (c = 2; c <= 5; c += c == 2 ? 2 : 1) {
			int want = (int)(smtpcode_classes(e) >> c & 1u) || (c != 2 && fails);
			if (smtpcode_applies(e, c) != want)
				fail_msg("%s in class %d: applies %d", smtpcode_key(e),
					 c, !want);
		}
	}
	assert_false(smtpcode_applies(find("X.1.5"), 5));
	assert_true(smtpcode_applies(find("X.1.1"), 4));
	assert_true(smtpcode_applies(smtpcode_reason(SMTPCODE_REASON_MAILBOXFULL), 2));
	/* a success whatever failure's words its text holds (a constructed
	 * text: no captured 2xx reply holds a reason's phrase) */
	t = "250 2.0.0 Ok: queued; the old mailbox full warning is gone";
	assert_true(smtpcode_explain(t, strlen(t), &r) > 0);
	assert_ptr_equal(r.reason, smtpcode_reason(SMTPCODE_REASON_MAILBOXFULL));
	assert_int_equal(r.verdict, SMTPCODE_SUCCESS);
}

/* A reason found by its phrase says what failed; the enhanced code says
 * who acts: Postfix's access map refusing a recipient (shared sample
 * lhost-exim-30) is userunknown, and 5.7.1's admin must act, where
 * userunknown alone would send the sender to fix the address. */
static void test_explain_act_of_code(void **state)
{
	const char *t = "554 5.7.1 <kijitora@exmaple.ch>: Recipient address "
			"rejected: Access denied";
	smtpcode_result r;
	(void)state;
	assert_true(smtpcode_explain(t, strlen(t), &r) > 0);
	assert_null(r.response);
	assert_ptr_equal(r.reason, smtpcode_reason(SMTPCODE_REASON_USERUNKNOWN));
	assert_ptr_equal(r.status, find("X.7.1"));
	assert_int_equal(r.act, smtpcode_act_of(find("X.7.1"), 5));
	assert_int_not_equal(r.act, smtpcode_act_of(r.reason, 5));
}

/* The enhanced code tells whose address a phrase is about: Exim's
 * "No such domain" with 5.1.7 (shared sample lhost-exim-50) is the
 * sender's domain (reason hostunknown is a refusal at RCPT, X.1.7 one at
 * MAIL), so the address is not dead. And a response sent in the other
 * class wins over one that only shares the reply code: Postfix answers
 * an unknown sender domain with unknown_address_reject_code, 450 by
 * default and 550 on many sites, the class of its 4.1.8 following. */
static void test_explain_whose_address(void **state)
{
	const char *exim = "550 5.1.7 No such domain neko.example.com.";
	const char *postfix = "550 5.1.8 <kijitora@example.jp>: Sender address "
			      "rejected: Domain not found";
	smtpcode_result r;
	(void)state;
	assert_true(smtpcode_explain(exim, strlen(exim), &r) > 0);
	assert_ptr_equal(r.status, find("X.1.7"));
	assert_ptr_equal(r.by, find("X.1.7"));
	assert_ptr_equal(r.reason, smtpcode_reason(SMTPCODE_REASON_REJECTED));
	assert_int_equal(r.verdict, SMTPCODE_SOFT);
	assert_int_equal(r.phrase_len, 0);
	/* without the code, the phrase is the recipient's domain */
	assert_true(smtpcode_explain(exim + 10, strlen(exim + 10), &r) > 0);
	assert_ptr_equal(r.reason, smtpcode_reason(SMTPCODE_REASON_HOSTUNKNOWN));
	assert_true(smtpcode_explain(postfix, strlen(postfix), &r) > 0);
	assert_ptr_equal(r.response, find("postfix-4.1.8-sender-domain-not-found"));
}

/* text as a multi-line reply: a line break (brk: "\r\n", or " " for the
 * lines joined as Postfix logs them) every 24 bytes or so, each new line
 * starting with the codes again ("550-5.7.26 ", or "550-" for a reply
 * without an enhanced code) and the last with a blank for the hyphen, as
 * the first line's codes get a hyphen. Returns the length, or 0 when it
 * did not fit. */
static size_t wrap_reply(const char *text, const smtpcode_result *codes,
			 const char *brk, char *out, size_t cap)
{
	size_t n = 0, col = 0, i, last = 0, pl;
	char prefix[32];
	if (codes->status_len)
		snprintf(prefix, sizeof prefix, "%s%d-%.*s ", brk,
			 codes->reply_code, (int)codes->status_len,
			 text + codes->status_at);
	else
		snprintf(prefix, sizeof prefix, "%s%d-", brk, codes->reply_code);
	pl = strlen(prefix);
	for (i = 0; text[i]; i++) {
		if (text[i] == ' ' && col > 24 && text[i + 1]) {
			if (n + pl >= cap)
				return 0;
			memcpy(out + n, prefix, pl);
			last = n + strlen(brk) + 3;
			n += pl;
			col = 0;
			continue;
		}
		if (n + 1 >= cap)
			return 0;
		out[n++] = text[i] == ' ' && i == 3 ? '-' : text[i];
		col++;
	}
	if (last)
		out[last] = ' ';
	out[n] = '\0';
	return n;
}

/* Words that every server may send name no provider unless the reply
 * also has the provider's codes: the standard texts of RFC 5321 (4.2.2)
 * and RFC 3207, which Gmail and Postfix send with their own enhanced
 * codes (common="yes" in the catalog), are nobody's in the RFC's form.
 * With the codes, they still are the provider's (test_explain_own_texts). */
static void test_explain_common_words(void **state)
{
	static const char *const std[] = {
		"503 Bad sequence of commands",
		"501 Syntax error (no parameters allowed)",
		"452 Requested action not taken: insufficient system storage",
		"530 Must issue a STARTTLS command first",
	};
	smtpcode_result r;
	size_t i;
	(void)state;
	for (i = 0; i < sizeof std / sizeof *std; i++) {
		assert_true(smtpcode_explain(std[i], strlen(std[i]), &r) > 0);
		if (r.response)
			fail_msg("'%s': %s", std[i], smtpcode_key(r.response));
		assert_int_equal(r.reply_code, (int)strtol(std[i], NULL, 10));
	}
}

/* A multi-line reply repeats its code on every line, and the lines may
 * break inside a phrase ("the sender is\r\n550-5.7.26 unauthenticated",
 * "452-mailbox\r\n452-full"): every real text of a provider reply in the
 * catalog, so wrapped, is explained as the same provider reply as on one
 * line. */
static size_t wrapped; /* texts that test_explain_wrapped wrapped */

static void explains_wrapped(const smtpcode_entry *e, const char *text)
{
	static const char *const brk[] = { "\r\n", " " };
	smtpcode_result one, many;
	char buf[4096];
	size_t len, b;
	smtpcode_explain(text, strlen(text), &one);
	if (!one.reply_code || strtol(text, NULL, 10) != one.reply_code ||
	    text[3] != ' ' || (one.status_len && one.status_at != 4))
		return;
	for (b = 0; b < sizeof brk / sizeof *brk; b++) {
		len = wrap_reply(text, &one, brk[b], buf, sizeof buf);
		if (len <= strlen(text)) /* did not fit, or not wrapped */
			continue;
		smtpcode_explain(buf, len, &many);
		if (many.response != one.response)
			fail_msg("'%s': wrapped, explain finds %s, not %s as on "
				 "one line (%s's text)", buf,
				 many.response ? smtpcode_key(many.response)
					       : "no response",
				 one.response ? smtpcode_key(one.response)
					      : "no response",
				 smtpcode_key(e));
		wrapped++;
	}
}

/* A 4xx reply asks the sender to try again, whatever its enhanced code
 * says (Gmail's "421-5.7.32 ... blocked"): never hard. Every real text of
 * the catalog with a failure's reply code, as a 4xx reply with its
 * enhanced code in class 5 ("550 5.1.1 ..." as "450 5.1.1 ...", "421
 * 4.7.0 ..." as "421 5.7.0 ..."), as servers that mix the classes send
 * them. */
static size_t transient; /* texts that test_transient_never_hard read */

static void transient_text(const smtpcode_entry *e, const char *text)
{
	smtpcode_result r;
	char buf[1024];
	size_t len = strlen(text);
	(void)e;
	if (len >= sizeof buf || (text[0] != '4' && text[0] != '5') ||
	    !smtpcode_explain(text, len, &r) || r.reply_at != 0)
		return;
	memcpy(buf, text, len + 1);
	buf[0] = '4';
	if (r.status_len && buf[r.status_at] == '4')
		buf[r.status_at] = '5';
	assert_true(smtpcode_explain(buf, len, &r) > 0);
	if (r.verdict == SMTPCODE_HARD)
		fail_msg("'%s' is hard", buf);
	transient++;
}

static void test_transient_never_hard(void **state)
{
	(void)state;
	transient = 0;
	each_text(0, transient_text);
	assert_true(transient > 50);
}

/* Every enhanced code in every class: a success is never a failure's
 * verdict nor the reverse (4.6.4 was "success", 2.1.1 "hard"), and the
 * verdict is the one explain gives for the code alone. */
static void test_class_verdicts(void **state)
{
	static const int classes[3] = { 2, 4, 5 };
	size_t i, j, n = 0;
	(void)state;
	for (i = 0; i < smtpcode_count(); i++) {
		const smtpcode_entry *e = smtpcode_at(i);
		uint32_t code = smtpcode_code(e);
		if (smtpcode_kind_of(e) != SMTPCODE_KIND_STATUS ||
		    SMTPCODE_STATUS_DETAIL(code) == SMTPCODE_X)
			continue;
		for (j = 0; j < 3; j++) {
			int cls = classes[j];
			smtpcode_verdict v = smtpcode_verdict_of(e, cls);
			smtpcode_result r;
			char text[16];
			snprintf(text, sizeof text, "%d.%d.%d", cls,
				 (int)SMTPCODE_STATUS_SUBJECT(code),
				 (int)SMTPCODE_STATUS_DETAIL(code));
			if ((v == SMTPCODE_SUCCESS) != (cls == 2))
				fail_msg("%s: %s", text, smtpcode_verdict_name(v));
			assert_true(smtpcode_explain(text, strlen(text), &r) > 0);
			if (r.verdict != v ||
			    r.reason != smtpcode_reason_of(e, cls) ||
			    r.act != smtpcode_act_of(e, cls))
				fail_msg("%s: explain says %s, the entry %s", text,
					 smtpcode_verdict_name(r.verdict),
					 smtpcode_verdict_name(v));
			n++;
		}
	}
	assert_true(n > 200);
}

/* The command a reply's text names, from the shared samples' texts
 * (Postfix's "in reply to", Exim's "after"); and smtpcode_explain reads it
 * where the codes alone decide, as the command line does. */
static void test_command(void **state)
{
	static const struct {
		const char *text, *name;
		uint32_t step;
	} t[] = {
		{ "90% (in reply to end of DATA command)", "DATA",
		  SMTPCODE_PHASE_DATA | SMTPCODE_PHASE_EOD | SMTPCODE_PHASE_BDAT },
		{ "SMTP error from remote mail server after RCPT TO:<sabatora@"
		  "example.jp>:", "RCPT TO", SMTPCODE_PHASE_RCPT },
		{ "SMTP error from remote mail server after MAIL FROM:<shironeko@"
		  "example.org>:", "MAIL FROM", SMTPCODE_PHASE_MAIL },
		{ "SMTP error from remote mail server after end of data:", "DATA",
		  SMTPCODE_PHASE_DATA | SMTPCODE_PHASE_EOD | SMTPCODE_PHASE_BDAT },
		{ "550 5.1.1 <bob@example.org>: Recipient address rejected",
		  NULL, 0 },
	};
	static const char *const exim =
		"SMTP error from remote mail server after MAIL FROM:<sironeko-"
		"nyaan@neko.example.com>: 550 Access denied";
	smtpcode_result r;
	uint32_t step;
	size_t i;
	(void)state;
	for (i = 0; i < sizeof t / sizeof *t; i++) {
		const char *name = smtpcode_command(t[i].text, strlen(t[i].text),
						    &step);
		if ((name == NULL) != (t[i].name == NULL) ||
		    (name && strcmp(name, t[i].name) != 0) || step != t[i].step)
			fail_msg("'%s': %s %#x", t[i].text, name ? name : "none",
				 (unsigned)step);
		/* the name gives the same step back, in any case */
		if (name)
			assert_int_equal(smtpcode_command_step(name, strlen(name)),
					 t[i].step);
	}
	assert_int_equal(smtpcode_command_step("rcpt", 4), SMTPCODE_PHASE_RCPT);
	assert_int_equal(smtpcode_command_step("RCPT TO:", 8), 0);
	assert_int_equal(smtpcode_command_step(NULL, 0), 0);
	assert_null(smtpcode_command(NULL, 0, &step));
	/* lhost-exim-51's reply, with the line before it */
	assert_true(smtpcode_explain(exim, strlen(exim), &r) > 0);
	assert_ptr_equal(r.reason, find("rejected"));
	assert_int_equal(r.verdict, SMTPCODE_SOFT);
	/* a step the caller gives wins over the text's */
	assert_true(smtpcode_explain_at(exim, strlen(exim), SMTPCODE_PHASE_RCPT,
					&r) > 0);
	assert_ptr_equal(r.reason, find("userunknown"));
}

/* Where a gap between two words of a phrase ends: past a reply code that
 * a continuation line repeats, not past a number of the text. From real
 * replies: Gmail's attachment limit, and lhost-sendmail-26's multi-line
 * 503 without enhanced codes. */
static size_t ref_gap(const char *t, size_t len, size_t i, int number_next,
		      const char *code);

static void test_gap(void **state)
{
	static const struct {
		const char *t;
		size_t at, end;
		int number;       /* the phrase's next word is a number */
		const char *code; /* of the joined reply's first line */
	} g[] = {
		{ "limit of 500 attachments", 8, 9, 0, NULL },        /* "500": text */
		{ "this error:\r\n503-unknown user", 11, 17, 0, NULL }, /* a code */
		{ "this error: 503-unknown user", 11, 16, 0, NULL },     /* joined */
		{ "with this\r\n503 Valid RCPT", 9, 15, 0, NULL },        /* last line */
		{ "with this 503 Valid RCPT", 9, 10, 0, NULL },           /* a number */
		{ "sender is\r\n550-5.7.26 unauthenticated", 9, 22, 0,
		  NULL },
		/* Postfix joins a multi-line reply's lines: its code, with a
		 * blank, is a line's code (Microsoft's Sender ID reply) */
		{ "550-command rejected due to Sender 550 ID validation", 34,
		  39, 0, "550" },
		{ "550-limit of 500 attachments", 12, 13, 0, "550" },
		/* a number next in the phrase: only a code after a line end
		 * (Gmail's "not RFC 5322 compliant", wrapped) */
		{ "not RFC\r\n550 5.7.1 5322 compliant", 7, 19, 1, NULL },
		{ "not RFC 550-5.7.1 5322 compliant", 7, 8, 1, NULL },
		{ "550-not RFC 550 5.7.1 5322 compliant", 11, 22, 1, "550" },
		{ "the limit\r\n550-500 messages", 9, 15, 1, NULL },
	};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof g / sizeof *g; i++) {
		size_t len = strlen(g[i].t);
		size_t end = smtpcode__gap(g[i].t, len, g[i].at, g[i].number,
					   g[i].code);
		if (end != g[i].end)
			fail_msg("'%s' at %zu: the gap ends at %zu, not %zu",
				 g[i].t, g[i].at, end, g[i].end);
		assert_int_equal(ref_gap(g[i].t, len, g[i].at, g[i].number,
					 g[i].code),
				 g[i].end);
	}
}

static void test_explain_wrapped(void **state)
{
	/* Gmail's text, broken before a number of the phrase "not RFC 5322
	 * compliant" (Postfix joins the lines with a blank) */
	static const char *const split[] = {
		"550-5.7.1 This message is not RFC\r\n550-5.7.1 5322 compliant."
		" To reduce the amount of spam sent to Gmail, this message has\r\n"
		"550 5.7.1 been blocked.",
		"550-5.7.1 This message is not RFC 550-5.7.1 5322 compliant. To "
		"reduce the amount of spam sent to Gmail, this message has 550 "
		"5.7.1 been blocked.",
	};
	smtpcode_result r;
	size_t i;
	(void)state;
	wrapped = 0;
	each_text(1, explains_wrapped);
	assert_true(wrapped > 200);
	for (i = 0; i < sizeof split / sizeof *split; i++) {
		assert_true(smtpcode_explain(split[i], strlen(split[i]), &r) > 0);
		if (r.response != find("gmail-5.7.1-not-rfc5322"))
			fail_msg("'%s': %s", split[i],
				 r.response ? smtpcode_key(r.response) : "none");
	}
}

/* ------------------------------------------ explain's phrase index */

static int ref_blank(char c)
{
	return c && strchr(" \t\r\n", c) != NULL;
}

/* How many bytes of t[i..len) are a number of 1 to 3 digits. */
static size_t ref_number(const char *t, size_t len, size_t i)
{
	size_t n = 0;
	while (i + n < len && n < 3 && t[i + n] >= '0' && t[i + n] <= '9')
		n++;
	return n;
}

/* The end of a gap at t[i]: blanks; then, after a line end, as the joined
 * reply's code, or unless a number comes next in the phrase, a code a
 * multi-line reply repeats
 * ("550-", "550 ", each maybe with "5.7.26"; "550 " alone only after a
 * line end or as the code of a joined reply's first line) and the blanks
 * after it. */
static size_t ref_gap(const char *t, size_t len, size_t i, int number_next,
		      const char *code)
{
	size_t j, d;
	int nl = 0;
	while (i < len && ref_blank(t[i]))
		nl |= t[i] == '\n' || t[i] == '\r', i++;
	if ((number_next && !nl && !(code && strncmp(t + i, code, 3) == 0)) ||
	    ref_number(t, len, i) != 3 || t[i] < '2' || t[i] > '5' ||
	    i + 3 >= len || (t[i + 3] != '-' && t[i + 3] != ' '))
		return i;
	j = i + 4;
	if (j + 1 < len && strchr("245", t[j]) && t[j] && t[j + 1] == '.' &&
	    (d = ref_number(t, len, j + 2)) > 0 && j + 2 + d < len &&
	    t[j + 2 + d] == '.' && ref_number(t, len, j + 3 + d) > 0) {
		j += 3 + d + ref_number(t, len, j + 3 + d);
		if (j >= len || !ref_blank(t[j]))
			return i;
	} else if (t[i + 3] == ' ' && !nl &&
		   !(code && strncmp(t + i, code, 3) == 0)) { /* of the text */
		return i;
	}
	while (j < len && ref_blank(t[j]))
		j++;
	return j;
}

/* Whether the lower-case phrase p is at t[i], a blank of it matching a
 * gap of the text, ignoring case. */
static int ref_at(const char *t, size_t len, size_t i, const char *p, size_t n,
		  const char *code)
{
	size_t j;
	for (j = 0; j < n; j++) {
		unsigned char c;
		if (p[j] == ' ' && i < len && ref_blank(t[i])) {
			i = ref_gap(t, len, i,
				    j + 1 < n && p[j + 1] >= '0' && p[j + 1] <= '9',
				    code);
			continue;
		}
		if (i >= len)
			return 0;
		c = (unsigned char)t[i++];
		if (c >= 'A' && c <= 'Z')
			c |= 0x20;
		if (c != (unsigned char)p[j])
			return 0;
	}
	return 1;
}

/* Where the lower-case phrase p first occurs in t, ignoring case; or -1. */
static long ref_find(const char *t, size_t len, const char *p, size_t n,
		     const char *code)
{
	size_t i;
	for (i = 0; i + n <= len; i++)
		if (ref_at(t, len, i, p, n, code))
			return (long)i;
	return -1;
}

/* The plain rule, without the index: every phrase in table order; for a
 * response the best score (code agrees, then length), the first in the
 * table on a tie, a common phrase only with the response's codes (and a
 * provider's only where the reply names it); for a
 * reason the first phrase that occurs. */
static void ref_phrases(const char *t, size_t len, const smtpcode_result *codes,
			const smtpcode_entry **resp, const smtpcode_entry **reason,
			long *at)
{
	size_t i;
	int best = -1;
	/* a multi-line reply's code ("550-"), repeated in its joined lines */
	const char *code = codes->reply_code && codes->reply_at + 3 < len &&
				   t[codes->reply_at + 3] == '-'
				   ? t + codes->reply_at : NULL;
	*resp = *reason = NULL;
	*at = -1;
	for (i = 0; i < SMTPCODE__NPHRASES; i++) {
		const smtpcode__phrase_t *ph = &smtpcode__phrases[i];
		const smtpcode_entry *e = &smtpcode__entries[ph->entry];
		long w = ref_find(t, len, smtpcode__s(ph->str), ph->len, code);
		int score = (int)ph->len;
		int same = codes->status_len &&
			   e->smtpcode__sent == SMTPCODE__KEY(codes->status_class,
							      codes->status_subject,
							      codes->status_detail);
		if (w < 0)
			continue;
		/* words others use too count only with the response's codes,
		 * and a provider's only where the reply names its hosts */
		if ((ph->flags & SMTPCODE__COMMON) &&
		    (codes->reply_code != e->smtpcode__reply ||
		     (e->smtpcode__sent && !same) ||
		     !ref_names_provider(t, len, e)))
			continue;
		if (same)
			score += 2048;
		else if (codes->status_len && e->smtpcode__sent &&
			 SMTPCODE_STATUS_SUBJECT(e->smtpcode__sent) ==
				 codes->status_subject &&
			 SMTPCODE_STATUS_DETAIL(e->smtpcode__sent) ==
				 codes->status_detail)
			score += 1536;
		else if (codes->reply_code && e->smtpcode__reply == codes->reply_code)
			score += 1024;
		if (score > best)
			best = score, *resp = e, *at = w;
	}
	for (i = 0; !*resp && i < SMTPCODE__NRPHRASES; i++) {
		const smtpcode__phrase_t *ph = &smtpcode__rphrases[i];
		long w = ref_find(t, len, smtpcode__s(ph->str), ph->len, code);
		if (w >= 0) {
			*reason = &smtpcode__entries[ph->entry];
			*at = w;
			break;
		}
	}
}

static void same_phrases(const char *t, size_t len)
{
	smtpcode_result codes, r;
	const smtpcode_entry *resp, *reason;
	long at;
	int ok;
	smtpcode_codes(t, len, &codes);
	if (codes.response) /* a provider's own number: no phrase is sought */
		return;
	ref_phrases(t, len, &codes, &resp, &reason, &at);
	smtpcode_explain(t, len, &r);
	ok = r.response == resp && (resp || !reason || r.reason == reason);
	if (ok)
		ok = at >= 0 ? r.phrase_len > 0 && (long)r.phrase_at == at
			     : r.phrase_len == 0;
	if (!ok)
		fail_msg("'%.*s': explain found %s at %zu, the plain scan %s at %ld",
			 (int)len, t,
			 r.response ? smtpcode_key(r.response) : "no response",
			 r.phrase_at, resp ? smtpcode_key(resp) : "no response", at);
}

/* explain finds each phrase through an index by its first two bytes; it
 * must find what a scan of every phrase finds: in every real text of the
 * catalog, in each phrase with its case flipped and something around it,
 * and in strings that hold two phrases. */
static void same_phrases_text(const smtpcode_entry *e, const char *text)
{
	(void)e;
	same_phrases(text, strlen(text));
}

static void test_phrase_index(void **state)
{
	size_t i, n;
	char buf[512];
	(void)state;
	n = each_text(0, same_phrases_text);
	for (i = 0; i < SMTPCODE__NPHRASES + SMTPCODE__NRPHRASES; i++) {
		const smtpcode__phrase_t *a = i < SMTPCODE__NPHRASES
			? &smtpcode__phrases[i] : &smtpcode__rphrases[i - SMTPCODE__NPHRASES];
		const smtpcode__phrase_t *b = &smtpcode__rphrases[(i * 7) % SMTPCODE__NRPHRASES];
		int len = snprintf(buf, sizeof buf, "550 x%s; %s.", smtpcode__s(a->str),
				   smtpcode__s(b->str));
		same_phrases(buf, (size_t)len);
		flip_case(buf);
		same_phrases(buf, (size_t)len);
		len = snprintf(buf, sizeof buf, "%s", smtpcode__s(a->str));
		same_phrases(buf, (size_t)len);
		same_phrases(buf, (size_t)len - 1); /* one byte short */
		len = snprintf(buf, sizeof buf, "%s, %s", smtpcode__s(a->str),
			       smtpcode__s(a->str)); /* twice: the first counts */
		same_phrases(buf, (size_t)len);
		n += 5;
	}
	assert_true(n > 3000);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_key),
		cmocka_unit_test(test_reason_ids),
		cmocka_unit_test(test_status_notations),
		cmocka_unit_test(test_pairs_and_rows),
		cmocka_unit_test(test_near_misses),
		cmocka_unit_test(test_same_as_reference),
		cmocka_unit_test(test_same_as_reference_random),
		cmocka_unit_test(test_explain_own_texts),
		cmocka_unit_test(test_common_phrase_provider),
		cmocka_unit_test(test_explain_at_step),
		cmocka_unit_test(test_class_verdicts),
		cmocka_unit_test(test_gap),
		cmocka_unit_test(test_explain_generic),
		cmocka_unit_test(test_explain_class),
		cmocka_unit_test(test_explain_act_of_code),
		cmocka_unit_test(test_explain_whose_address),
		cmocka_unit_test(test_explain_common_words),
		cmocka_unit_test(test_explain_wrapped),
		cmocka_unit_test(test_command),
		cmocka_unit_test(test_transient_never_hard),
		cmocka_unit_test(test_phrase_index),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
