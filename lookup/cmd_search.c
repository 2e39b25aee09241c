/* smtpcode search WORDS...: every word must occur (ignoring case) in an
 * entry's key, name, summary, meaning, causes or phrases; entries are
 * ranked by where the words occur: key and name first, then summary and
 * phrases, then the rest. */
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

int cmd_search(cli *c, int argc, char **argv)
{
	hit *hits = calloc(smtpcode_count(), sizeof *hits);
	size_t i, n = 0;
	int w;

	if (argc == 0 || !hits) {
		free(hits);
		cli_error(c, "search needs words");
		return EXIT_USAGE;
	}
	for (i = 0; i < smtpcode_count(); i++) {
		int total = 0, s = 1;
		for (w = 0; w < argc && s; w++)
			total += s = word_score(smtpcode_at(i), argv[w]);
		if (s)
			hits[n].index = i, hits[n++].score = total;
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
	free(hits);
	if (n == 0) {
		fprintf(stderr, "%s: nothing found\n", c->prog);
		return EXIT_UNKNOWN;
	}
	return EXIT_FOUND;
}
