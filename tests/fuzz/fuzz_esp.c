/* libFuzzer target: the reader of the email services' JSON events
 * (lookup/esp.c: SES's notifications, SendGrid's, Postmark's and
 * Mailgun's events) takes arbitrary bytes, as JSON files of them and as
 * the body of a mail. Every byte of every string it returns is touched, so
 * that AddressSanitizer sees a string that points outside the input or
 * into a freed buffer. The input is also read as a stream, in reads of a
 * size its first byte gives, each into a buffer of its own size: that
 * must give what reading it whole gives, and tell it the same way. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

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

/* What a reading gave: its notifications, and a hash of their strings in
 * order (FNV-1a). */
typedef struct seen {
	long n;
	uint64_t h;
} seen;

static void mix(seen *v, const void *p, size_t len)
{
	const unsigned char *b = p;
	size_t i;
	for (i = 0; i < len; i++)
		v->h = (v->h ^ b[i]) * 1099511628211u;
	v->h = (v->h ^ len) * 1099511628211u;
}

static void mix_str(seen *v, bounce_str s)
{
	mix(v, s.s ? s.s : "", s.len);
}

static int note(bounce_msg *m, void *arg)
{
	seen *v = arg;
	size_t i;
	v->n++;
	mix(v, &m->kind, sizeof m->kind);
	mix_str(v, m->date);
	mix_str(v, m->queue_id);
	mix_str(v, m->message_id);
	for (i = 0; i < m->n; i++) {
		mix_str(v, m->rcpt[i].addr);
		mix_str(v, m->rcpt[i].action);
		mix_str(v, m->rcpt[i].status);
		mix_str(v, m->rcpt[i].diag);
	}
	return 0;
}

/* s read as it would come from a pipe, `step` bytes at a time; each call
 * gets a copy of exactly what it is given, so that reading past it is
 * seen. Returns esp_stream_tell's last word. */
static int as_stream(const char *s, size_t size, size_t step, seen *v,
		     size_t *broken)
{
	char *buf = malloc(size + 1), *at;
	size_t have = 0, off = 0;
	int told = -1;
	esp_stream st;
	if (!buf)
		return -2;
	esp_stream_init(&st, note, v);
	for (;;) {
		size_t n = size - off < step ? size - off : step;
		long done;
		memcpy(buf + have, s + off, n);
		have += n, off += n;
		if (told < 0 && (at = malloc(have ? have : 1))) {
			memcpy(at, buf, have);
			told = esp_stream_tell(&st, at, have, off == size);
			free(at);
		}
		if (!(at = malloc(have ? have : 1)))
			break;
		memcpy(at, buf, have);
		done = esp_stream_feed(&st, at, have, off == size);
		free(at);
		if (done < 0)
			abort();
		memmove(buf, buf + done, have - (size_t)done);
		have -= (size_t)done;
		if (off == size)
			break;
	}
	*broken = st.broken;
	esp_stream_release(&st);
	free(buf);
	return told;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	volatile unsigned sink = 0;
	bounce_msg m = { 0 };
	seen whole = { 0, 0 }, streamed = { 0, 0 };
	size_t broken = 0, broken_streamed = 0;
	int is = esp_is(s, size);
	sink += (unsigned)is;
	esp_each(s, size, each, (void *)&sink, NULL);
	if (esp_each(s, size, note, &whole, &broken) != whole.n ||
	    as_stream(s, size, size ? 1 + data[0] % 61 : 1, &streamed,
		      &broken_streamed) != is ||
	    streamed.n != whole.n || streamed.h != whole.h ||
	    broken_streamed != broken)
		abort(); /* the stream read it otherwise */
	if (esp_read(s, size, &m) > 0)
		sink += touch_all(&m);
	bounce_free(&m);
	(void)sink;
	return 0;
}
