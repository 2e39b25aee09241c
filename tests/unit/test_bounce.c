/* bounce: the recipients of whole bounce messages. The replies in these
 * messages are real ones (Postfix's and Gmail's, as in the shared
 * samples); the messages around them are cut down to what each test is
 * about. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "bounce.h"
#include "esp.h"

#define POSTFIX_REPLY                                                          \
	"550 5.1.1 <neko@example.jp>: Recipient address rejected: User "       \
	"unknown in local recipient table"

static int eq(bounce_str v, const char *want)
{
	return v.len == strlen(want) && (!v.len || !memcmp(v.s, want, v.len));
}

#define assert_str(v, want)                                                    \
	do {                                                                   \
		if (!eq((v), (want)))                                          \
			fail_msg("got '%.*s', want '%s'", (int)(v).len,        \
				 (v).s ? (v).s : "", (want));                  \
	} while (0)

/* A bounce whose one part is a delivery-status part of these fields. */
#define DSN_ONLY(fields)                                                       \
	"From: MAILER-DAEMON@example.com\n"                                    \
	"Content-Type: multipart/report; report-type=delivery-status;\n"       \
	"\tboundary=\"B1\"\n"                                                   \
	"\n"                                                                   \
	"--B1\n"                                                               \
	"Content-Type: message/delivery-status\n"                              \
	"\n" fields "\n"                                                       \
	"--B1--\n"

static void read_one(const char *msg, bounce_msg *m)
{
	assert_int_equal(bounce_read(msg, strlen(msg), m), 0);
}

/* A DSN's fields, Diagnostic-Code folded over two lines; the per-message
 * block is not a recipient. */
static void test_dsn(void **state)
{
	const char *msg =
		"From: MAILER-DAEMON@example.com\n"
		"Content-Type: multipart/report; report-type=delivery-status;\n"
		"\tboundary=\"B1\"\n"
		"\n"
		"--B1\n"
		"Content-Type: text/plain\n"
		"\n"
		"The mail system\n"
		"\n"
		"--B1\n"
		"Content-Type: message/delivery-status\n"
		"\n"
		"Reporting-MTA: dns; mail.example.com\n"
		"\n"
		"Final-Recipient: rfc822; neko@example.jp\n"
		"Action: failed\n"
		"Status: 5.1.1\n"
		"Diagnostic-Code: smtp; 550 5.1.1 <neko@example.jp>: Recipient address\n"
		"    rejected: User unknown in local recipient table\n"
		"\n"
		"--B1--\n";
	bounce_msg m;
	(void)state;
	read_one(msg, &m);
	assert_int_equal(m.n, 1);
	assert_true(m.dsn);
	assert_int_equal(m.kind, BOUNCE_FAILURE);
	assert_str(m.rcpt[0].addr, "neko@example.jp");
	assert_str(m.rcpt[0].action, "failed");
	assert_str(m.rcpt[0].status, "5.1.1");
	assert_str(m.rcpt[0].diag, POSTFIX_REPLY);
	bounce_free(&m);
}

/* A Status field's code, without the words some MTAs add after it
 * (PowerMTA's "5.1.1 (bad destination mailbox address)"); a Status that
 * holds no code (a stranger's text) is none. */
static void test_dsn_status(void **state)
{
	static const struct {
		const char *field, *status;
	} cases[] = {
		{ "Status: 5.1.1 (bad destination mailbox address)", "5.1.1" },
		{ "Status: 4.7.650", "4.7.650" },
		{ "Status: 5.1.1\t", "5.1.1" },
		{ "Status: \x1b]2;title\x07\tx", "" },
		{ "Status: 55.1.1", "" },
		{ "Status: 5.1.1234", "" },
		{ "Status: 5.1", "" },
		{ "Status: 5.1.1x", "" },
	};
	char msg[1024];
	bounce_msg m;
	size_t i;
	(void)state;
	for (i = 0; i < sizeof cases / sizeof *cases; i++) {
		snprintf(msg, sizeof msg,
			 DSN_ONLY("Final-Recipient: rfc822; neko@example.jp\n"
				  "Action: failed\n%s\n"),
			 cases[i].field);
		read_one(msg, &m);
		assert_int_equal(m.n, 1);
		assert_str(m.rcpt[0].status, cases[i].status);
		bounce_free(&m);
	}
}

/* A block without Final-Recipient (which RFC 3464 requires, and some MTAs
 * leave out) is about its Original-Recipient. With Final-Recipient,
 * Original-Recipient is the address as sent, an RFC 822 comment after it
 * left out. */
static void test_dsn_original_recipient(void **state)
{
	const char *alone = DSN_ONLY("Original-Recipient: rfc822; bob@example.org\n"
				     "Action: failed\n"
				     "Status: 5.1.1\n");
	const char *both = DSN_ONLY("Final-Recipient: rfc822; u3@example.net\n"
				    "Original-Recipient: rfc822;alias3@example.org "
				    "(Alias Three)\n"
				    "Action: failed\n"
				    "Status: 5.1.1\n");
	bounce_msg m;
	(void)state;
	read_one(alone, &m);
	assert_int_equal(m.n, 1);
	assert_str(m.rcpt[0].addr, "bob@example.org");
	assert_str(m.rcpt[0].status, "5.1.1");
	assert_int_equal(m.rcpt[0].orig.len, 0);
	bounce_free(&m);
	read_one(both, &m);
	assert_int_equal(m.n, 1);
	assert_str(m.rcpt[0].addr, "u3@example.net");
	assert_str(m.rcpt[0].orig, "alias3@example.org");
	bounce_free(&m);
}

/* A plain-text bounce in base64: decoded; the reply's indented lines are
 * joined to it. */
static void test_base64_text(void **state)
{
	/* "<neko@example.jp>: host mx.example.jp said: 550 5.1.1\n" and
	 * "    <neko@example.jp>: Recipient address rejected: User unknown in
	 * local recipient table\n", in base64 */
	const char *msg =
		"From: MAILER-DAEMON@example.com\n"
		"Subject: Undelivered Mail Returned to Sender\n"
		"Content-Type: text/plain\n"
		"Content-Transfer-Encoding: base64\n"
		"\n"
		"PG5la29AZXhhbXBsZS5qcD46IGhvc3QgbXguZXhhbXBsZS5qcCBzYWlk\r\n"
		"OiA1NTAgNS4xLjEKICAgIDxuZWtvQGV4YW1wbGUuanA+OiBSZWNpcGll\r\n"
		"bnQgYWRkcmVzcyByZWplY3RlZDogVXNlciB1bmtub3duIGluIGxvY2Fs\r\n"
		"IHJlY2lwaWVudCB0YWJsZQo=\r\n";
	bounce_msg m;
	(void)state;
	read_one(msg, &m);
	assert_int_equal(m.n, 1);
	assert_false(m.dsn);
	assert_str(m.rcpt[0].addr, "neko@example.jp");
	assert_str(m.rcpt[0].diag, "host mx.example.jp said: " POSTFIX_REPLY);
	bounce_free(&m);
}

/* Quoted-printable: soft line breaks and =XX. */
static void test_quoted_printable(void **state)
{
	const char *msg =
		"From: MAILER-DAEMON@example.com\n"
		"Subject: failure notice\n"
		"Content-Type: text/plain\n"
		"Content-Transfer-Encoding: quoted-printable\n"
		"\n"
		"<neko@example.jp>:\n"
		"550-5.1.1 The email account that you tried to reach does not exi=\n"
		"st. Please try 550-5.1.1 double-checking the recipient=3D's email\n";
	bounce_msg m;
	(void)state;
	read_one(msg, &m);
	assert_int_equal(m.n, 1);
	assert_str(m.rcpt[0].addr, "neko@example.jp");
	assert_str(m.rcpt[0].diag,
		   "550-5.1.1 The email account that you tried to reach does "
		   "not exist. Please try 550-5.1.1 double-checking the "
		   "recipient='s email");
	bounce_free(&m);
}

/* The returned original is not read: a reply quoted in its body is not
 * the bounce's. The header's boundary never occurs (a broken message):
 * the body's is used. */
static void test_original_skipped(void **state)
{
	const char *msg =
		"From: MAILER-DAEMON@example.com\n"
		"Content-Type: multipart/report; boundary=\"NOT-USED\"\n"
		"\n"
		"--B2\n"
		"Content-Type: text/plain\n"
		"\n"
		"<neko@example.jp>: host mx.example.jp said: " POSTFIX_REPLY "\n"
		"--B2\n"
		"Content-Type: message/rfc822\n"
		"\n"
		"To: tora@example.org\n"
		"Subject: fwd\n"
		"\n"
		"<tora@example.org>: 550 5.7.1 quoted in the original\n"
		"--B2--\n";
	bounce_msg m;
	(void)state;
	read_one(msg, &m);
	assert_int_equal(m.n, 1);
	assert_str(m.rcpt[0].addr, "neko@example.jp");
	bounce_free(&m);
}

/* A truncated message: no closing delimiter, no crash, the part read
 * (the Status cut short is no code). */
static void test_truncated(void **state)
{
	const char *msg =
		"From: MAILER-DAEMON@example.com\n"
		"Content-Type: multipart/report; boundary=\"B3\"\n"
		"\n"
		"--B3\n"
		"Content-Type: message/delivery-status\n"
		"\n"
		"Final-Recipient: rfc822; neko@example.jp\n"
		"Status: 5.1";
	bounce_msg m;
	(void)state;
	read_one(msg, &m);
	assert_int_equal(m.n, 1);
	assert_str(m.rcpt[0].addr, "neko@example.jp");
	assert_str(m.rcpt[0].status, "");
	bounce_free(&m);
}

/* An mbox: split at "From " lines after a blank line only. */
static void test_mbox(void **state)
{
	const char *box =
		"From MAILER-DAEMON Thu Apr 29 23:34:45 2010\n"
		"Subject: one\n"
		"\n"
		"From here on it is the body\n"
		"\n"
		"From MAILER-DAEMON Thu Apr 29 23:34:46 2010\n"
		"Subject: two\n"
		"\n"
		"body\n";
	size_t at = 0, n = 0;
	bounce_str msg;
	(void)state;
	assert_true(bounce_is_message(box, strlen(box)));
	while (bounce_next(box, strlen(box), &at, &msg)) {
		n++;
		assert_true(msg.len > 0);
		assert_memory_equal(msg.s, "Subject: ", 9);
	}
	assert_int_equal(n, 2);
}

/* What is a message and what is a pasted reply. */
static void test_is_message(void **state)
{
	static const char *const yes[] = {
		"Received: from x\nFrom: a@b.c\n\nbody",
		"Return-Path: <>\nX-Original-To: a@b.c\nDelivered-To: a@b.c\n\n",
		"Final-Recipient: rfc822; a@b.c\nAction: failed\nStatus: 5.1.1\n",
	};
	static const char *const no[] = {
		POSTFIX_REPLY,
		"Diagnostic-Code: smtp; " POSTFIX_REPLY,
		("550-5.1.1 The email account that you tried to reach does not\n"
		 "550 5.1.1 exist."),
		"Subject: x\nnot a header\n",
		"",
	};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof yes / sizeof *yes; i++)
		assert_true(bounce_is_message(yes[i], strlen(yes[i])));
	for (i = 0; i < sizeof no / sizeof *no; i++)
		assert_false(bounce_is_message(no[i], strlen(no[i])));
}

/* A feedback report names the complaining recipient; an automatic reply
 * is not a failure. */
static void test_kinds(void **state)
{
	const char *arf =
		"From: abuse@example.net\n"
		"Content-Type: multipart/report; report-type=feedback-report;\n"
		" boundary=\"B4\"\n"
		"\n"
		"--B4\n"
		"Content-Type: message/feedback-report\n"
		"\n"
		"Feedback-Type: abuse\n"
		"Original-Rcpt-To: neko@example.jp\n"
		"\n"
		"--B4--\n";
	const char *vacation =
		"From: Neko <neko@example.jp>\n"
		"Subject: Out of Office: Nyaan\n"
		"Auto-Submitted: auto-replied\n"
		"\n"
		"I am away until Monday.\n";
	const char *daemon =
		"From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>\n"
		"Subject: Delivery Status Notification (Failure)\n"
		"Auto-Submitted: auto-replied\n"
		"\n"
		"We're writing to let you know that the group you tried to contact\n";
	bounce_msg m;
	(void)state;
	read_one(arf, &m);
	assert_int_equal(m.kind, BOUNCE_FEEDBACK);
	assert_int_equal(m.n, 1);
	assert_str(m.rcpt[0].addr, "neko@example.jp");
	assert_str(m.rcpt[0].diag, "Feedback-Type: abuse");
	bounce_free(&m);
	read_one(vacation, &m);
	assert_int_equal(m.kind, BOUNCE_AUTOREPLY);
	assert_int_equal(m.n, 1);
	assert_str(m.rcpt[0].addr, "neko@example.jp");
	bounce_free(&m);
	/* bounces are auto-replied too: one from a mail system that says
	 * nothing readable is not an out-of-office reply */
	read_one(daemon, &m);
	assert_int_equal(m.kind, BOUNCE_FAILURE);
	assert_int_equal(m.n, 0);
	bounce_free(&m);
}

/* Exchange's out-of-office reply (shared sample rfc3834-02, cut down):
 * no Auto-Submitted field, and its text says why it came, which is no
 * failure of anyone; its subject tells, and the recipient is who replied,
 * a display name with a comma before the address. */
static void test_exchange_autoreply(void **state)
{
	const char *msg =
		"From: \"Neko, Nyaan\" <nekonyaan@example.org>\n"
		"To: Kijitora <kijitora@example.com>\n"
		"Subject: Automatic reply: Nyaan\n"
		"X-Auto-Response-Suppress: All\n"
		"Content-Type: text/plain; charset=\"us-ascii\"\n"
		"\n"
		"I'm out of the office Friday. For pressing news matters, "
		"Nyaan.\n";
	bounce_msg m;
	(void)state;
	read_one(msg, &m);
	assert_int_equal(m.kind, BOUNCE_AUTOREPLY);
	assert_int_equal(m.n, 1);
	assert_str(m.rcpt[0].addr, "nekonyaan@example.org");
	assert_str(m.rcpt[0].diag, "Automatic reply: Nyaan");
	bounce_free(&m);
}

/* Microsoft's junk mail report (shared sample arf-22, shortened): the
 * complaint is the attached message's X-HmXmrOriginalRecipient:. A DSN
 * that returns such a message is still a bounce. */
static void test_jmrp(void **state)
{
	const char *jmrp =
		"From: staff@hotmail.com\n"
		"Subject:  complaint about message from 192.0.2.222\n"
		"To: abuse-report@example.com\n"
		"MIME-Version: 1.0 \n"
		"Content-Type: multipart/mixed; "
		"boundary=\"F0000EEE2-0000-2111-AAB0-000000000000\"\n"
		"\n"
		"--F0000EEE2-0000-2111-AAB0-000000000000\n"
		"Content-Type: message/rfc822\n"
		"Content-Disposition: inline\n"
		"\n"
		"X-HmXmrOriginalRecipient: kijitora@example.com\n"
		"X-Reporter-IP: 192.0.2.22\n"
		"To: kijitora@example.com\n"
		"From: Neko <sironeko@example.com>\n"
		"Subject: Nyaan\n"
		"\n"
		"Nyaan\n"
		"--F0000EEE2-0000-2111-AAB0-000000000000--\n";
	const char *dsn =
		"From: MAILER-DAEMON@example.org\n"
		"Content-Type: multipart/report; report-type=delivery-status;\n"
		" boundary=\"B5\"\n"
		"\n"
		"--B5\n"
		"Content-Type: message/delivery-status\n"
		"\n"
		"Final-Recipient: rfc822; neko@example.jp\n"
		"Action: failed\n"
		"Status: 5.1.1\n"
		"\n"
		"--B5\n"
		"Content-Type: message/rfc822\n"
		"\n"
		"X-HmXmrOriginalRecipient: kijitora@example.com\n"
		"To: neko@example.jp\n"
		"\n"
		"--B5--\n";
	bounce_msg m;
	(void)state;
	read_one(jmrp, &m);
	assert_int_equal(m.kind, BOUNCE_FEEDBACK);
	assert_int_equal(m.n, 1);
	assert_str(m.rcpt[0].addr, "kijitora@example.com");
	assert_str(m.rcpt[0].diag,
		   "complaint about message from 192.0.2.222");
	bounce_free(&m);
	read_one(dsn, &m);
	assert_int_equal(m.kind, BOUNCE_FAILURE);
	assert_int_equal(m.n, 1);
	assert_str(m.rcpt[0].addr, "neko@example.jp");
	bounce_free(&m);
}

/* A text naming many recipients (a mailing list's bounce): each once, in
 * order, with its own reply, however often it is named and in what case;
 * the index of addresses grows many times on the way. */
static void test_many_recipients(void **state)
{
	enum { N = 20000 };
	const char *head = "From: MAILER-DAEMON@example.com\nSubject: x\n\n";
	size_t cap = strlen(head) + (size_t)N * 2 * 96, len, i;
	char *msg = malloc(cap), want[64];
	bounce_msg m;
	(void)state;
	assert_non_null(msg);
	len = (size_t)snprintf(msg, cap, "%s", head);
	for (i = 0; i < 2 * N; i++) /* each twice, the second in capitals */
		len += (size_t)snprintf(msg + len, cap - len,
					i < N ? "<user%zu@example.org>: 550 5.1.1 reply %zu\n"
					      : "<USER%zu@EXAMPLE.ORG>: 550 5.1.1 reply %zu\n",
					i % N, i);
	assert_int_equal(bounce_read(msg, len, &m), 0);
	assert_int_equal(m.n, N);
	for (i = 0; i < N; i += 997) {
		snprintf(want, sizeof want, "user%zu@example.org", i);
		assert_str(m.rcpt[i].addr, want);
		snprintf(want, sizeof want, "550 5.1.1 reply %zu", i);
		assert_str(m.rcpt[i].diag, want);
	}
	bounce_free(&m);
	free(msg);
}

/* A digest of bounces: one text part each, all read (the first eight
 * were, and the rest dropped without a word). */
static void test_many_text_parts(void **state)
{
	enum { N = 40 };
	size_t cap = 256 + (size_t)N * 200, len, i;
	char *msg = malloc(cap), want[64];
	bounce_msg m;
	(void)state;
	assert_non_null(msg);
	len = (size_t)snprintf(msg, cap, "From: MAILER-DAEMON@example.com\n"
			       "Content-Type: multipart/mixed; boundary=\"B\"\n\n");
	for (i = 0; i < N; i++)
		len += (size_t)snprintf(msg + len, cap - len,
					"--B\nContent-Type: text/plain\n\n"
					"<u%zu@example.jp>: host mx.example.jp "
					"said: " POSTFIX_REPLY "\n\n", i);
	len += (size_t)snprintf(msg + len, cap - len, "--B--\n");
	assert_int_equal(bounce_read(msg, len, &m), 0);
	assert_int_equal(m.n, N);
	for (i = 0; i < N; i++) {
		snprintf(want, sizeof want, "u%zu@example.jp", i);
		assert_str(m.rcpt[i].addr, want);
	}
	bounce_free(&m);
	free(msg);
}

/* A bounce's text nested in multipart parts more than eight deep (as
 * forwards and digests of it nest) is still read; 100 deep is not. */
static void test_nested_parts(void **state)
{
	static const int depth[] = { 12, 100 };
	size_t k;
	(void)state;
	for (k = 0; k < 2; k++) {
		size_t cap = 4096 + (size_t)depth[k] * 100, len;
		char *msg = malloc(cap);
		bounce_msg m;
		int i;
		assert_non_null(msg);
		len = (size_t)snprintf(msg, cap, "From: MAILER-DAEMON@example.com\n"
				       "Subject: Undelivered Mail Returned to "
				       "Sender\nMIME-Version: 1.0\n");
		for (i = 0; i < depth[k]; i++)
			len += (size_t)snprintf(msg + len, cap - len,
				"Content-Type: multipart/mixed; "
				"boundary=\"L%d\"\n\n--L%d\n", i, i);
		len += (size_t)snprintf(msg + len, cap - len,
			"Content-Type: text/plain\n\n<neko@example.jp>: host "
			"mx.example.jp said: " POSTFIX_REPLY "\n");
		assert_int_equal(bounce_read(msg, len, &m), 0);
		assert_int_equal(m.n, depth[k] < 32 ? 1 : 0);
		bounce_free(&m);
		free(msg);
	}
}

/* Mimecast writes its DSN fields with a blank before the colon ("Action :
 * failed"), which RFC 5322's obsolete syntax allows. */
static void test_dsn_blank_before_colon(void **state)
{
	const char *msg = DSN_ONLY(
		"Reporting-MTA : dns;eu-smtp-inbound-delivery-1.mimecast.com\n"
		"Action : failed\n"
		"Status : 5.0.0\n"
		"Diagnostic-Code : smtp;550 5.7.54 SMTP; Unable to relay recipient "
		"in non-accepted domain\n"
		"Final-Recipient : rfc/822;sabatora@example.net\n");
	bounce_msg m;
	(void)state;
	read_one(msg, &m);
	assert_int_equal(m.n, 1);
	assert_str(m.rcpt[0].addr, "sabatora@example.net");
	assert_str(m.rcpt[0].action, "failed");
	assert_str(m.rcpt[0].diag, "550 5.7.54 SMTP; Unable to relay recipient "
				   "in non-accepted domain");
	bounce_free(&m);
}

/* AOL writes the fields of two recipients with no blank line between:
 * each Final-Recipient starts a recipient of its own. */
static void test_dsn_blocks_run_together(void **state)
{
	const char *msg = DSN_ONLY(
		"Reporting-MTA: dns; omr-m09.mx.aol.com\n"
		"Arrival-Date: Fri, 21 Nov 2014 17:24:04 -0500 (EST)\n"
		"Final-Recipient: rfc822; sabineko@example.jp\n"
		"Original-Recipient: rfc822;sabineko@example.jp\n"
		"Action: failed\n"
		"Status: 5.2.2\n"
		"Remote-MTA: dns; example.mx.aol.com\n"
		"Diagnostic-Code: smtp; 550 5.2.2 <sabineko@example.jp>... Mailbox Full\n"
		"Final-Recipient: rfc822; mikeneko@example.jp\n"
		"Original-Recipient: rfc822;mikeneko@example.jp\n"
		"Action: failed\n"
		"Status: 5.1.1\n"
		"Remote-MTA: dns; example.mx.aol.com\n"
		"Diagnostic-Code: smtp; 550 5.1.1 <mikeneko@example.jp>... User Unknown\n");
	bounce_msg m;
	(void)state;
	read_one(msg, &m);
	assert_int_equal(m.n, 2);
	assert_str(m.rcpt[0].addr, "sabineko@example.jp");
	assert_str(m.rcpt[0].status, "5.2.2");
	assert_str(m.rcpt[0].diag, "550 5.2.2 <sabineko@example.jp>... Mailbox Full");
	assert_str(m.rcpt[1].addr, "mikeneko@example.jp");
	assert_str(m.rcpt[1].status, "5.1.1");
	assert_str(m.rcpt[1].diag, "550 5.1.1 <mikeneko@example.jp>... User Unknown");
	bounce_free(&m);
	/* in RFC 3464's order, Original-Recipient first, and only for the
	 * second recipient: it starts that one, and is not the first's */
	msg = DSN_ONLY(
		"Reporting-MTA: dns; omr-m09.mx.aol.com\n"
		"Final-Recipient: rfc822; sabineko@example.jp\n"
		"Action: failed\n"
		"Status: 5.2.2\n"
		"Diagnostic-Code: smtp; 550 5.2.2 <sabineko@example.jp>... Mailbox Full\n"
		"Original-Recipient: rfc822;neko@example.jp\n"
		"Final-Recipient: rfc822; mikeneko@example.jp\n"
		"Action: failed\n"
		"Status: 5.1.1\n"
		"Diagnostic-Code: smtp; 550 5.1.1 <mikeneko@example.jp>... User Unknown\n");
	read_one(msg, &m);
	assert_int_equal(m.n, 2);
	assert_str(m.rcpt[0].addr, "sabineko@example.jp");
	assert_int_equal(m.rcpt[0].orig.len, 0);
	assert_str(m.rcpt[1].addr, "mikeneko@example.jp");
	assert_str(m.rcpt[1].orig, "neko@example.jp");
	assert_str(m.rcpt[1].status, "5.1.1");
	bounce_free(&m);
}

/* DragonFly Mail Agent names the recipient only in a sentence; its
 * reply has no address, so the recipient is the one address of the
 * original's To:, quoted after "Message headers follow." (the bounce's
 * own To: is the sender). */
static void test_original_to(void **state)
{
	const char *msg =
		"From: MAILER-DAEMON <>\n"
		"To: kijitora@df.example.jp\n"
		"Subject: Mail delivery failed\n"
		"\n"
		"This is the DragonFly Mail Agent v0.13 at df.example.jp.\n"
		"\n"
		"There was an error delivering your mail to <expired@libsisimai.net>.\n"
		"\n"
		"Could not deliver for the last 432000 seconds. Giving up.\n"
		"\n"
		"Message headers follow.\n"
		"\n"
		"Received: from kijitora (uid 0)\n"
		"\tby df.example.jp (DragonFly Mail Agent v0.13);\n"
		"Subject: Nyaan 02\n"
		"To: <expired@libsisimai.net>\n"
		"From: <kijitora@df.example.jp>\n";
	const char *two = "From: MAILER-DAEMON <>\n"
			  "Subject: Mail delivery failed\n"
			  "\n"
			  "550 5.1.1 User unknown\n"
			  "\n"
			  "Message headers follow.\n"
			  "To: a@example.org, b@example.org\n";
	bounce_msg m;
	(void)state;
	read_one(msg, &m);
	assert_int_equal(m.n, 1);
	assert_str(m.rcpt[0].addr, "expired@libsisimai.net");
	assert_str(m.rcpt[0].diag,
		   "Could not deliver for the last 432000 seconds. Giving up.");
	bounce_free(&m);
	/* two addresses: no guess */
	read_one(two, &m);
	assert_int_equal(m.n, 1);
	assert_int_equal(m.rcpt[0].addr.len, 0);
	assert_str(m.rcpt[0].diag, "550 5.1.1 User unknown");
	bounce_free(&m);
}

/* A recipient without a DSN's Action: failed, or delayed in a warning
 * that delivery goes on (lhost-exim-38 and lhost-gmail-06 of the shared
 * samples, cut down); a DSN's Action stays. */
static void test_actions(void **state)
{
	const char *failed =
		"From: MAILER-DAEMON@example.jp\n"
		"Subject: failure notice\n"
		"\n"
		"<kijitora@example.jp>:\n"
		"Sorry, no mailbox here by that name. (#5.1.1)\n";
	const char *exim =
		"From: Mail Delivery System <Mailer-Daemon@neko.example.com>\n"
		"Subject: Warning: message neko222-nyaaan-22 delayed 24 hours\n"
		"\n"
		"A message that you sent has not yet been delivered to one or "
		"more of its\nrecipients after more than 24 hours on the queue "
		"on neko.example.com.\n"
		"\n"
		"The address to which the message has not yet been delivered "
		"is:\n"
		"\n"
		"  kijitora@example.co.jp\n"
		"    host mta-nyaan.example.co.jp [192.0.2.222]\n"
		"    Delay reason: SMTP error from remote mail server after MAIL "
		"FROM:<sironeko-nyaan@neko.example.com> SIZE=1024:\n"
		"    450 service permits 2 unverifyable sending IPs - "
		"neko.example.com is not 203.0.113.222\n";
	const char *gmail =
		"From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>\n"
		"Subject: Delivery Status Notification (Delay)\n"
		"\n"
		"Delivery to the following recipient has been delayed:\n"
		"\n"
		"     kijitora@example.jp\n"
		"\n"
		"Technical details of temporary failure:\n"
		"The error that the other server returned was: 450 450 4.2.2 "
		"<kijitora@example.jp>... Mailbox Full (state 14).\n";
	const char *dsn = DSN_ONLY("Final-Recipient: rfc822; neko@example.jp\n"
				   "Action: delayed\n"
				   "Status: 4.2.2\n");
	bounce_msg m;
	(void)state;
	read_one(failed, &m);
	assert_int_equal(m.n, 1);
	assert_str(m.rcpt[0].action, "failed");
	bounce_free(&m);
	read_one(exim, &m);
	assert_int_equal(m.n, 1);
	assert_str(m.rcpt[0].addr, "kijitora@example.co.jp");
	assert_str(m.rcpt[0].action, "delayed");
	bounce_free(&m);
	read_one(gmail, &m);
	assert_int_equal(m.n, 1);
	assert_str(m.rcpt[0].action, "delayed");
	bounce_free(&m);
	read_one(dsn, &m);
	assert_int_equal(m.n, 1);
	assert_str(m.rcpt[0].action, "delayed");
	bounce_free(&m);
}

/* What the message says of all its recipients: the bounce's own Date:
 * (folded here), the queue id of Postfix's DSN, and the Message-ID: of the
 * original it returns, in a message/rfc822-headers part or quoted after a
 * copy marker (lhost-postfix and lhost-qmail of the shared samples, cut
 * down). The Date: of the original is not the bounce's. */
static void test_message_ids_and_date(void **state)
{
	const char *dsn =
		"Date: Thu, 29 Apr 2010\n 23:34:45 +0900 (JST)\n"
		"From: MAILER-DAEMON@example.com\n"
		"Content-Type: multipart/report; report-type=delivery-status;\n"
		"\tboundary=\"B1\"\n"
		"\n"
		"--B1\n"
		"Content-Type: message/delivery-status\n"
		"\n"
		"Reporting-MTA: dns; mail.example.com\n"
		"X-Postfix-Queue-ID: 0FFF0EEE22D\n"
		"\n"
		"Final-Recipient: rfc822; neko@example.jp\n"
		"Action: failed\n"
		"Status: 5.1.1\n"
		"Diagnostic-Code: smtp; " POSTFIX_REPLY "\n"
		"\n"
		"--B1\n"
		"Content-Type: text/rfc822-headers\n"
		"\n"
		"Date: Thu, 29 Apr 2010 23:34:40 +0900 (JST)\n"
		"Message-Id: <20100429143440.0FFF0EEE22D@example.com>\n"
		"To: neko@example.jp\n"
		"\n"
		"--B1--\n";
	const char *text =
		"From: MAILER-DAEMON@example.jp\n"
		"Subject: failure notice\n"
		"\n"
		"<kijitora@example.jp>:\n"
		"Sorry, no mailbox here by that name. (#5.1.1)\n"
		"\n"
		"--- Below this line is a copy of the message.\n"
		"\n"
		"Return-Path: <sironeko@example.jp>\n"
		"Message-Id: <201407010830.s618UuEP009055@4jo.example.jp>\n"
		"To: kijitora@example.jp\n";
	bounce_msg m;
	(void)state;
	read_one(dsn, &m);
	assert_int_equal(m.n, 1);
	assert_str(m.date, "Thu, 29 Apr 2010 23:34:45 +0900 (JST)");
	assert_str(m.queue_id, "0FFF0EEE22D");
	assert_str(m.message_id, "<20100429143440.0FFF0EEE22D@example.com>");
	bounce_free(&m);
	read_one(text, &m);
	assert_int_equal(m.n, 1);
	assert_int_equal(m.date.len, 0);
	assert_int_equal(m.queue_id.len, 0);
	assert_str(m.message_id,
		   "<201407010830.s618UuEP009055@4jo.example.jp>");
	bounce_free(&m);
}

/* X-Failed-Recipients: names the failed recipients when the text names
 * none: Exim's delivery to a file or pipe ("save to ..."), and Google
 * Groups' notice, whose text greets the sender by address (lhost-exim-07,
 * lhost-googlegroups-01 and -02 of the shared samples, cut down). */
static void test_failed_recipients_field(void **state)
{
	const char *exim =
		"From: Mail Delivery System <Mailer-Daemon@example.jp>\n"
		"To: kijitora@example.jp\n"
		"X-Failed-Recipients: shiba@example.com\n"
		"Subject: Mail delivery failed: returning message to sender\n"
		"\n"
		"A message that you sent could not be delivered to one or more of its\n"
		"recipients. This is a permanent error. The following address(es) failed:\n"
		"\n"
		"  save to xxxx\n"
		"    generated by xxxx\n"
		"    mailbox is full: retry timeout exceeded\n"
		"\n"
		"------ This is a copy of the message, including all the headers. ------\n";
	const char *greeting =
		"From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>\n"
		"To: kijitora@example.jp\n"
		"X-Failed-Recipients: libsisimai@googlegroups.com\n"
		"Content-Type: text/plain; charset=\"UTF-8\"\n"
		"\n"
		"kijitora@example.jp 様\n"
		"\n"
		"連絡しようとしたグループ（libsisimai）が存在しないか、グループにメッセージを投稿する権限がない可能性があります。投稿できなかった詳しい理由をいくつか紹介します:\n"
		"\n"
		" * You might have spelled or formatted the group name incorrectly.\n";
	const char *english =
		"From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>\n"
		"To: kijitora@example.jp\n"
		"X-Failed-Recipients: libsisimai@googlegroups.com,\n"
		" <neko@googlegroups.com>\n"
		"Content-Type: text/plain; charset=\"UTF-8\"\n"
		"\n"
		"Hello kijitora@example.jp,\n"
		"\n"
		"We're writing to let you know that the group you tried to contact "
		"(libsisimai) may not exist, or you may not have permission to post "
		"messages to the group. A few more details on why you weren't able "
		"to post:\n"
		"\n"
		" * You might have spelled or formatted the group name incorrectly.\n";
	bounce_msg m;
	(void)state;
	read_one(exim, &m);
	assert_int_equal(m.n, 1);
	assert_str(m.rcpt[0].addr, "shiba@example.com");
	assert_str(m.rcpt[0].diag, "mailbox is full: retry timeout exceeded");
	bounce_free(&m);
	/* the greeting is no recipient; the words after it are the diag */
	read_one(greeting, &m);
	assert_int_equal(m.n, 1);
	assert_str(m.rcpt[0].addr, "libsisimai@googlegroups.com");
	assert_str(m.rcpt[0].diag, "連絡しようとしたグループ（libsisimai）が存在しないか、グループにメッセージを投稿する権限がない可能性があります。投稿できなかった詳しい理由をいくつか紹介します:");
	bounce_free(&m);
	/* a list over two lines; the first paragraph that names no address */
	read_one(english, &m);
	assert_int_equal(m.n, 2);
	assert_str(m.rcpt[0].addr, "libsisimai@googlegroups.com");
	assert_str(m.rcpt[1].addr, "neko@googlegroups.com");
	assert_true(m.rcpt[0].diag.len > 0 &&
		    strstr(m.rcpt[0].diag.s, "We're writing") == m.rcpt[0].diag.s);
	assert_true(m.rcpt[1].diag.s == m.rcpt[0].diag.s);
	bounce_free(&m);
}

/* A Diagnostic-Code that holds no reply (a program's exit status) yields
 * to the reply in the text (lhost-sendmail-55 of the shared samples, cut
 * down); the Status stays the DSN's. */
static void test_diagnostic_without_reply(void **state)
{
	const char *msg =
		"From: Mail Delivery Subsystem <MAILER-DAEMON@nijo.example.jp>\n"
		"Content-Type: multipart/report; report-type=delivery-status;\n"
		"\tboundary=\"w5FCkU6I005355.1529066790/nijo.example.jp\"\n"
		"\n"
		"--w5FCkU6I005355.1529066790/nijo.example.jp\n"
		"\n"
		"   ----- Transcript of session follows -----\n"
		"451 4.0.0 Operating system error\n"
		"Warning: message still undelivered after 4 hours\n"
		"\n"
		"--w5FCkU6I005355.1529066790/nijo.example.jp\n"
		"Content-Type: message/delivery-status\n"
		"\n"
		"Reporting-MTA: dns; nijo.example.jp\n"
		"\n"
		"Final-Recipient: RFC822; nyaan@example.jp\n"
		"X-Actual-Recipient: X-Unix; |/var/adm/sm.bin/neko\n"
		"Action: delayed\n"
		"Status: 4.5.0\n"
		"Diagnostic-Code: X-Unix; 71\n"
		"\n"
		"--w5FCkU6I005355.1529066790/nijo.example.jp--\n";
	bounce_msg m;
	(void)state;
	read_one(msg, &m);
	assert_int_equal(m.n, 1);
	assert_str(m.rcpt[0].addr, "nyaan@example.jp");
	assert_str(m.rcpt[0].status, "4.5.0");
	assert_str(m.rcpt[0].diag, "451 4.0.0 Operating system error");
	bounce_free(&m);
}

/* Sendmail's Diagnostic-Code holds a reply's first line only; the
 * transcript has the whole reply, which the recipient gets (lhost-
 * sendmail-31 of the shared samples, cut down). */
static void test_diagnostic_first_line(void **state)
{
	const char *msg =
		"From: Mail Delivery Subsystem <MAILER-DAEMON@nekochan.example.co.jp>\n"
		"Content-Type: multipart/report; report-type=delivery-status;\n"
		"\tboundary=\"t8HKYkIP000306.1442522086/nekochan.example.co.jp\"\n"
		"\n"
		"--t8HKYkIP000306.1442522086/nekochan.example.co.jp\n"
		"\n"
		"   ----- Transcript of session follows -----\n"
		"... while talking to aspmx.l.google.com.:\n"
		">>> DATA\n"
		"<<< 552-5.7.0 This message was blocked because its content presents a potential\n"
		"<<< 552-5.7.0 security issue. Please visit\n"
		"<<< 552-5.7.0  https://support.google.com/mail/answer/6590 to review our message\n"
		"<<< 552 5.7.0 content and attachment content guidelines. p4si4011367igr.94 - gsmtp\n"
		"554 5.0.0 Service unavailable\n"
		"\n"
		"--t8HKYkIP000306.1442522086/nekochan.example.co.jp\n"
		"Content-Type: message/delivery-status\n"
		"\n"
		"Reporting-MTA: dns; nekochan.example.co.jp\n"
		"\n"
		"Final-Recipient: RFC822; kijitora@example.net\n"
		"Action: failed\n"
		"Status: 5.7.0\n"
		"Diagnostic-Code: SMTP; 552-5.7.0 This message was blocked because its content presents a potential\n"
		"\n"
		"--t8HKYkIP000306.1442522086/nekochan.example.co.jp--\n";
	bounce_msg m;
	(void)state;
	read_one(msg, &m);
	assert_int_equal(m.n, 1);
	assert_str(m.rcpt[0].diag,
		   "552-5.7.0 This message was blocked because its content "
		   "presents a potential 552-5.7.0 security issue. Please visit "
		   "552-5.7.0  https://support.google.com/mail/answer/6590 to "
		   "review our message 552 5.7.0 content and attachment content "
		   "guidelines. p4si4011367igr.94 - gsmtp");
	bounce_free(&m);
}

/* Postfix broke the reply right after its code, and the next line, as
 * indented, names the recipient again: it goes on with the reply (lhost-
 * postfix-07 of the shared samples, cut down). */
static void test_reply_echoes_recipient(void **state)
{
	const char *msg =
		"From: MAILER-DAEMON@smtp.mirror.example.ne.jp (Mail Delivery System)\n"
		"Subject: Undelivered Mail Returned to Sender\n"
		"\n"
		"This is the Postfix program at host smtp.mirror.example.ne.jp.\n"
		"\n"
		"<kijitora@user.example.or.jp>: host\n"
		"    mx.user.example.or.jp[192.0.2.22] said: 550\n"
		"    <kijitora@user.example.or.jp>: User unknown\n";
	bounce_msg m;
	(void)state;
	read_one(msg, &m);
	assert_int_equal(m.n, 1);
	assert_str(m.rcpt[0].addr, "kijitora@user.example.or.jp");
	assert_str(m.rcpt[0].diag, "mx.user.example.or.jp[192.0.2.22] said: 550 "
				   "<kijitora@user.example.or.jp>: User unknown");
	bounce_free(&m);
}

/* An address that ends a sentence is the address without the full stop
 * (lhost-x6-01 of the shared samples, cut down). */
static void test_address_ends_sentence(void **state)
{
	const char *msg =
		"From: mailer-daemon\n"
		"Subject: There was an error sending your mail\n"
		"\n"
		"We had trouble delivering your message. Full details follow:\n"
		"\n"
		"1 error(s):\n"
		"\n"
		"The following recipients returned permanent errors: "
		"kijitora@nyaan.example.org. Reason: SMTP Server <192.0.2.223> "
		"refused to accept your message (DATA), with the following "
		"error message: [554 5.4.6 Hop count exceeded - possible mail "
		"loop]\n";
	bounce_msg m;
	(void)state;
	read_one(msg, &m);
	assert_int_equal(m.n, 1);
	assert_str(m.rcpt[0].addr, "kijitora@nyaan.example.org");
	bounce_free(&m);
}

/* A notice that names the recipient after a label, and the reply on a
 * later line (lhost-x2-07 of the shared samples, cut down). */
static void test_labelled_recipient(void **state)
{
	const char *msg =
		"From: postmaster@ebd.example.co.jp\n"
		"Subject: Delivery failure\n"
		"\n"
		"NOTICE: Delivery Failure.\n"
		"\n"
		"Your delivery to the following address has been failed.\n"
		"Please refer to the below for details.\n"
		"------------------------------------------------------\n"
		"\n"
		"Delivery failed: kijitora@example.co.jp\n"
		"192.0.2.1 failed after I sent the message.\n"
		"Remote host said[Response Message]: 554 5.4.14 Hop count "
		"exceeded - possible mail loop ATTR34\n"
		"STEP: DATA SEND\n";
	bounce_msg m;
	(void)state;
	read_one(msg, &m);
	assert_int_equal(m.n, 1);
	assert_str(m.rcpt[0].addr, "kijitora@example.co.jp");
	assert_str(m.rcpt[0].diag, "Remote host said[Response Message]: 554 "
				   "5.4.14 Hop count exceeded - possible mail "
				   "loop ATTR34");
	bounce_free(&m);
}

/* Sendmail's transcript: "<user@...>... Deferred: ..." gives its words
 * when no reply comes (lhost-sendmail-11 of the shared samples), what the
 * server said comes without its "<<< " (lhost-sendmail-30), and a heading
 * between rules is no diag (lhost-sendmail-12; all cut down). */
static void test_sendmail_transcript(void **state)
{
	const char *deferred =
		"From: Mail Delivery Subsystem <MAILER-DAEMON@mx.example.com>\n"
		"Subject: Returned mail: see transcript for details\n"
		"\n"
		"   ----- The following addresses had permanent fatal errors -----\n"
		"<kijitora@example.co.jp>\n"
		"\n"
		"   ----- Transcript of session follows -----\n"
		"<kijitora@example.co.jp>... Deferred: Name server: example.co.jp.: "
		"host name lookup failure\n"
		"Message could not be delivered for 8 hours\n"
		"Message will be deleted from queue\n";
	const char *said =
		"From: Mail Delivery Subsystem <MAILER-DAEMON@neko.example.jp>\n"
		"Subject: Returned mail: see transcript for details\n"
		"\n"
		"   ----- The following addresses had permanent fatal errors -----\n"
		"<this-local-part-does-not-exist-on-the-system@y-mobile.ne.jp>\n"
		"    (reason: )\n"
		"\n"
		"   ----- Transcript of session follows -----\n"
		"... while talking to ymx1.softbank.ne.jp.:\n"
		"<<< 421\n"
		"<this-local-part-does-not-exist-on-the-system@y-mobile.ne.jp>... "
		"Deferred: 421\n";
	const char *heading =
		"From: Mail Delivery Subsystem <MAILER-DAEMON@example.org>\n"
		"Subject: Returned mail: see transcript for details\n"
		"\n"
		"   ----- The following addresses had permanent fatal errors -----\n"
		"<kijitora@example.org>\n"
		"\n"
		"   ----- Transcript of session follows -----\n"
		"Message could not be delivered for too long\n"
		"Message will be deleted from queue\n";
	bounce_msg m;
	(void)state;
	read_one(deferred, &m);
	assert_int_equal(m.n, 1);
	assert_str(m.rcpt[0].diag, "Deferred: Name server: example.co.jp.: "
				   "host name lookup failure");
	bounce_free(&m);
	read_one(said, &m);
	assert_int_equal(m.n, 1);
	assert_str(m.rcpt[0].diag, "421");
	bounce_free(&m);
	read_one(heading, &m);
	assert_int_equal(m.n, 1);
	assert_str(m.rcpt[0].diag, "Message could not be delivered for too long "
				   "Message will be deleted from queue");
	bounce_free(&m);
}

/* A bounce forwarded with its lines quoted: one level of "> " comes off,
 * and the DSN fields and the text are read as in the bounce itself
 * (make-test-36 of the shared samples, cut down). */
static void test_forwarded_quoted(void **state)
{
	const char *msg =
		"From: original-sender@example.jp\n"
		"Subject: Fwd: Returned mail: see transcript for details\n"
		"Content-Type: text/plain\n"
		"\n"
		"Begin forwarded message:\n"
		"\n"
		"> From: Mail Delivery Subsystem <MAILER-DAEMON>\n"
		"> Subject: Returned mail: see transcript for details\n"
		">\n"
		">    ----- The following addresses had permanent fatal errors -----\n"
		"> <non-existent-user-address-of-ntt-docomo@docomo.ne.jp>\n"
		">     (reason: 550 Unknown user non-existent-user-address-of-ntt-docomo@docomo.ne.jp)\n"
		">\n"
		">    ----- Transcript of session follows -----\n"
		"> ... while talking to mfsmax.docomo.ne.jp.:\n"
		">>>> DATA\n"
		"> <<< 550 Unknown user non-existent-user-address-of-ntt-docomo@docomo.ne.jp\n"
		"> 554 5.0.0 Service unavailable\n"
		"> Reporting-MTA: dns; smtp.example.jp\n"
		">\n"
		"> Final-Recipient: RFC822; non-existent-user-address-of-ntt-docomo@docomo.ne.jp\n"
		"> Action: failed\n"
		"> Status: 5.2.0\n"
		"> Diagnostic-Code: SMTP; 550 Unknown user non-existent-user-address-of-ntt-docomo@docomo.ne.jp\n";
	bounce_msg m;
	(void)state;
	read_one(msg, &m);
	assert_int_equal(m.n, 1);
	assert_str(m.rcpt[0].addr,
		   "non-existent-user-address-of-ntt-docomo@docomo.ne.jp");
	assert_str(m.rcpt[0].status, "5.2.0");
	assert_str(m.rcpt[0].diag, "550 Unknown user "
				   "non-existent-user-address-of-ntt-docomo@docomo.ne.jp");
	bounce_free(&m);
}

/* Each recipient's Diagnostic-Code is the first line of its own reply
 * of several lines, and the transcript has the whole of each: every
 * recipient gets its own reply, found among many (a Sendmail bounce of
 * the shape of test_diagnostic_first_line, with N recipients). */
static void test_first_lines_of_many(void **state)
{
	enum { N = 2000 };
	const char *head =
		"From: Mail Delivery Subsystem <MAILER-DAEMON@example.co.jp>\n"
		"Content-Type: multipart/report; report-type=delivery-status;\n"
		"\tboundary=\"B9\"\n\n--B9\n\n"
		"   ----- Transcript of session follows -----\n";
	size_t cap = 512 + (size_t)N * 400, len, i;
	char *msg = malloc(cap), want[256];
	bounce_msg m;
	(void)state;
	assert_non_null(msg);
	len = (size_t)snprintf(msg, cap, "%s", head);
	for (i = 0; i < N; i++)
		len += (size_t)snprintf(msg + len, cap - len,
			"... while talking to aspmx.l.google.com.:\n"
			"<<< 550-5.1.1 The email account that you tried to reach "
			"does not exist. %zu\n"
			"<<< 550 5.1.1 https://support.google.com/mail/?p=NoSuchUser "
			"%zu - gsmtp\n", (size_t)N - 1 - i, (size_t)N - 1 - i);
	len += (size_t)snprintf(msg + len, cap - len,
		"\n--B9\nContent-Type: message/delivery-status\n\n"
		"Reporting-MTA: dns; example.co.jp\n");
	for (i = 0; i < N; i++)
		len += (size_t)snprintf(msg + len, cap - len,
			"\nFinal-Recipient: RFC822; user%zu@example.net\n"
			"Action: failed\nStatus: 5.1.1\n"
			"Diagnostic-Code: SMTP; 550-5.1.1 The email account that you "
			"tried to reach does not exist. %zu\n", i, i);
	len += (size_t)snprintf(msg + len, cap - len, "\n--B9--\n");
	assert_true(len < cap);
	assert_int_equal(bounce_read(msg, len, &m), 0);
	assert_int_equal(m.n, N);
	for (i = 0; i < N; i++) {
		snprintf(want, sizeof want,
			 "550-5.1.1 The email account that you tried to reach does "
			 "not exist. %zu 550 5.1.1 https://support.google.com/mail/"
			 "?p=NoSuchUser %zu - gsmtp", i, i);
		assert_str(m.rcpt[i].diag, want);
	}
	bounce_free(&m);
	free(msg);
}

/* Only the notice's own words in a subject tell a delay (Postfix's
 * "Delayed Mail (still being retried)"); Exchange quotes the original's
 * subject after its own word (lhost-exchange2003-01 of the shared
 * samples, its subject changed). */
static void test_delay_subject(void **state)
{
	const char *quoted =
		"From: postmaster@example.jp\n"
		"Subject: Undeliverable: Board meeting delayed to Friday\n"
		"\n"
		"Your message did not reach some or all of the intended "
		"recipients.\n"
		"\n"
		"The following recipient(s) could not be reached:\n"
		"\n"
		"      kijitora@example.jp on 2010/07/13 10:13\n"
		"            The e-mail account does not exist at the "
		"organization this message was sent to.\n"
		"            <mx.example.jp #5.0.0 X-Unix; 67>\n";
	const char *postfix =
		"From: MAILER-DAEMON@example.jp (Mail Delivery System)\n"
		"Subject: Delayed Mail (still being retried)\n"
		"\n"
		"<kijitora@example.jp>: host mx.example.jp[192.0.2.1] said: 452 "
		"4.2.2 Mailbox full (in reply to RCPT TO command)\n";
	bounce_msg m;
	(void)state;
	read_one(quoted, &m);
	assert_int_equal(m.n, 1);
	assert_str(m.rcpt[0].action, "failed");
	bounce_free(&m);
	read_one(postfix, &m);
	assert_int_equal(m.n, 1);
	assert_str(m.rcpt[0].action, "delayed");
	bounce_free(&m);
}

/* Outlook encodes a subject that is not ASCII (RFC 2047): the automatic
 * reply is told by its decoded words, and they are its text. Charsets
 * that cannot be written as UTF-8 here stay as written. */
static void test_encoded_subject(void **state)
{
	const char *b64 =
		"From: \"Neko, Nyaan\" <nekonyaan@example.org>\n"
		"Subject: =?utf-8?B?QXV0b21hdGljIHJlcGx5OiBSw6l1bmlvbg==?=\n"
		"\n"
		"I'm out of the office Friday.\n";
	const char *q =
		"From: \"Neko, Nyaan\" <nekonyaan@example.org>\n"
		"Subject: =?iso-8859-1?Q?Automatic_reply:?=\n"
		" =?iso-8859-1?Q?_R=E9union?=\n"
		"\n"
		"I'm out of the office Friday.\n";
	const char *jis =
		"From: neko@example.jp\n"
		"Subject: =?ISO-2022-JP?B?GyRCJDMkcyRLJEEkTxsoQg==?=\n"
		"Auto-Submitted: auto-replied\n"
		"\n"
		"I am away.\n";
	bounce_msg m;
	(void)state;
	read_one(b64, &m);
	assert_int_equal(m.kind, BOUNCE_AUTOREPLY);
	assert_str(m.rcpt[0].diag, "Automatic reply: R\xc3\xa9union");
	bounce_free(&m);
	read_one(q, &m);
	assert_int_equal(m.kind, BOUNCE_AUTOREPLY);
	assert_str(m.rcpt[0].diag, "Automatic reply: R\xc3\xa9union");
	bounce_free(&m);
	read_one(jis, &m);
	assert_int_equal(m.kind, BOUNCE_AUTOREPLY);
	assert_str(m.rcpt[0].diag, "=?ISO-2022-JP?B?GyRCJDMkcyRLJEEkTxsoQg==?=");
	bounce_free(&m);
}

/* A feedback report that names no recipient: the original's To:, a
 * display name and all, is one address (arf-19 of the shared samples, its
 * To: given a name and folded). */
static void test_feedback_original_to(void **state)
{
	const char *msg =
		"From: <abuse@126.example.com>\n"
		"Content-Type: multipart/report; report-type=\"feedback-report\";\n"
		" boundary=\"B7\"\n"
		"\n"
		"--B7\n"
		"Content-Type: message/feedback-report\n"
		"\n"
		"Feedback-Type: auth-failure\n"
		"Reported-Domain: example.net\n"
		"\n"
		"--B7\n"
		"Content-Type: text/rfc822-headers\n"
		"\n"
		"From: <sironeko@example.net>\n"
		"To: \"Kijitora Neko\"\n"
		"  <kijitora@example.org>\n"
		"Subject: Nyaan\n"
		"\n"
		"--B7--\n";
	bounce_msg m;
	(void)state;
	read_one(msg, &m);
	assert_int_equal(m.kind, BOUNCE_FEEDBACK);
	assert_int_equal(m.n, 1);
	assert_str(m.rcpt[0].addr, "kijitora@example.org");
	bounce_free(&m);
}

/* A message after a byte order mark and a blank line (as some tools save
 * it) is a message all the same; a DSN's Action is read in any case
 * (RFC 3464 lets it be written so). */
static void test_lead_and_action_case(void **state)
{
	const char *msg = "\xef\xbb\xbf\n" DSN_ONLY(
		"Final-Recipient: rfc822; neko@example.jp\n"
		"Action: Failed\n"
		"Status: 5.1.1\n"
		"Diagnostic-Code: smtp; " POSTFIX_REPLY "\n");
	bounce_str one;
	size_t at = 0;
	bounce_msg m;
	(void)state;
	assert_true(bounce_is_message(msg, strlen(msg)));
	assert_int_equal(bounce_next(msg, strlen(msg), &at, &one), 1);
	assert_int_equal(bounce_read(one.s, one.len, &m), 0);
	assert_int_equal(m.n, 1);
	assert_str(m.rcpt[0].addr, "neko@example.jp");
	assert_str(m.rcpt[0].action, "failed");
	bounce_free(&m);
}

/* esp_each's callback for test_json_escapes: keeps the first recipient's
 * address and reply. */
static int keep_first(bounce_msg *m, void *arg)
{
	char (*out)[128] = arg;
	if (m->n && !out[0][0]) {
		snprintf(out[0], sizeof out[0], "%.*s", (int)m->rcpt[0].addr.len,
			 m->rcpt[0].addr.s);
		snprintf(out[1], sizeof out[1], "%.*s", (int)m->rcpt[0].diag.len,
			 m->rcpt[0].diag.s);
	}
	return 0;
}

/* JSON's escapes as writers that keep to ASCII write them (Python's
 * json.dumps): a character past U+FFFF is a surrogate pair, which is one
 * character of four bytes in UTF-8; a surrogate alone is U+FFFD. */
static void test_json_escapes(void **state)
{
	const char *line =
		"{\"email\":\"jos\\u00e9@example.jp\",\"event\":\"bounce\","
		"\"sg_message_id\":\"q1\",\"reason\":\"550 5.1.1 "
		"\\ud83d\\udce7 \\ud83d alone\",\"status\":\"5.1.1\"}\n";
	char out[2][128] = { "", "" };
	(void)state;
	assert_int_equal(esp_each(line, strlen(line), keep_first, out, NULL), 1);
	assert_string_equal(out[0], "jos\xc3\xa9@example.jp");
	assert_string_equal(out[1], "550 5.1.1 \xf0\x9f\x93\xa7 \xef\xbf\xbd alone");
}

/* ---------------------------------------------------- esp: JSON events */

/* A text built for the tests of esp: events of some kilobytes. */
typedef struct text {
	char *s;
	size_t len, cap;
} text;

static void put(text *t, const char *s)
{
	size_t n = strlen(s);
	if (t->len + n + 1 > t->cap) {
		t->cap = (t->len + n + 1) * 2;
		t->s = realloc(t->s, t->cap);
		assert_non_null(t->s);
	}
	memcpy(t->s + t->len, s, n + 1);
	t->len += n;
}

/* A reply's words, n bytes of them, as a long reply runs on. */
static void put_long(text *t, size_t n)
{
	static const char words[] = "Blocked by policy; see "
				    "https://example.org/policy. ";
	size_t i;
	for (i = 0; i + sizeof words - 1 <= n; i += sizeof words - 1)
		put(t, words);
}

/* What the notifications of a reading gave, in order: each recipient's
 * address, status and reply, and the message's ids. */
typedef struct got {
	char s[65536];
	size_t len;
	long n;
} got;

static int collect(bounce_msg *m, void *arg)
{
	got *g = arg;
	size_t i;
	g->n++;
	for (i = 0; i < m->n; i++) {
		const bounce_rcpt *r = &m->rcpt[i];
		int k = snprintf(g->s + g->len, sizeof g->s - g->len,
				 "%.*s|%.*s|%.*s|%.*s|%.*s;\n",
				 (int)r->addr.len, r->addr.s,
				 (int)r->status.len, r->status.s,
				 (int)r->diag.len, r->diag.s,
				 (int)m->queue_id.len, m->queue_id.s,
				 (int)m->message_id.len, m->message_id.s);
		assert_true(k > 0 && (size_t)k < sizeof g->s - g->len);
		g->len += (size_t)k;
	}
	return 0;
}

/* An event whose member names are sorted (`jq -S`, Python's
 * json.dumps(sort_keys=True)) has more than 2 KiB of its reply before any
 * name that tells an email service's: it is told by its names, wherever
 * they come in its first object. */
static void test_esp_sorted_keys(void **state)
{
	static const char *const head[] = {
		/* SendGrid, pretty-printed in an array */
		"[\n  {\n    \"email\": \"victim@example.org\",\n"
		"    \"event\": \"bounce\",\n    \"reason\": \"550 5.7.1 ",
		/* SES: "bounce" sorts before "notificationType" */
		"{\"bounce\": {\"bounceSubType\": \"General\", "
		"\"bounceType\": \"Permanent\", \"bouncedRecipients\": "
		"[{\"action\": \"failed\", \"diagnosticCode\": "
		"\"smtp; 550 5.1.1 ",
		/* Postmark: "Details" before "RecordType" */
		"{\"BouncedAt\": \"2026-11-28T09:50:03Z\", \"Details\": "
		"\"smtp;550 5.1.1 ",
		/* SNS's envelope: "Message" before "Type" */
		"{\"Message\": \"{\\\"notificationType\\\":\\\"Bounce\\\","
		"\\\"bounce\\\":{\\\"bounceType\\\":\\\"Permanent\\\","
		"\\\"bouncedRecipients\\\":[{\\\"emailAddress\\\":"
		"\\\"sns@example.jp\\\",\\\"diagnosticCode\\\":\\\"smtp; 550 ",
	};
	static const char *const tail[] = {
		"\",\n    \"sg_event_id\": \"e1\",\n    \"sg_message_id\": "
		"\"m1\",\n    \"status\": \"5.7.1\",\n    \"type\": "
		"\"blocked\"\n  }\n]\n",
		"\", \"emailAddress\": \"jane@example.com\", \"status\": "
		"\"5.1.1\"}]}, \"mail\": {\"messageId\": \"q1\"}, "
		"\"notificationType\": \"Bounce\"}\n",
		"\", \"Email\": \"neko@example.jp\", \"MessageID\": \"p1\", "
		"\"RecordType\": \"Bounce\", \"Type\": \"HardBounce\"}\n",
		"\\\"}]}}\", \"MessageId\": \"n1\", "
		"\"Type\": \"Notification\"}\n",
	};
	static const char *const rcpt[] = { "victim@example.org",
					    "jane@example.com",
					    "neko@example.jp",
					    "sns@example.jp" };
	size_t i;
	(void)state;
	for (i = 0; i < sizeof head / sizeof *head; i++) {
		text t = { 0 };
		got *g = calloc(1, sizeof *g);
		esp_stream st;
		assert_non_null(g);
		put(&t, head[i]);
		put_long(&t, 2300);
		put(&t, tail[i]);
		assert_true(esp_is(t.s, t.len));
		assert_int_equal(esp_each(t.s, t.len, collect, g, NULL), 1);
		assert_non_null(strstr(g->s, rcpt[i]));
		/* as it comes: nothing is told before the names are in */
		esp_stream_init(&st, collect, g);
		assert_int_equal(esp_stream_tell(&st, t.s, t.len / 2, 0), -1);
		assert_int_equal(esp_stream_tell(&st, t.s, t.len / 2, 1), 0);
		assert_int_equal(esp_stream_tell(&st, t.s, t.len, 0), 1);
		esp_stream_release(&st);
		free(t.s);
		free(g);
	}
}

/* What tells, and what does not: the objects that start in the first
 * 2 KiB are looked at (a first line of something else, or cut short,
 * still lets the events after it be told), and text that starts as JSON
 * but is not is told at its first bytes. */
static void test_esp_tells(void **state)
{
	static const char sg[] =
		"{\"sg_event_id\":\"e\",\"email\":\"a@example.jp\","
		"\"event\":\"bounce\",\"reason\":\"550 5.1.1 unknown\"}\n";
	static const char pf[] =
		"Nov 28 09:12:02 mx1 postfix/smtp[2216]: 4F1A21C0A3: "
		"to=<a@example.org>, status=bounced (host said: 550 5.1.1 "
		"\"Type\": \"RecordType\" unknown)\n";
	text t = { 0 };
	esp_stream st;
	(void)state;
	/* a name as the text of a log, not as a member's */
	put(&t, "{ mail relay started }\n");
	put(&t, pf);
	assert_false(esp_is(t.s, t.len));
	esp_stream_init(&st, collect, NULL);
	assert_int_equal(esp_stream_tell(&st, t.s, t.len, 0), 0);
	esp_stream_release(&st);
	t.len = 0;
	put(&t, "{\"level\":\"info\",\"msg\":\"started\"}\n");
	put(&t, sg);
	assert_true(esp_is(t.s, t.len));
	t.len = 0;
	put(&t, "{\"eventTy\n"); /* a first line cut short */
	put(&t, sg);
	assert_true(esp_is(t.s, t.len));
	t.len = 0;
	put(&t, "{\"level\":\"info\",\"msg\":\"");
	put_long(&t, 2100);
	put(&t, "\"}\n");
	put(&t, sg);
	assert_false(esp_is(t.s, t.len)); /* starts past the first 2 KiB */
	/* as it comes, a first object that tells nothing waits for the
	 * others of the first 2 KiB, or the end */
	esp_stream_init(&st, collect, NULL);
	assert_int_equal(esp_stream_tell(&st, "{\"a\":1}\n", 8, 0), -1);
	assert_int_equal(esp_stream_tell(&st, "{\"a\":1}\n", 8, 1), 0);
	esp_stream_release(&st);
	assert_false(esp_is("[2026-11-28 10:00:00] started\n", 30));
	assert_false(esp_is("", 0));
	assert_false(esp_is("[]", 2));
	assert_true(esp_is("\xef\xbb\xbf[{\"RecordType\":1}]", 21));
	free(t.s);
}

/* Feeds t to a stream a read of `chunk` bytes at a time, into a buffer
 * that keeps what the stream is not done with, as scan does. Returns the
 * most the buffer held; *before is how many notifications had come before
 * the input ended. With lines, checks after each read that every line
 * whole by then (its LF in) has given its event, and no other. */
static size_t feed(const text *t, size_t chunk, got *g, size_t *broken,
		   long *before, int lines)
{
	char *buf = malloc(t->len + 1);
	size_t have = 0, off = 0, most = 0;
	esp_stream st;
	assert_non_null(buf);
	esp_stream_init(&st, collect, g);
	for (;;) {
		size_t n = t->len - off < chunk ? t->len - off : chunk, i;
		long done, whole = 0;
		memcpy(buf + have, t->s + off, n);
		have += n, off += n;
		if (have > most)
			most = have;
		done = esp_stream_feed(&st, buf, have, off == t->len);
		assert_true(done >= 0 && (size_t)done <= have);
		memmove(buf, buf + done, have - (size_t)done);
		have -= (size_t)done;
		for (i = 0; lines && i < off; i++)
			whole += t->s[i] == '\n';
		if (lines)
			assert_int_equal(g->n, whole);
		if (off == t->len)
			break;
		*before = g->n;
	}
	*broken = st.broken;
	esp_stream_release(&st);
	free(buf);
	return most;
}

/* JSON Lines of events longer than a read: each event is given as soon
 * as its line is whole, while the input goes on, and the stream holds no
 * more than the longest line and a read. What it gives is what reading
 * the whole text gives. */
static void test_esp_stream_lines(void **state)
{
	text t = { 0 };
	got *g = calloc(2, sizeof *g);
	size_t i, longest = 0, broken = 1, most;
	long before = 0;
	(void)state;
	assert_non_null(g);
	for (i = 0; i < 6; i++) {
		size_t was = t.len;
		char head[160];
		snprintf(head, sizeof head, "{\"email\":\"u%zu@example.org\","
			 "\"event\":\"bounce\",\"sg_message_id\":\"m%zu\","
			 "\"reason\":\"550 5.7.1 ", i, i);
		put(&t, head);
		put_long(&t, 40 + 150 * i);
		put(&t, "\",\"status\":\"5.7.1\"}\n");
		if (t.len - was > longest)
			longest = t.len - was;
	}
	most = feed(&t, 16, &g[0], &broken, &before, 1);
	assert_int_equal(g[0].n, 6);
	assert_int_equal(before, 5); /* the last line ends with the input */
	assert_true(most <= longest + 16);
	assert_int_equal(broken, 0);
	assert_int_equal(esp_each(t.s, t.len, collect, &g[1], NULL), 6);
	assert_string_equal(g[0].s, g[1].s);
	free(t.s);
	free(g);
}

/* One array of events, pretty-printed (lines that are no events), and
 * lines cut short or not JSON between values: the elements are read one
 * by one, and what is given, broken places counted, is what reading the
 * whole text gives, whatever the size of the reads. */
static void test_esp_stream_array(void **state)
{
	static const size_t chunks[] = { 1, 7, 16, 64, 4096 };
	text t = { 0 };
	got *g = calloc(2, sizeof *g);
	size_t i, largest = 0, broken = 0, want_broken = 0, most;
	long before = 0;
	(void)state;
	assert_non_null(g);
	put(&t, "\xef\xbb\xbf[\n");
	for (i = 0; i < 6; i++) {
		size_t was = t.len;
		char head[200];
		snprintf(head, sizeof head, "  {\n    \"email\": "
			 "\"u%zu@example.org\",\n    \"event\": \"bounce\",\n"
			 "    \"reason\": \"550 5.7.1 ", i);
		put(&t, head);
		put_long(&t, 100 + 200 * i);
		put(&t, "\",\n    \"sg_message_id\": \"m\"\n  }");
		put(&t, i < 5 ? ",\n" : "\n]\n");
		if (t.len - was > largest)
			largest = t.len - was;
	}
	most = feed(&t, 16, &g[0], &broken, &before, 0);
	assert_int_equal(g[0].n, 6);
	assert_true(before >= 5); /* all but the last before the end */
	assert_true(most <= 2 * largest + 2 * 16);
	assert_int_equal(esp_each(t.s, t.len, collect, &g[1], NULL), 6);
	assert_string_equal(g[0].s, g[1].s);
	/* then broken values, lines of no JSON, and JSON Lines (an SES
	 * "mail" after the event it was about leaves its id to the next) */
	put(&t, "{\"email\":\"cut@example.org\",\"event\":\"bounce\","
		"\"reason\":\"550 5.1.1 cut\n"
		"{\"email\":\"next@example.org\",\"event\":\"bounce\","
		"\"status\":\"5.1.1\"}\nnot JSON {\"email\":\n"
		"[{\"email\":\"in@example.org\",\"event\":\"dropped\"} x\n"
		"{\"x\":{\"email\":\"nested@example.org\",\"event\":"
		"\"bounce\"},\"mail\":{\"messageId\":\"left\"}}\n"
		"{\"email\":\"last@example.org\",\"event\":\"bounce\"}\n[1,");
	memset(g, 0, 2 * sizeof *g);
	assert_true(esp_each(t.s, t.len, collect, &g[1], &want_broken) > 6);
	assert_int_equal(want_broken, 3);
	for (i = 0; i < sizeof chunks / sizeof *chunks; i++) {
		memset(&g[0], 0, sizeof g[0]);
		feed(&t, chunks[i], &g[0], &broken, &before, 0);
		assert_int_equal(broken, want_broken);
		assert_int_equal(g[0].n, g[1].n);
		assert_string_equal(g[0].s, g[1].s);
	}
	free(t.s);
	free(g);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dsn),
		cmocka_unit_test(test_dsn_status),
		cmocka_unit_test(test_dsn_original_recipient),
		cmocka_unit_test(test_base64_text),
		cmocka_unit_test(test_quoted_printable),
		cmocka_unit_test(test_original_skipped),
		cmocka_unit_test(test_truncated),
		cmocka_unit_test(test_mbox),
		cmocka_unit_test(test_is_message),
		cmocka_unit_test(test_kinds),
		cmocka_unit_test(test_exchange_autoreply),
		cmocka_unit_test(test_jmrp),
		cmocka_unit_test(test_many_recipients),
		cmocka_unit_test(test_many_text_parts),
		cmocka_unit_test(test_nested_parts),
		cmocka_unit_test(test_dsn_blank_before_colon),
		cmocka_unit_test(test_original_to),
		cmocka_unit_test(test_dsn_blocks_run_together),
		cmocka_unit_test(test_actions),
		cmocka_unit_test(test_message_ids_and_date),
		cmocka_unit_test(test_failed_recipients_field),
		cmocka_unit_test(test_diagnostic_without_reply),
		cmocka_unit_test(test_diagnostic_first_line),
		cmocka_unit_test(test_reply_echoes_recipient),
		cmocka_unit_test(test_address_ends_sentence),
		cmocka_unit_test(test_labelled_recipient),
		cmocka_unit_test(test_sendmail_transcript),
		cmocka_unit_test(test_forwarded_quoted),
		cmocka_unit_test(test_first_lines_of_many),
		cmocka_unit_test(test_delay_subject),
		cmocka_unit_test(test_encoded_subject),
		cmocka_unit_test(test_feedback_original_to),
		cmocka_unit_test(test_json_escapes),
		cmocka_unit_test(test_lead_and_action_case),
		cmocka_unit_test(test_esp_sorted_keys),
		cmocka_unit_test(test_esp_tells),
		cmocka_unit_test(test_esp_stream_lines),
		cmocka_unit_test(test_esp_stream_array),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
