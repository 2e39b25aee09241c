/* suggest: "did you mean ...?" for a word that names nothing: the
 * candidates a typing slip or two away from it. */
#include <string.h>

#include "cli.h"

/* Words longer than this get no suggestion. */
#define WORD_MAX 64

/* The edit distance of a and b, ignoring case (insertions, deletions,
 * substitutions and swaps of neighbours), or more than max. */
static size_t distance(const char *a, size_t na, const char *b, size_t nb,
		       size_t max)
{
	size_t d[3][WORD_MAX + 1], i, j;
	if (na > WORD_MAX || nb > WORD_MAX ||
	    (na > nb ? na - nb : nb - na) > max)
		return max + 1;
	for (j = 0; j <= nb; j++)
		d[0][j] = j;
	for (i = 1; i <= na; i++) {
		size_t *r = d[i % 3], *p = d[(i + 2) % 3], *pp = d[(i + 1) % 3];
		size_t low;
		r[0] = low = i;
		int ca = bounce_lower((unsigned char)a[i - 1]);
		int ca2 = i > 1 ? bounce_lower((unsigned char)a[i - 2]) : -1;
		for (j = 1; j <= nb; j++) {
			int cb = bounce_lower((unsigned char)b[j - 1]);
			int cb2 = j > 1 ? bounce_lower((unsigned char)b[j - 2]) : -2;
			size_t v = p[j - 1] + (ca != cb);
			if (p[j] + 1 < v)
				v = p[j] + 1;
			if (r[j - 1] + 1 < v)
				v = r[j - 1] + 1;
			if (ca == cb2 && ca2 == cb && pp[j - 2] + 1 < v)
				v = pp[j - 2] + 1; /* two neighbours swapped */
			r[j] = v;
			if (v < low)
				low = v;
		}
		if (low > max)
			return max + 1;
	}
	return d[na % 3][nb];
}

void suggest_init(suggest *sg, const char *word, size_t len)
{
	sg->word = word;
	sg->len = len;
	sg->n = 0;
	sg->best = len <= 4 ? 1 : len <= 10 ? 2 : 3;
}

/* Keep s at distance d: the nearest win, a few of them, each once. */
static void take(suggest *sg, const char *s, size_t d)
{
	size_t i;
	if (d > sg->best)
		return;
	if (d < sg->best)
		sg->best = d, sg->n = 0;
	for (i = 0; i < sg->n; i++)
		if (!strcmp(sg->s[i], s))
			return;
	if (sg->n < SUGGEST_MAX)
		sg->s[sg->n++] = s;
}

void suggest_offer(suggest *sg, const char *candidate)
{
	take(sg, candidate,
	     distance(sg->word, sg->len, candidate, strlen(candidate),
		      sg->best));
}

void suggest_match(suggest *sg, const char *candidate)
{
	take(sg, candidate, 0);
}

int suggest_say(const cli *c, const suggest *sg)
{
	size_t i;
	for (i = 0; i < sg->n; i++)
		fprintf(stderr, "%s%s'%s'%s", i ? "" : c->prog,
			i ? (i + 1 == sg->n ? " or " : ", ") : ": did you mean ",
			sg->s[i], i + 1 == sg->n ? "?\n" : "");
	return sg->n > 0;
}

/* A byte of a word: a letter, a digit, or a dot inside a word
 * ("Outlook.com"). */
static int word_byte(const char *s)
{
	int l = bounce_lower((unsigned char)*s);
	if (*s == '.')
		l = bounce_lower((unsigned char)s[1]);
	return (l >= 'a' && l <= 'z') || (l >= '0' && l <= '9');
}

/* Whether w is one of the words of s, ignoring case: "gmail" of "Google
 * (Gmail, Google Workspace)", "icloud.com" of "icloud.com me.com". A
 * domain's first label counts as a word of it ("icloud"). */
static int has_word(const char *s, const char *w, size_t n)
{
	size_t i;
	while (n && *s) {
		while (*s && !word_byte(s))
			s++;
		for (i = 0; i < n && s[i] && bounce_lower((unsigned char)s[i]) ==
					bounce_lower((unsigned char)w[i]);
		     i++)
			;
		if (i == n && (!word_byte(s + n) || s[n] == '.'))
			return 1;
		while (*s && word_byte(s))
			s++;
	}
	return 0;
}

int suggest_same(const char *a, const char *b)
{
	for (; *a && bounce_lower((unsigned char)*a) ==
		      bounce_lower((unsigned char)*b); a++, b++)
		;
	return *a == *b;
}

const smtpcode_provider_info *suggest_provider(const char *id)
{
	size_t i;
	for (i = 0; i < smtpcode_provider_count(); i++)
		if (suggest_same(id, smtpcode_provider_at(i)->id))
			return smtpcode_provider_at(i);
	return NULL;
}

void suggest_providers(suggest *sg)
{
	size_t i;
	for (i = 0; i < smtpcode_provider_count(); i++) {
		const smtpcode_provider_info *p = smtpcode_provider_at(i);
		if (has_word(p->name, sg->word, sg->len) ||
		    has_word(p->domains, sg->word, sg->len))
			suggest_match(sg, p->id);
		suggest_offer(sg, p->id);
	}
}
