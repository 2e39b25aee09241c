/* date: the time of a scan record, from a bounce's Date: field or a log
 * line's stamp, written as ISO 8601. The Date: fields are the forms of
 * the shared real bounces (RFC 5322's, qmail's -0000, a day name without
 * its comma, a zone comment); the stamps those of each log reader's
 * fixtures. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "date.h"

static const char *iso(const char *s, char out[DATE_MAX])
{
	return date_iso(bounce_lit(s), out);
}

/* RFC 5322's date-time, obsolete forms included. */
static void test_rfc5322(void **state)
{
	char d[DATE_MAX];
	(void)state;
	assert_string_equal(iso("Sat, 11 Dec 2010 12:19:59 +0900", d),
			    "2010-12-11T12:19:59+09:00");
	assert_string_equal(iso("Thu, 29 Apr 2013 23:45:32 +0900 (JST)", d),
			    "2013-04-29T23:45:32+09:00");
	assert_string_equal(iso("    Thu, 29 Apr 2008 23:45:10 -0500", d),
			    "2008-04-29T23:45:10-05:00");
	assert_string_equal(iso("Sat, 08 Feb 2025 11:22:30 +0000", d),
			    "2025-02-08T11:22:30Z");
	/* qmail's: -0000 is UTC on a system that does not say its zone */
	assert_string_equal(iso("1 Jul 2014 08:30:56 -0000", d),
			    "2014-07-01T08:30:56Z");
	assert_string_equal(iso("Thu 29 Apr 2010 23:34:45 +0900", d),
			    "2010-04-29T23:34:45+09:00");
	assert_string_equal(iso("Thu, 5 Mar 2009 06:28:13 +0530", d),
			    "2009-03-05T06:28:13+05:30");
	/* obsolete: two-digit years, zone names, no seconds */
	assert_string_equal(iso("Mon, 3 Nov 97 10:00 EST", d),
			    "1997-11-03T10:00:00-05:00");
	assert_string_equal(iso("Mon, 3 Nov 03 10:00:01 GMT", d),
			    "2003-11-03T10:00:01Z");
	assert_string_equal(iso("Fri, 27 Nov 2026 23:59:59 PDT", d),
			    "2026-11-27T23:59:59-07:00");
	{ /* each of RFC 5322's names (4.3), and in another case */
		static const char *const name[] = {
			"UT", "GMT", "Z", "EST", "EDT", "CST", "CDT", "MST",
			"MDT", "PST", "PDT", "utc", "edt"
		};
		static const char *const want[] = {
			"Z", "Z", "Z", "-05:00", "-04:00", "-06:00", "-05:00",
			"-07:00", "-06:00", "-08:00", "-07:00", "Z", "-04:00"
		};
		char in[64], out[64];
		size_t i;
		for (i = 0; i < sizeof name / sizeof *name; i++) {
			snprintf(in, sizeof in, "Mon, 2 Nov 2026 10:00:00 %s",
				 name[i]);
			snprintf(out, sizeof out, "2026-11-02T10:00:00%s",
				 want[i]);
			assert_string_equal(iso(in, d), out);
		}
	}
	/* a zone that tells nothing: the time without an offset */
	assert_string_equal(iso("Fri, 27 Nov 2026 23:59:59 XYZ", d),
			    "2026-11-27T23:59:59");
	assert_string_equal(iso("Fri, 27 Nov 2026 23:59:59", d),
			    "2026-11-27T23:59:59");
}

/* What is not such a date stays as written, so that nothing is lost. */
static void test_unread_kept(void **state)
{
	char d[DATE_MAX], big[200];
	(void)state;
	assert_string_equal(iso("Thursday, April 29, 2010 9:34 AM", d),
			    "Thursday, April 29, 2010 9:34 AM");
	assert_string_equal(iso("29-04-2017 23:34", d), "29-04-2017 23:34");
	assert_string_equal(iso("30 Feb 2026 10:00:00 +0000", d),
			    "30 Feb 2026 10:00:00 +0000");
	assert_string_equal(iso("29 Feb 2025 10:00:00 +0000", d),
			    "29 Feb 2025 10:00:00 +0000");
	assert_string_equal(iso("29 Feb 2024 10:00:00 +0000", d),
			    "2024-02-29T10:00:00Z");
	assert_string_equal(iso("29 Feb 2100 10:00:00 +0000", d),
			    "29 Feb 2100 10:00:00 +0000");
	assert_string_equal(iso("29 Feb 2000 10:00:00 +0000", d),
			    "2000-02-29T10:00:00Z");
	assert_string_equal(iso("28 Nov 2026 24:00:00 +0000", d),
			    "28 Nov 2026 24:00:00 +0000");
	assert_string_equal(iso("28 Nov 2026 10:00", d),
			    "2026-11-28T10:00:00");
	assert_string_equal(iso("28 Nov", d), "28 Nov");
	assert_string_equal(iso("Nov 28 19:38:04", d), "Nov 28 19:38:04");
	assert_string_equal(iso("", d), "");
	assert_string_equal(date_iso(bounce_s(NULL, 0), d), "");
	/* a long one is cut to fit */
	memset(big, 'x', sizeof big);
	assert_int_equal(strlen(date_iso(bounce_s(big, sizeof big), d)),
			 DATE_MAX - 1);
}

/* The logs' forms: RFC 3339, Exim's and PowerMTA's, TAI64N, seconds. */
static void test_log_forms(void **state)
{
	char d[DATE_MAX];
	(void)state;
	assert_string_equal(iso("2026-11-28T19:38:04.123456+00:00", d),
			    "2026-11-28T19:38:04Z");
	assert_string_equal(iso("2026-11-28T19:38:04+09:00", d),
			    "2026-11-28T19:38:04+09:00");
	assert_string_equal(iso("2016-01-27T14:59:38.237Z", d),
			    "2016-01-27T14:59:38Z");
	/* Exim's log in local time, and with log_timezone */
	assert_string_equal(iso("2026-11-28 09:20:02", d),
			    "2026-11-28T09:20:02");
	assert_string_equal(iso("2026-11-28 09:20:02 +0100", d),
			    "2026-11-28T09:20:02+01:00");
	assert_string_equal(iso("2026-11-28 09:40:01-0500", d),
			    "2026-11-28T09:40:01-05:00");
	/* 2^62 + 10 + 1764355084, and nanoseconds */
	assert_string_equal(iso("@400000006929ec161c0f0b2c", d),
			    "2025-11-28T18:38:04Z");
	assert_string_equal(iso("1764355084.123456", d),
			    "2025-11-28T18:38:04Z");
	assert_string_equal(iso("@400000006929ec16", d), "@400000006929ec16");
	assert_string_equal(iso("@400000006929ec16zzzzzzzz", d),
			    "@400000006929ec16zzzzzzzz");
}

static void stamp_is(const char *line, const char *want)
{
	bounce_str s = date_stamp(line, line + strlen(line));
	assert_int_equal(s.len, strlen(want));
	assert_memory_equal(s.s, want, s.len);
}

/* The stamp that starts a log line, and where it ends. */
static void test_stamp(void **state)
{
	(void)state;
	stamp_is("Nov 28 09:30:02 mx sm-mta[4410]: 2ASLU1o4004410: to=<a@b>",
		 "Nov 28 09:30:02");
	stamp_is("May  1 10:00:00 mx postfix/smtp[1]: x", "May  1 10:00:00");
	stamp_is("2026-11-28T09:12:02.512345+09:00 mx1 postfix/smtp[2216]:",
		 "2026-11-28T09:12:02.512345+09:00");
	stamp_is("2026-11-28 09:20:02 1vQx8E-0007aB-2k ** a@b",
		 "2026-11-28 09:20:02");
	stamp_is("2026-11-28 09:20:02 +0100 1vQx8E-0007aB-2k ** a@b",
		 "2026-11-28 09:20:02 +0100");
	stamp_is("2026-11-28 09:20:02.123 [4410] 1vQx8E-0007aB-2k ** a@b",
		 "2026-11-28 09:20:02.123");
	/* a time without seconds ends where its minutes do */
	stamp_is("2024-01-02 08:00 mx sm-mta[4410]: x", "2024-01-02 08:00");
	stamp_is("2024-01-02 08:00", "2024-01-02 08:00");
	stamp_is("2024-01-02T08:00+01:00 x", "2024-01-02T08:00+01:00");
	stamp_is("@40000000692975e10a1b2c3d delivery 1: success: ok/",
		 "@40000000692975e10a1b2c3d");
	/* RFC 5424's time, after its priority and version */
	stamp_is("<22>1 2026-11-28T09:12:02.123+00:00 mx1 postfix/smtp 2216 - "
		 "- 4F1A21C0A3: to=<a@b>", "2026-11-28T09:12:02.123+00:00");
	stamp_is("1 2026-11-28T09:12:02Z mx1 postfix/smtp 2216 - - x",
		 "2026-11-28T09:12:02Z");
	stamp_is("<22>1 - mx1 postfix/smtp 2216 - - x", "");
	/* a priority kept before syslog's stamp; journalctl's short-full
	 * and short-unix */
	stamp_is("<22>Nov 28 09:12:07 mx1 exim[3311]: x", "Nov 28 09:12:07");
	stamp_is("Sat 2026-11-28 09:12:07 UTC mx1 exim[3311]: x",
		 "2026-11-28 09:12:07");
	stamp_is("1764323404.512345 mx1 exim[3311]: x", "1764323404.512345");
	stamp_is("1764323404x mx1", "");
	stamp_is("delivery 1: success: ok/", "");
	stamp_is("Nov 28", "");
	stamp_is("", "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rfc5322),
		cmocka_unit_test(test_unread_kept),
		cmocka_unit_test(test_log_forms),
		cmocka_unit_test(test_stamp),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
