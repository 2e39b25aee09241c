/* smtpcode search WORDS...: every word must occur (ignoring case) in an
 * entry's key, name, summary, meaning, causes or phrases; entries are
 * ranked by where the words occur: key and name first, then summary and
 * phrases, then the rest. An operand of several words ('mailbox full') is
 * its words, and counts once more where it occurs as it is. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static int contains(const char *hay, const char *word)
{
	size_t n = strlen(word), i, j;
	for (i = 0; hay[i]; i++) {
		for (j = 0; j < n && hay[i + j]; j++) {
			unsigned char a = (unsigned char)hay[i + j],
				      b = (unsigned char)word[j];
			if (a >= 'A' && a <= 'Z')
				a |= 0x20;
			if (b >= 'A' && b <= 'Z')
				b |= 0x20;
			if (a != b)
				break;
		}
		if (j == n)
			return 1;
	}
	return 0;
}

/* The score of one word in e: 0 when it does not occur. */
static int word_score(const smtpcode_entry *e, const char *w)
{
	smtpcode_item it;
	size_t i;
	int s = 0;
	if (contains(smtpcode_key(e), w) || contains(smtpcode_name(e), w))
		s += 8;
	if (contains(smtpcode_summary(e), w))
		s += 4;
	if (contains(smtpcode_sample(e), w))
		s += 4;
	if (contains(smtpcode_meaning(e), w))
		s += 2;
	for (i = 0; smtpcode_item_at(e, i, &it); i++) {
		if (it.field == SMTPCODE_FIELD_PHRASE && contains(it.text, w))
			s += 3;
		else if (it.field == SMTPCODE_FIELD_CAUSE && contains(it.text, w))
			s += 1;
	}
	return s;
}

int search_finds(const char *word)
{
	size_t i;
	for (i = 0; i < smtpcode_count(); i++)
		if (word_score(smtpcode_at(i), word))
			return 1;
	return 0;
}

typedef struct hit {
	size_t index;
	int score;
} hit;

/* Best first; equal scores keep the catalog's order. */
static int by_score(const void *a, const void *b)
{
	const hit *x = a, *y = b;
	if (x->score != y->score)
		return y->score - x->score;
	return x->index < y->index ? -1 : 1;
}

/* The words of the operands, split at blanks ("spf dkim" is two words),
 * into a list that points into a copy the caller frees (*buf); returns
 * how many, or -1 when out of memory. */
static int split_words(int argc, char **argv, char ***words, char **buf)
{
	size_t len = 0, at = 0;
	int i, n = 0;
	char *s;
	for (i = 0; i < argc; i++)
		len += strlen(argv[i]) + 1;
	*buf = malloc(len + 1);
	*words = malloc((len / 2 + 1) * sizeof **words);
	if (!*buf || !*words)
		return -1;
	for (i = 0; i < argc; i++) {
		size_t k = strlen(argv[i]) + 1; /* with its NUL */
		memcpy(*buf + at, argv[i], k);
		at += k;
	}
	for (s = *buf; s < *buf + len; s++) {
		if (*s == ' ' || *s == '\t' || *s == '\0') {
			*s = '\0';
			continue;
		}
		if (s == *buf || s[-1] == '\0')
			(*words)[n++] = s;
	}
	return n;
}

/* The score of e for the query: 0 unless every word occurs; an operand
 * of several words that occurs as it is counts on top. */
static int entry_score(const smtpcode_entry *e, char **words, int nwords,
		       int argc, char **argv)
{
	int total = 0, s, i;
	for (i = 0; i < nwords; i++) {
		if (!(s = word_score(e, words[i])))
			return 0;
		total += s;
	}
	for (i = 0; i < argc; i++)
		if (strchr(argv[i], ' '))
			total += word_score(e, argv[i]);
	return total;
}

int cmd_search(cli *c, int argc, char **argv)
{
	hit *hits = calloc(smtpcode_count(), sizeof *hits);
	char **words = NULL, *buf = NULL;
	int nwords = split_words(argc, argv, &words, &buf);
	size_t i, n = 0;
	int rc = EXIT_FOUND;

	if (!hits || nwords < 0) {
		cli_error(c, "out of memory");
		rc = EXIT_UNREADABLE;
		goto done;
	}
	if (nwords == 0) {
		cli_error(c, "search needs words");
		rc = EXIT_USAGE;
		goto done;
	}
	for (i = 0; i < smtpcode_count(); i++) {
		int s = entry_score(smtpcode_at(i), words, nwords, argc, argv);
		if (s)
			hits[n].index = i, hits[n++].score = s;
	}
	qsort(hits, n, sizeof *hits, by_score);
	for (i = 0; i < n; i++) {
		const smtpcode_entry *e = smtpcode_at(hits[i].index);
		if (c->json)
			json_entry(stdout, e);
		else if (c->detail == DETAIL_FULL)
			show_entry(c, stdout, e, NULL, 0);
		else
			printf("%s\t%s\t%s\n", smtpcode_key(e),
			       smtpcode_kind_name(smtpcode_kind_of(e)),
			       smtpcode_summary(e));
	}
	if (n == 0) {
		fprintf(stderr, "%s: nothing found\n", c->prog);
		rc = EXIT_UNKNOWN;
	}
done:
	free(hits);
	free(words);
	free(buf);
	return rc;
}
