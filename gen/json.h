/* json: the site's JSON. The record of an entry (the shape json-shape.md
 * documents), written alone as the entry's index.json and together as
 * catalog.json, and the search index that search.js reads. */
#ifndef GEN_JSON_H
#define GEN_JSON_H

#include "site.h"

/* Append the record of e, on one line, without a newline. */
void json_record(const site *s, const entry *e, buf *b);

/* Write catalog.json, every record, in b (which is reused). */
void json_write_catalog(site *s, buf *b);

/* Write search-index.js, in b (which is reused). */
void json_write_search(site *s, buf *b);

#endif
