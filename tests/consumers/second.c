/* The second translation unit: including the header again must neither
 * clash nor warn. With SMTPCODE_ONE_COPY, this unit holds the tables and
 * the other only refers to them (SMTPCODE_SPLIT). */
#ifdef SMTPCODE_ONE_COPY
#define SMTPCODE_IMPLEMENTATION
#endif
#include <string.h>

#include "smtpcode.h"

size_t second_unit_count(void);
const smtpcode_entry *second_unit_lookup(const char *key);

size_t second_unit_count(void)
{
	return smtpcode_count();
}

const smtpcode_entry *second_unit_lookup(const char *key)
{
	return smtpcode_lookup(key, strlen(key));
}
