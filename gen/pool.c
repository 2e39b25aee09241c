#include "pool.h"

#include <stdlib.h>
#include <string.h>

/* Members stay under C99's 4095-character minimum for a literal. */
#define CHUNK 4000

static uint32_t str_hash(const char *s)
{
	uint32_t h = 2166136261u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

void pool_init(pool *p)
{
	memset(p, 0, sizeof *p);
	p->cap = 1024;
	p->index = xcalloc(p->cap, sizeof *p->index);
	pool_add(p, "");
}

static void grow(pool *p)
{
	size_t old = p->cap, i;
	uint32_t *idx = p->index;

	p->cap *= 2;
	p->index = xcalloc(p->cap, sizeof *p->index);
	for (i = 0; i < old; i++) {
		size_t j;
		if (!idx[i])
			continue;
		j = str_hash(p->data.s + idx[i] - 1) & (p->cap - 1);
		while (p->index[j])
			j = (j + 1) & (p->cap - 1);
		p->index[j] = idx[i];
	}
	free(idx);
}

uint32_t pool_add(pool *p, const char *s)
{
	size_t j;
	uint32_t off;

	if (p->count * 2 >= p->cap)
		grow(p);
	j = str_hash(s) & (p->cap - 1);
	while (p->index[j]) {
		if (strcmp(p->data.s + p->index[j] - 1, s) == 0)
			return p->index[j] - 1;
		j = (j + 1) & (p->cap - 1);
	}
	off = (uint32_t)p->data.len;
	buf_put(&p->data, s, strlen(s) + 1);
	p->index[j] = off + 1;
	p->count++;
	return off;
}

uint32_t pool_add_lower(pool *p, const char *s)
{
	char *l = xstrdup(s), *c;
	uint32_t off;
	for (c = l; *c; c++)
		if (*c >= 'A' && *c <= 'Z')
			*c = (char)(*c | 0x20);
	off = pool_add(p, l);
	free(l);
	return off;
}

void pool_release(pool *p)
{
	buf_release(&p->data);
	free(p->index);
	memset(p, 0, sizeof *p);
}

void c_table(buf *decl, buf *def, const char *type, const char *name,
	     size_t n, const char *body)
{
	buf_printf(decl, "SMTPCODE__HIDDEN extern const %s %s[%zu];\n", type,
		   name, n ? n : 1);
	buf_printf(def, "SMTPCODE__STORAGE const %s %s[%zu] = {\n%s%s};\n\n",
		   type, name, n ? n : 1, body && *body ? body : "",
		   n ? "" : "\t{0}\n");
}

void c_escape(buf *out, const char *s, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '\\' || c == '"')
			buf_printf(out, "\\%c", c);
		else if (c == '?' && i + 1 < n && s[i + 1] == '?')
			buf_puts(out, "?\\"); /* no trigraphs */
		else if (c == '\n')
			buf_puts(out, "\\n");
		else if (c < 0x20 || c >= 0x7f)
			buf_printf(out, "\\%03o", c);
		else
			buf_putc(out, c);
	}
}

/* A string longer than a chunk becomes a list of characters. */
static void emit_chars(buf *init, const char *s, size_t n)
{
	size_t i;
	buf_puts(init, "\t{");
	for (i = 0; i < n; i++)
		buf_printf(init, "%s%d", i % 24 ? "," : "\n\t", (unsigned char)s[i]);
	buf_puts(init, "\n\t},\n");
}

void pool_emit(const pool *p, buf *decl, buf *init)
{
	const char *s = p->data.s;
	size_t off = 0, n = p->data.len, member = 0;

	while (off < n) {
		size_t end = off, next;
		/* take whole strings while the member stays short */
		while (end < n) {
			next = end + strlen(s + end) + 1;
			if (next - off > CHUNK && end > off)
				break;
			end = next;
		}
		buf_printf(decl, "\tchar s%zu[%zu];\n", member++, end - off);
		if (end - off > CHUNK) {
			emit_chars(init, s + off, end - off);
		} else {
			/* one string a line; the last NUL is the literal's */
			size_t at = off;
			while (at < end) {
				size_t len = strlen(s + at);
				buf_puts(init, "\t\"");
				c_escape(init, s + at, len);
				at += len + 1;
				buf_puts(init, at < end ? "\\000\"\n" : "\",\n");
			}
		}
		off = end;
	}
}
