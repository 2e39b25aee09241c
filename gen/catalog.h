/* catalog: read the catalog files, validate them against the RELAX NG
 * schema, and build the model. Every error is reported (util's diag_*);
 * the caller checks diag_count(). */
#ifndef GEN_CATALOG_H
#define GEN_CATALOG_H

#include <stddef.h>

#include "model.h"

/* Load files[0..n) validated by schema into m. Returns 0 when every file
 * was read and valid, -1 otherwise (m holds what could be read). */
int catalog_load(model *m, const char *schema, char *const *files, size_t n);

/* Trim s and remove the indentation common to its lines after the first,
 * so that prose indented to fit the XML reads as the Markdown it is. */
char *catalog_dedent(const char *s);

#endif
