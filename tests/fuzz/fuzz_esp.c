/* libFuzzer target: the reader of the email services' JSON events
 * (lookup/esp.c: SES's notifications, SendGrid's, Postmark's and
 * Mailgun's events) takes arbitrary bytes, as JSON files of them and as
 * the body of a mail. Every byte of every string it returns is touched, so
 * that AddressSanitizer sees a string that points outside the input or
 * into a freed buffer. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "esp.h"
#include "touch.h"

static unsigned touch_all(const bounce_msg *m)
{
	unsigned sum = 0;
	size_t i;
	for (i = 0; i < m->n; i++)
		sum += touch_rcpt(&m->rcpt[i]);
	return sum + touch(m->date) + touch(m->queue_id) + touch(m->message_id);
}

static int each(bounce_msg *m, void *arg)
{
	*(volatile unsigned *)arg += touch_all(m);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	volatile unsigned sink = 0;
	bounce_msg m = { 0 };
	sink += (unsigned)esp_is(s, size);
	esp_each(s, size, each, (void *)&sink, NULL);
	if (esp_read(s, size, &m) > 0)
		sink += touch_all(&m);
	bounce_free(&m);
	(void)sink;
	return 0;
}
