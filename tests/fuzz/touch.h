/* For the fuzz targets: every byte of the strings a reader returns is
 * read, so that AddressSanitizer sees one that points outside the input
 * or into a freed buffer. */
#ifndef FUZZ_TOUCH_H
#define FUZZ_TOUCH_H

#include "bounce.h"

static unsigned touch(bounce_str v)
{
	unsigned sum = 0;
	size_t i;
	for (i = 0; i < v.len; i++)
		sum += (unsigned char)v.s[i];
	return sum;
}

static unsigned touch_rcpt(const bounce_rcpt *r)
{
	return touch(r->addr) + touch(r->action) + touch(r->status) +
	       touch(r->diag);
}

#endif
