/* smtpcode search WORDS...: every word must occur (ignoring case) in an
 * entry's key, name, summary, meaning, causes, fixes, phrases or reply
 * texts, or name the entry or one of its related codes; entries are ranked
 * by where the words occur: the entry a code names first ("5.1.1": X.1.1),
 * then key and name, then summary and phrases, then the rest. An operand
 * of several words ('mailbox full') is its words, and counts once more
 * where it occurs as it is. Punctuation around a word is not part of it
 * ("full." is "full"), and a hyphen between words parts them
 * ("rate-limit"). */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli.h"

static int is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

/* Whether word occurs in hay, ignoring the case of letters; a word that
 * ends in a digit does not end inside a number ("5.1.1" is not in
 * "5.1.10"), nor does one that starts with a digit start inside one. */
static int contains(const char *hay, const char *word)
{
	size_t n = strlen(word), i, j;
	int num_end = n && is_digit((unsigned char)word[n - 1]);
	int num_start = n && is_digit((unsigned char)word[0]);
	for (i = 0; hay[i]; i++) {
		if (num_start && i && (is_digit((unsigned char)hay[i - 1]) ||
				       hay[i - 1] == '.'))
			continue;
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
		if (j == n && !(num_end && is_digit((unsigned char)hay[i + n])))
			return 1;
	}
	return 0;
}

/* The score of one word in e: 0 when it does not occur. named is the
 * entry the word names as a code or key, or NULL. */
static int word_score(const smtpcode_entry *e, const char *w,
		      const smtpcode_entry *named)
{
	smtpcode_item it;
	size_t i;
	int s = 0;
	if (named == e)
		s += 32;
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
		else if ((it.field == SMTPCODE_FIELD_CAUSE ||
			  it.field == SMTPCODE_FIELD_FIX ||
			  it.field == SMTPCODE_FIELD_TEXT) &&
			 contains(it.text, w))
			s += 1;
		else if (it.field == SMTPCODE_FIELD_RELATED && named &&
			 it.ref == named)
			s += 1;
	}
	return s;
}

/* The entry a word names as a code or a key ("5.1.1", "550",
 * "mailboxfull"), or NULL. */
static const smtpcode_entry *named_by(const char *w)
{
	return smtpcode_lookup(w, strlen(w));
}

int search_finds(const char *word)
{
	const smtpcode_entry *named = named_by(word);
	size_t i;
	for (i = 0; i < smtpcode_count(); i++)
		if (word_score(smtpcode_at(i), word, named))
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

/* Punctuation around a word, as it comes pasted from a sentence. */
static const char around[] = ".,;:!?()[]{}<>\"'`*#-";

static void strip(char *w)
{
	size_t n = strlen(w), b = 0;
	while (n && strchr(around, w[n - 1]))
		w[--n] = '\0';
	while (w[b] && strchr(around, w[b]))
		b++;
	memmove(w, w + b, n - b + 1);
}

static int letter(char c)
{
	return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}

/* A hyphen between two words of letters parts them ("rate-limit"); one
 * in a code ("550-5.1.1") does too; "e-mail" stays one. */
static int part_at(const char *start, const char *s)
{
	return *s == '-' && s - start >= 2 && letter(s[-1]) && letter(s[-2]) &&
	       letter(s[1]) && letter(s[2]);
}

static int cmp_word(const void *a, const void *b)
{
	return strcasecmp(*(char *const *)a, *(char *const *)b);
}

/* A word given twice counts once (ignoring case): the words sorted, each
 * kept once; how many are left. A query of many words costs their number
 * times the catalog, so "mail mail mail ..." costs one word. */
static int unique_words(char **w, int n)
{
	int i, k = 0;
	qsort(w, (size_t)n, sizeof *w, cmp_word);
	for (i = 0; i < n; i++)
		if (!k || strcasecmp(w[k - 1], w[i]) != 0)
			w[k++] = w[i];
	return k;
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
		if (*s == ' ' || *s == '\t' || *s == '\0' || part_at(*buf, s)) {
			*s = '\0';
			continue;
		}
		if (s == *buf || s[-1] == '\0')
			(*words)[n++] = s;
	}
	for (i = 0; i < n; i++)
		strip((*words)[i]);
	for (i = 0; i < n; i++) /* what was only punctuation */
		if (!*(*words)[i])
			(*words)[i--] = (*words)[--n];
	return unique_words(*words, n);
}

/* The score of e for the query: 0 unless every word occurs; an operand
 * of several words that occurs as it is counts on top. */
static int entry_score(const smtpcode_entry *e, char **words,
		       const smtpcode_entry **named, int nwords, int argc,
		       char **argv)
{
	int total = 0, s, i;
	for (i = 0; i < nwords; i++) {
		if (!(s = word_score(e, words[i], named[i])))
			return 0;
		total += s;
	}
	for (i = 0; i < argc; i++)
		if (strchr(argv[i], ' '))
			total += word_score(e, argv[i], NULL);
	return total;
}

int cmd_search(cli *c, int argc, char **argv)
{
	hit *hits = calloc(smtpcode_count(), sizeof *hits);
	char **words = NULL, *buf = NULL;
	int nwords = split_words(argc, argv, &words, &buf), k;
	const smtpcode_entry **named =
		calloc((size_t)(nwords > 0 ? nwords : 1), sizeof *named);
	size_t i, n = 0;
	int rc = EXIT_FOUND;

	if (!hits || nwords < 0 || !named) {
		cli_error(c, "out of memory");
		rc = EXIT_UNREADABLE;
		goto done;
	}
	if (nwords == 0) {
		cli_error(c, "search needs words");
		rc = EXIT_USAGE;
		goto done;
	}
	for (k = 0; k < nwords; k++)
		named[k] = named_by(words[k]);
	for (i = 0; i < smtpcode_count(); i++) {
		int s = entry_score(smtpcode_at(i), words, named, nwords, argc,
				    argv);
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
		fprintf(stderr, "%s: nothing found (to explain a reply, give it "
				"to smtpcode explain)\n", c->prog);
		rc = EXIT_UNKNOWN;
	}
done:
	free(named);
	free(hits);
	free(words);
	free(buf);
	return rc;
}
