/* libFuzzer target: the bounce message reader (lookup/bounce.c) takes
 * arbitrary bytes. Every message of the input is read, and every byte of
 * every string it returns is touched, so that AddressSanitizer sees a
 * string that points outside the input or a freed buffer. The input as a
 * whole, and each message's Date:, are read as dates (lookup/date.c). */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "bounce.h"
#include "date.h"
#include "touch.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	volatile unsigned sink = 0;
	size_t at = 0, i;
	bounce_str msg;
	char date[DATE_MAX];
	sink += (unsigned)bounce_is_message(s, size);
	/* any bytes as a date: read, or kept as written */
	if (strlen(date_iso(bounce_s(s, size), date)) >= DATE_MAX)
		abort();
	while (bounce_next(s, size, &at, &msg)) {
		bounce_msg m;
		if (bounce_read(msg.s, msg.len, &m) == 0) {
			for (i = 0; i < m.n; i++)
				sink += touch_rcpt(&m.rcpt[i]);
			sink += touch(m.queue_id) + touch(m.message_id) +
				(unsigned char)*date_iso(m.date, date);
		}
		bounce_free(&m);
	}
	(void)sink;
	return 0;
}
