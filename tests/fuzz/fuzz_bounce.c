/* libFuzzer target: the bounce message reader (lookup/bounce.c) takes
 * arbitrary bytes. Every message of the input is read, and every byte of
 * every string it returns is touched, so that AddressSanitizer sees a
 * string that points outside the input or a freed buffer. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "bounce.h"
#include "touch.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	volatile unsigned sink = 0;
	size_t at = 0, i;
	bounce_str msg;
	sink += (unsigned)bounce_is_message(s, size);
	while (bounce_next(s, size, &at, &msg)) {
		bounce_msg m;
		if (bounce_read(msg.s, msg.len, &m) == 0)
			for (i = 0; i < m.n; i++)
				sink += touch_rcpt(&m.rcpt[i]);
		bounce_free(&m);
	}
	(void)sink;
	return 0;
}
