/* texts: the real reply texts of the catalog, one per line: every
 * SMTPCODE_FIELD_TEXT item of every entry (provider responses as they are
 * really sent), the input of the explain benchmark. */
#include <stdio.h>

#include "smtpcode.h"

int main(void)
{
	size_t i, j, n = 0;
	for (i = 0; i < smtpcode_count(); i++) {
		const smtpcode_entry *e = smtpcode_at(i);
		smtpcode_item it;
		for (j = 0; smtpcode_item_at(e, j, &it); j++) {
			const char *s;
			if (it.field != SMTPCODE_FIELD_TEXT)
				continue;
			/* one reply per line, as a log has it */
			for (s = it.text; *s; s++)
				putchar(*s == '\n' || *s == '\r' ? ' ' : *s);
			putchar('\n');
			n++;
		}
	}
	if (n == 0) {
		fprintf(stderr, "texts: the catalog has no reply texts\n");
		return 1;
	}
	return ferror(stdout) ? 1 : 0;
}
