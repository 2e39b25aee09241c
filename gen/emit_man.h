/* emit_man: smtpcode(7), the whole catalog as a man page, and the bash
 * completion of codes and options. */
#ifndef GEN_EMIT_MAN_H
#define GEN_EMIT_MAN_H

#include "model.h"
#include "out.h"

/* Write "man/smtpcode.7" in o. Returns 0, or -1 after reporting. */
int emit_man(const model *m, out *o);

/* Write "completion/smtpcode.bash" in o: completes subcommands, options
 * and every key of the catalog. */
int emit_completion(const model *m, out *o);

#endif
