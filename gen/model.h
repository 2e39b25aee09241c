/* model: the catalog in memory, as catalog_load() builds it and every
 * emitter reads it. Strings are owned by the model; emitters never change it. */
#ifndef GEN_MODEL_H
#define GEN_MODEL_H

#include <stddef.h>
#include <stdint.h>

#include "util.h"

/* Where a fact came from, for diagnostics. */
typedef struct loc {
	const char *file;
	int line, col;
} loc;

/* The kinds of entry, in the order the header lists them. */
enum kind { KIND_REPLY, KIND_STATUS, KIND_RESPONSE, KIND_REASON, KIND__COUNT };

enum verdict_value { VERDICT_HARD, VERDICT_SOFT, VERDICT_SUCCESS, VERDICT_NONE,
	       VERDICT__COUNT };

enum audience { AUD_SENDER, AUD_ADMIN, AUD_RECIPIENT, AUD__COUNT };

enum actor { ACT_NONE, ACT_SENDER, ACT_ADMIN, ACT_RECIPIENT, ACT_NOBODY,
	     ACT__COUNT };

#define ORIGIN__COUNT 6

/* ref kinds inside <references> */
enum refkind { REF_RFC, REF_IANA, REF_DRAFT, REF_LINK };

/* Sentinel for "X" in a status code: class X, subject X or detail X. */
#define CODE_X 1023

typedef struct verdict {
	int cls;          /* 2, 4, 5, or 0 when the entry has one verdict */
	int value;        /* enum verdict */
	int reason;       /* entry index of the reason, -1 if none */
	char *reason_id;  /* as written, resolved by check */
	int act;          /* enum actor */
	char *md;         /* why */
	loc at;
} verdict;

typedef struct fix {
	int audience;
	char *md;
	loc at;
} fix;

typedef struct see {
	char *ref;
	int confused;
	char *why;        /* may be NULL */
	int target;       /* entry index, set by check */
	loc at;
} see;

typedef struct reference {
	int kind;         /* enum refkind */
	int rfc;
	char *section;    /* RFC section, may be NULL */
	char *name;       /* draft name, or link title */
	char *href;       /* link */
	char *date;       /* link date, may be NULL */
} reference;

typedef struct definition {
	char *doc, *commands, *status, *md;
	loc at;
} definition;

typedef struct variant {
	int cls;
	char *md;
	loc at;
} variant;

typedef struct strlist {
	char **v;
	loc *at;
	size_t n;
} strlist;

/* A response has at most this many phrases: which are common is a bit
 * of entry.common. */
#define PHRASES_MAX 64

typedef struct entry {
	int kind;
	loc at;
	char *key;        /* "550", "X.1.1", "5.X.X", response id, reason id */
	char *name;       /* symbolic name (reply, status), NULL otherwise */
	unsigned phases;  /* bit i set: phase_names[i] */
	unsigned fallback; /* reasons: the steps where a bare reply code is
	                      taken for it (the same bits) */
	char *summary, *meaning;
	loc summary_at, meaning_at, classnote_at; /* their elements */
	strlist causes;
	fix *fixes;
	size_t nfixes;
	verdict *verdicts;
	size_t nverdicts;
	see *related;
	size_t nrelated;
	reference *refs;
	size_t nrefs;
	strlist notes;

	/* reply */
	int reply;        /* the code, also for responses */
	char *origin;
	definition *defs;
	size_t ndefs;

	/* status: class, subject, detail (CODE_X for X) */
	int cls, subject, detail;
	unsigned classes; /* bit 2, 4, 5 */
	int *replies;
	size_t nreplies;
	char *sample;
	int deprecated;
	variant *variants;
	size_t nvariants;
	char *classnote;

	/* response */
	char *provider;
	int provider_idx;
	char *status;     /* the registered code it refines, as sent ("5.7.26") */
	int status_idx;   /* entry index of its class-agnostic status */
	char *code;       /* the code actually sent, when different; may be NULL */
	int bare;
	char *token;
	char *seen;
	strlist texts;
	strlist phrases;  /* also reasons */
	uint64_t common;  /* bit i: phrases.v[i] is common="yes" */

	/* reason */
	strlist codes;
} entry;

typedef struct provider {
	char *id, *name, *type, *about;
	strlist domains, markers;
	loc at;
} provider;

typedef struct model {
	entry *entries;   /* sorted: kind, then code or key */
	size_t nentries;
	provider *providers;
	size_t nproviders;
	char *version, *date, *registry_date, *site_url;
	int registry_last[10]; /* last detail of subject X.s, -1 if none */
	int have_registry;
	loc registry_at;
	loc first_root;   /* the first file's <catalog>, where a diagnostic
	                     about the catalog as a whole points */
	strlist files;    /* the catalog files read, in order */
	size_t *by_key;   /* entry indexes sorted by key, for model_find_entry;
	                     built by model_index() */
	size_t *providers_by_id; /* provider indexes sorted by id (ties in
	                            catalog order), for model_find_provider */
} model;

/* The vocabularies, in the order of the enums above; the header's names
 * are generated from these lists (emit_header.c), so there is one of each. */
extern const char *const phase_names[];

/* The bit of a phase's name (1u << its index in phase_names), or 0. */
unsigned phase_bit(const char *name);
extern const char *const verdict_names[];
extern const char *const audience_names[];
extern const char *const actor_names[];   /* [ACT_NONE] is "" */
extern const char *const kind_names[];
extern const char *const origin_names[];  /* [0] is "": not a reply */

/* verdict.reason holds the entry index of a reason entry; the vocabulary
 * itself is catalog data (catalog/reasons.xml). */
/* Index the entries by key (after they are sorted into their final
 * order) and the providers by id; model_find_entry and
 * model_find_provider then take a binary search. */
void model_index(model *m);
/* The index of the entry with this key, or -1 (the first of duplicates). */
int model_find_entry(const model *m, const char *key);
/* The index of the provider with this id, or -1 (the first in catalog
 * order of duplicates). */
int model_find_provider(const model *m, const char *id);
void strlist_add(strlist *l, char *s, loc at);
void model_release(model *m);

/* Parse "5.1.1", "X.1.1", "5.X.X" into class, subject, detail (CODE_X for
 * X). Returns 0 on success, -1 when s is not such a code. */
int code_parse_status(const char *s, int *cls, int *subject, int *detail);

/* The code an entry stands for, as people write it: "550", "X.1.1",
 * "5.X.X"; for a response the code it sends ("5.7.27"), "" when it sends
 * none; "" for a reason. */
const char *entry_code(const entry *e);

/* The entry's verdict for a code of class cls: the one for that class,
 * else the one for all classes, else, for a failure (4 or 5), the other
 * failure class's, else its first; NULL when it has none. */
const verdict *entry_verdict(const entry *e, int cls);

/* Enhanced codes as the header's integers: class << 20 | subject << 10 |
 * detail, CODE_X for X. entry_sent_key: the code a response sends, 0 when
 * it sends none (and for other kinds). */
uint32_t code_key(int c, int s, int d);
uint32_t entry_sent_key(const entry *e);

/* For each entry, 1 when the number it sends is a lookup key of its own:
 * not registered, and sent by this one response alone ("5.7.606").
 * emit_header.c makes these keys, the completion offers them. Free it. */
unsigned char *model_own_numbers(const model *m);

/* The entry's folder on the site, relative to its root: "550/",
 * "X.1.1/", "response/ID/", "reason/ID/". */
void entry_path(const entry *e, buf *out);

/* A reference as text ("RFC 5321 section 4.2.2") and its URL ("" when it
 * has none). */
void reference_text(const reference *r, buf *out);
void reference_url(const reference *r, buf *out);

#endif
