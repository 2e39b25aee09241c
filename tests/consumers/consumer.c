/* A program that uses smtpcode.h as another project would, compiled as C
 * (C99, C11, C17) and as C++ (C++11, C++17, C++20). For every entry it
 * checks that the public lookups find it, then prints one line:
 * key, kind, verdict, reason, act, url, summary: the same fields that
 * `smtpcode list --json` gives, which the test compares. */
#include <stdio.h>
#include <string.h>

#include "smtpcode.h"

/* defined in second.c, the other translation unit */
size_t second_unit_count(void);
size_t second_unit_lookup(const char *key);

static int check_entry(const smtpcode_entry *e)
{
	const char *key = smtpcode_key(e);
	uint32_t code = smtpcode_code(e);
	if (smtpcode_lookup(key, strlen(key)) != e ||
	    second_unit_lookup(key) != smtpcode_index(e))
		return 0;
	if (smtpcode_kind_of(e) == SMTPCODE_KIND_REPLY &&
	    smtpcode_reply((int)code) != e)
		return 0;
	if (smtpcode_kind_of(e) == SMTPCODE_KIND_STATUS &&
	    smtpcode_status(SMTPCODE_STATUS_CLASS(code),
			    SMTPCODE_STATUS_SUBJECT(code),
			    SMTPCODE_STATUS_DETAIL(code)) != e)
		return 0;
	return 1;
}

int main(void)
{
	size_t i, bad = 0;
	smtpcode_result r;
	const char *line = "550 5.1.1 <nobody@example.org>: Recipient "
			   "address rejected: User unknown";

	if (second_unit_count() != smtpcode_count() || smtpcode_selfcheck())
		return 1;
	for (i = 0; i < smtpcode_count(); i++) {
		const smtpcode_entry *e = smtpcode_at(i);
		const smtpcode_entry *reason = smtpcode_reason_of(e, 0);
		if (!check_entry(e)) {
			fprintf(stderr, "lookup of %s failed\n", smtpcode_key(e));
			bad++;
		}
		printf("%s\t%s\t%s\t%s\t%s\t%s\t%s\n", smtpcode_key(e),
		       smtpcode_kind_name(smtpcode_kind_of(e)),
		       smtpcode_verdict_name(smtpcode_verdict_of(e, 0)),
		       reason ? smtpcode_key(reason) : "",
		       smtpcode_actor_name(smtpcode_act_of(e, 0)),
		       smtpcode_url(e), smtpcode_summary(e));
	}
	switch (smtpcode_code(smtpcode_lookup("5.1.1", 5))) {
	case SMTPCODE_X_1_1:
		break;
	default:
		bad++;
	}
	{ /* the macros take the int constants without a warning */
		int code = SMTPCODE_5_7_26;
		if (!SMTPCODE_IS_STATUS(code) || SMTPCODE_IS_STATUS(SMTPCODE_550) ||
		    SMTPCODE_STATUS_CLASS(code) != 5)
			bad++;
	}
	if (smtpcode_explain_at(line, strlen(line),
				smtpcode_command_step("RCPT TO", 7), &r) < 2 ||
	    r.verdict != SMTPCODE_HARD)
		bad++;
	{ /* the command a text names: the sender refused, not the address */
		const char *said = "550 Access denied (in reply to MAIL FROM "
				   "command)";
		uint32_t step;
		if (!smtpcode_command(said, strlen(said), &step) ||
		    step != SMTPCODE_PHASE_MAIL ||
		    smtpcode_explain(said, strlen(said), &r) < 1 ||
		    r.verdict != SMTPCODE_SOFT)
			bad++;
	}
#if SMTPCODE_5_7_26 != SMTPCODE_STATUS(5, 7, 26) || !SMTPCODE_VERSION_AT_LEAST(0, 0, 1)
#error "constants are not usable in #if"
#endif
	if (smtpcode_explain(line, strlen(line), &r) < 2 ||
	    r.verdict != SMTPCODE_HARD)
		bad++;
	return bad ? 1 : 0;
}
