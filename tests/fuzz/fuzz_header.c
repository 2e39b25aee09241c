/* libFuzzer target for the parsers of untrusted input in smtpcode.h:
 * smtpcode_lookup, smtpcode_parse and smtpcode_explain on arbitrary bytes.
 * Any crash, sanitizer report or broken invariant fails; so does a look-up
 * whose fast path answers otherwise than the general parser behind it. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "smtpcode.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	const smtpcode_entry *e = smtpcode_lookup(s, size);
	smtpcode_code_t c;
	smtpcode_result r;
	int found;

	if (e && smtpcode_index(e) >= smtpcode_count())
		abort();
	if (e != smtpcode__lookup_slow(s, size))
		abort();
	if (smtpcode_parse(s, size, &c) && (c.reply < 0 || c.reply > 599))
		abort();
	found = smtpcode_explain(s, size, &r);
	if (found < 0 || found > 4)
		abort();
	if (r.status_len && r.status_at + r.status_len > size)
		abort();
	if (r.reply_len && r.reply_at + r.reply_len > size)
		abort();
	if (r.phrase_len && r.phrase_at + r.phrase_len > size)
		abort();
	return 0;
}
