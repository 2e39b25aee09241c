/* The second translation unit: including the header again must neither
 * clash nor warn. With SMTPCODE_ONE_COPY, this unit holds the tables and
 * the other only refers to them (SMTPCODE_SPLIT). */
#ifdef SMTPCODE_ONE_COPY
#define SMTPCODE_IMPLEMENTATION
#endif
#include <string.h>

#include "smtpcode.h"

size_t second_unit_count(void);
size_t second_unit_lookup(const char *key);

size_t second_unit_count(void)
{
	return smtpcode_count();
}

/* An index, not a pointer: in the default mode each unit has its own copy
 * of the tables, so entries are compared by index or key across units. */
size_t second_unit_lookup(const char *key)
{
	const smtpcode_entry *e = smtpcode_lookup(key, strlen(key));
	return e ? smtpcode_index(e) : (size_t)-1;
}
