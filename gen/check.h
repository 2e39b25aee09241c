/* check: what the schema cannot say. Sorts the model into its documented
 * order, resolves cross-references and reports every inconsistency. */
#ifndef GEN_CHECK_H
#define GEN_CHECK_H

#include "model.h"

/* Sort m, resolve references; report each problem. Returns the number of
 * errors found. */
int check_model(model *m);

/* Order of entries: kind; replies by code; statuses by subject, detail,
 * class (class and subject rows before details); responses by provider and
 * id; reasons keep the catalog's order, which is the order in which explain
 * tries their phrases. Never returns 0 for distinct keys. */
int check_compare(const entry *a, const entry *b);

#endif
