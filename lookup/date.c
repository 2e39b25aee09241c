#include "date.h"

#include <stdint.h>
#include <string.h>

static const char months[12][4] = { "jan", "feb", "mar", "apr", "may",
				    "jun", "jul", "aug", "sep", "oct",
				    "nov", "dec" };

/* The obsolete zone names of RFC 5322, 4.3, with their offsets in
 * minutes; "UT", "GMT" and "Z" are UTC. */
static const struct {
	const char *name;
	int minutes;
} zones[] = {
	{ "ut", 0 },	    { "gmt", 0 },	{ "utc", 0 },
	{ "z", 0 },	    { "est", -300 },	{ "edt", -240 },
	{ "cst", -360 },    { "cdt", -300 },	{ "mst", -420 },
	{ "mdt", -360 },    { "pst", -480 },	{ "pdt", -420 },
};

/* A date read: the fields of ISO 8601 and what is known of the zone. */
typedef struct when {
	int year, month, day, hour, min, sec;
	int zone;   /* ZONE_NONE, ZONE_UTC or ZONE_OFFSET */
	int offset; /* minutes east of UTC, for ZONE_OFFSET */
} when;

enum { ZONE_NONE, ZONE_UTC, ZONE_OFFSET };

/* ------------------------------------------------------------ reading */

/* Exactly n digits at *p (before e), *p moved past them. */
static int num(const char **p, const char *e, int n, int *v)
{
	int i;
	if (e - *p < n)
		return 0;
	for (*v = 0, i = 0; i < n; i++) {
		if (!bounce_digit((*p)[i]))
			return 0;
		*v = *v * 10 + ((*p)[i] - '0');
	}
	*p += n;
	return 1;
}

/* One to n digits. */
static int num_upto(const char **p, const char *e, int n, int *v)
{
	int i;
	for (*v = 0, i = 0; i < n && *p < e && bounce_digit(**p); i++, (*p)++)
		*v = *v * 10 + (**p - '0');
	return i > 0;
}

static int lit(const char **p, const char *e, char c)
{
	if (*p >= e || **p != c)
		return 0;
	(*p)++;
	return 1;
}

static void blanks(const char **p, const char *e)
{
	while (*p < e && (**p == ' ' || **p == '\t'))
		(*p)++;
}

static int month_of(const char *p, const char *e)
{
	int i;
	if (e - p < 3)
		return 0;
	for (i = 0; i < 12; i++)
		if (bounce_lower((unsigned char)p[0]) == months[i][0] &&
		    bounce_lower((unsigned char)p[1]) == months[i][1] &&
		    bounce_lower((unsigned char)p[2]) == months[i][2])
			return i + 1;
	return 0;
}

/* "+0900", "-05:00", "Z", "GMT", "EST": the zone at *p, if any. */
static void zone(const char **p, const char *e, when *w)
{
	const char *q = *p;
	int h, m, i;
	blanks(&q, e);
	if (q < e && (*q == '+' || *q == '-')) {
		int sign = *q++ == '-' ? -1 : 1;
		if (!num(&q, e, 2, &h))
			return;
		lit(&q, e, ':');
		if (!num(&q, e, 2, &m) || h > 23 || m > 59)
			return;
		/* RFC 5322's -0000 is UTC too, on a system whose own zone is
		 * not said */
		w->zone = h == 0 && m == 0 ? ZONE_UTC : ZONE_OFFSET;
		w->offset = sign * (h * 60 + m);
		*p = q;
		return;
	}
	for (i = 0; i < (int)(sizeof zones / sizeof *zones); i++) {
		size_t n = strlen(zones[i].name), j;
		if ((size_t)(e - q) < n)
			continue;
		for (j = 0; j < n; j++)
			if (bounce_lower((unsigned char)q[j]) != zones[i].name[j])
				break;
		if (j < n || (q + n < e && ((q[n] | 0x20) >= 'a' &&
					    (q[n] | 0x20) <= 'z')))
			continue;
		w->zone = zones[i].minutes ? ZONE_OFFSET : ZONE_UTC;
		w->offset = zones[i].minutes;
		*p = q + n;
		return;
	}
}

/* "HH:MM[:SS]", then a fraction of a second, which is dropped. */
static int clock(const char **p, const char *e, when *w)
{
	if (!num(p, e, 2, &w->hour) || !lit(p, e, ':') ||
	    !num(p, e, 2, &w->min))
		return 0;
	if (lit(p, e, ':') && !num(p, e, 2, &w->sec))
		return 0;
	if (*p < e && (**p == '.' || **p == ',')) {
		(*p)++;
		while (*p < e && bounce_digit(**p))
			(*p)++;
	}
	return w->hour <= 23 && w->min <= 59 && w->sec <= 60;
}

/* "[Sat, ]28 Nov 2026 19:38:04 +0900": RFC 5322's date-time, with its
 * obsolete forms (two-digit years, zone names). */
static int rfc5322(const char *p, const char *e, when *w)
{
	while (p < e && ((*p | 0x20) >= 'a' && (*p | 0x20) <= 'z'))
		p++; /* the day's name, with its comma or not */
	lit(&p, e, ',');
	blanks(&p, e);
	if (!num_upto(&p, e, 2, &w->day))
		return 0;
	blanks(&p, e);
	if (!(w->month = month_of(p, e)))
		return 0;
	while (p < e && *p != ' ' && *p != '\t')
		p++; /* "Nov" or "November" */
	blanks(&p, e);
	if (!num_upto(&p, e, 4, &w->year))
		return 0;
	if (w->year < 50)
		w->year += 2000;
	else if (w->year < 1000)
		w->year += 1900;
	blanks(&p, e);
	if (!clock(&p, e, w))
		return 0;
	zone(&p, e, w);
	return 1;
}

/* "2026-11-28 19:38:04 +0900", "2026-11-28T19:38:04.5Z". */
static int iso(const char *p, const char *e, when *w)
{
	if (!num(&p, e, 4, &w->year) || !lit(&p, e, '-') ||
	    !num(&p, e, 2, &w->month) || !lit(&p, e, '-') ||
	    !num(&p, e, 2, &w->day) || p >= e || (*p != 'T' && *p != ' '))
		return 0;
	p++;
	if (!clock(&p, e, w))
		return 0;
	zone(&p, e, w);
	return 1;
}

/* Days since 1970-01-01 as a date (H. Hinnant's civil_from_days). */
static void civil(int64_t days, when *w)
{
	int64_t z = days + 719468, era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	w->day = (int)(doy - (153 * mp + 2) / 5 + 1);
	w->month = (int)(mp < 10 ? mp + 3 : mp - 9);
	w->year = (int)(yoe + era * 400 + (w->month <= 2));
}

/* Seconds since 1970 in UTC. Years past 9999 are not read. */
static int from_epoch(int64_t t, when *w)
{
	int64_t days = t / 86400, s = t % 86400;
	if (t < 0 || t > 253402300799LL)
		return 0;
	civil(days, w);
	w->hour = (int)(s / 3600), w->min = (int)(s / 60 % 60);
	w->sec = (int)(s % 60);
	w->zone = ZONE_UTC;
	return 1;
}

static int hexval(int c)
{
	if (bounce_digit(c))
		return c - '0';
	c |= 0x20;
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* "@4000000069298c2a1c0f0b2c": a TAI64N label, 2^62 + TAI seconds; the
 * daemontools write it from the system clock plus 10, which is taken
 * back. */
static int tai64n(const char *p, const char *e, when *w)
{
	uint64_t v = 0;
	int i;
	if (e - p < 25 || *p != '@')
		return 0;
	for (i = 1; i <= 24; i++)
		if (hexval((unsigned char)p[i]) < 0)
			return 0;
	for (i = 1; i <= 16; i++)
		v = v << 4 | (uint64_t)hexval((unsigned char)p[i]);
	if (v < (1ULL << 62) + 10)
		return 0;
	return from_epoch((int64_t)(v - (1ULL << 62) - 10), w);
}

/* "1764355084.123456": seconds since 1970 (qmail's splogger). */
static int seconds(const char *p, const char *e, when *w)
{
	int64_t t = 0;
	int n = 0;
	for (; p < e && bounce_digit(*p) && n < 12; p++, n++)
		t = t * 10 + (*p - '0');
	if (n < 9 || n > 11 || (p < e && *p != '.'))
		return 0;
	return from_epoch(t, w);
}

/* ------------------------------------------------------------ writing */

/* v in n digits at p (scan writes one date a record: no printf). */
static char *digits(char *p, int v, int n)
{
	int i;
	for (i = n - 1; i >= 0; i--, v /= 10)
		p[i] = (char)('0' + v % 10);
	return p + n;
}

/* "2026-11-28T19:38:04+09:00": 25 bytes and a NUL at most. */
static void write_iso(const when *w, char out[DATE_MAX])
{
	char *p = out;
	int a = w->offset < 0 ? -w->offset : w->offset;
	p = digits(p, w->year, 4), *p++ = '-';
	p = digits(p, w->month, 2), *p++ = '-';
	p = digits(p, w->day, 2), *p++ = 'T';
	p = digits(p, w->hour, 2), *p++ = ':';
	p = digits(p, w->min, 2), *p++ = ':';
	p = digits(p, w->sec, 2);
	if (w->zone == ZONE_UTC || (w->zone == ZONE_OFFSET && !w->offset)) {
		*p++ = 'Z';
	} else if (w->zone == ZONE_OFFSET) {
		*p++ = w->offset < 0 ? '-' : '+';
		p = digits(p, a / 60, 2), *p++ = ':';
		p = digits(p, a % 60, 2);
	}
	*p = '\0';
}

static int valid(const when *w)
{
	static const int mdays[12] = { 31, 28, 31, 30, 31, 30,
				       31, 31, 30, 31, 30, 31 };
	int leap = w->year % 4 == 0 && (w->year % 100 != 0 || w->year % 400 == 0);
	return w->year >= 1000 && w->year <= 9999 && w->month >= 1 &&
	       w->month <= 12 && w->day >= 1 &&
	       w->day <= mdays[w->month - 1] + (w->month == 2 && leap);
}

const char *date_iso(bounce_str d, char out[DATE_MAX])
{
	const char *p = d.s, *e;
	when w;
	size_t n;
	out[0] = '\0';
	if (!d.len) /* d.s may be NULL */
		return out;
	e = d.s + d.len;
	memset(&w, 0, sizeof w);
	while (p < e && (*p == ' ' || *p == '\t'))
		p++;
	while (e > p && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
		e--;
	if (p < e && (iso(p, e, &w) || tai64n(p, e, &w) ||
		      seconds(p, e, &w) || rfc5322(p, e, &w)) && valid(&w)) {
		write_iso(&w, out);
		return out;
	}
	n = (size_t)(e - p) < DATE_MAX - 1 ? (size_t)(e - p) : DATE_MAX - 1;
	if (n)
		memcpy(out, p, n);
	out[n] = '\0';
	return out;
}

/* ---------------------------------------------------- a log line's */

/* "Nov 28 19:38:04": a traditional syslog stamp, 15 bytes. */
static int bsd_stamp(const char *p, const char *e)
{
	return e - p >= 15 && p[3] == ' ' &&
	       (p[4] == ' ' || bounce_digit(p[4])) && bounce_digit(p[5]) &&
	       p[6] == ' ' && bounce_digit(p[7]) && p[9] == ':' &&
	       p[12] == ':' && bounce_digit(p[14]) && month_of(p, e);
}

const char *date_past_priority(const char *s, const char *e)
{
	const char *p = s + 1;
	if (s == e || *s != '<')
		return s;
	while (p < e && bounce_digit(*p))
		p++;
	return p > s + 1 && p < e && *p == '>' ? p + 1 : s;
}

/* Past what some logs write before the time: a priority ("<22>", kept by
 * some syslog daemons), RFC 5424's version ("<22>1 ", the priority maybe
 * left out), journalctl -o short-full's day of the week ("Sat "). */
static const char *past_prefix(const char *s, const char *e)
{
	const char *p = date_past_priority(s, e);
	if (e - p > 2 && p[0] == '1' && p[1] == ' ' && bounce_digit(p[2]))
		p += 2;
	else if (e - p > 5 && p[3] == ' ' && bounce_digit(p[4]) &&
		 p[0] && strchr("MTWFS", p[0]) && p[1] >= 'a' && p[1] <= 'z')
		p += 4;
	return p;
}

bounce_str date_stamp(const char *s, const char *e)
{
	const char *p;
	when w;
	memset(&w, 0, sizeof w);
	s = past_prefix(s, e);
	p = s;
	if (bsd_stamp(s, e))
		return bounce_span(s, s + 15);
	if (e - s >= 25 && tai64n(s, e, &w))
		return bounce_span(s, s + 25);
	if (seconds(s, e, &w)) { /* journalctl -o short-unix */
		while (p < e && (bounce_digit(*p) || *p == '.'))
			p++;
		if (p == e || *p == ' ')
			return bounce_span(s, p);
		p = s;
	}
	if (iso(s, e, &w)) {
		/* the date, the time (its seconds or not), and a zone after
		 * a blank or not */
		p = s + 16;
		if (p < e && *p == ':')
			p += 3;
		while (p < e && (bounce_digit(*p) || *p == '.' || *p == ','))
			p++;
		if (p < e && *p == ' ' && e - p > 1 &&
		    (p[1] == '+' || p[1] == '-') && bounce_digit(p[2]))
			p++;
		if (p < e && (*p == '+' || *p == '-')) {
			p++;
			while (p < e && (bounce_digit(*p) || *p == ':'))
				p++;
		} else if (p < e && *p == 'Z') {
			p++;
		}
		return bounce_span(s, p);
	}
	return bounce_span(s, s);
}
