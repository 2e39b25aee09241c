/* emit_header: write smtpcode.h from the model and the hand-written
 * template (gen/smtpcode.h.in), with the perfect hash gen built. */
#ifndef GEN_EMIT_HEADER_H
#define GEN_EMIT_HEADER_H

#include "model.h"

/* Build the header's text in out. template and hashfn are the contents of
 * gen/smtpcode.h.in and gen/hashfn.h. Returns 0, or -1 after reporting
 * (no perfect hash found, two keys equal). */
int emit_header(const model *m, const char *template, const char *hashfn,
		buf *out);

#endif
