/* The generated header: every catalog key is found, in every notation
 * people copy from logs and with its case flipped; near misses are not;
 * explain finds each provider reply in its own real text. */
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
	char *big;
	size_t i;
	(void)state;
	for (i = 0; i < sizeof misses / sizeof *misses; i++)
		if (find(misses[i]))
			fail_msg("'%s' should not be found", misses[i]);
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

/* Every provider reply, in its own real text, is found by explain. */
static void test_explain_own_texts(void **state)
{
	size_t i, j, texts = 0;
	(void)state;
	for (i = 0; i < smtpcode_count(); i++) {
		const smtpcode_entry *e = smtpcode_at(i);
		smtpcode_item it;
		if (smtpcode_kind_of(e) != SMTPCODE_KIND_RESPONSE)
			continue;
		for (j = 0; smtpcode_item_at(e, j, &it); j++) {
			smtpcode_result r;
			if (it.field != SMTPCODE_FIELD_TEXT)
				continue;
			texts++;
			assert_true(smtpcode_explain(it.text, strlen(it.text), &r) > 0);
			if (r.response != e)
				fail_msg("%s: explain found %s in '%s'",
					 smtpcode_key(e),
					 r.response ? smtpcode_key(r.response) : "nothing",
					 it.text);
			assert_int_equal(r.verdict, smtpcode_verdict_of(e, 0) ==
				SMTPCODE_HARD && r.status_class == 4 ? SMTPCODE_SOFT :
				smtpcode_verdict_of(e, 0));
		}
	}
	assert_true(texts > 0);
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
	assert_int_equal(smtpcode_explain("hello world", 11, &r), 0);
	assert_int_equal(r.verdict, SMTPCODE_NONE);
	assert_int_equal(smtpcode_explain(NULL, 0, &r), 0);
	assert_int_equal(smtpcode_explain("", 0, &r), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_key),
		cmocka_unit_test(test_status_notations),
		cmocka_unit_test(test_pairs_and_rows),
		cmocka_unit_test(test_near_misses),
		cmocka_unit_test(test_explain_own_texts),
		cmocka_unit_test(test_explain_generic),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
