#include <config.h>
#include "wareki.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "i18n.h"
#include "jtext.h"
#include "utf8.h"
#include "xalloc.h"

struct wareki_era_info {
	const char *name; /* 令和 */
	char letter;      /* R */
	int offset;       /* the Gregorian year of the era's year 0 */
	long first;       /* the first day in force, yyyymmdd */
	long last;        /* the last day in force, yyyymmdd; 0 = still */
};

/*
 * 明治 is known from 明治6年1月1日, when Japan took up the Gregorian
 * calendar; its earlier dates follow the old lunisolar calendar.
 */
/* clang-format off */
static const struct wareki_era_info wareki_eras[] = {
	[WAREKI_MEIJI] = {"明治", 'M', 1867, 18730101L, 19120729L},
	[WAREKI_TAISHO] = {"大正", 'T', 1911, 19120730L, 19261224L},
	[WAREKI_SHOWA] = {"昭和", 'S', 1925, 19261225L, 19890107L},
	[WAREKI_HEISEI] = {"平成", 'H', 1988, 19890108L, 20190430L},
	[WAREKI_REIWA] = {"令和", 'R', 2018, 20190501L, 0},
};
/* clang-format on */

enum wareki_fault {
	WAREKI_FAULT_NONE,
	WAREKI_FAULT_YEAR,   /* year 0 */
	WAREKI_FAULT_MONTH,  /* not 1 to 12 */
	WAREKI_FAULT_DAY,    /* not in the month */
	WAREKI_FAULT_EARLY,  /* before 明治6年1月1日 */
	WAREKI_FAULT_BEFORE, /* before the era began */
	WAREKI_FAULT_AFTER   /* after the era ended */
};

struct wareki_scan {
	const char *p;
	const char *end;
};

/* Return the table entry of era, or NULL if there is none. No memory. */
static const struct wareki_era_info *
wareki_lookup(int era)
{
	if (era < WAREKI_MEIJI || era > WAREKI_REIWA)
		return NULL;
	return &wareki_eras[era];
}

/* Return the days in month m (1 to 12) of Gregorian year y. No memory. */
static int
wareki_days_in_month(int y, int m)
{
	if (m == 2)
		return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 29 : 28;
	if (m == 4 || m == 6 || m == 9 || m == 11)
		return 30;
	return 31;
}

/* Return Gregorian y, m, d as the number yyyymmdd. No memory. */
static long
wareki_key(int y, int m, int d)
{
	return ((long)y * 100 + m) * 100 + d;
}

/* Check Gregorian month m and day d (0 = left out) of year y. No memory. */
static enum wareki_fault
wareki_check_day(int y, int m, int d)
{
	if (m < 1 || m > 12)
		return WAREKI_FAULT_MONTH;
	if (d < 0 || d > wareki_days_in_month(y, m))
		return WAREKI_FAULT_DAY;
	return WAREKI_FAULT_NONE;
}

/* Check that d is a date of the era whose table entry is e. No memory. */
static enum wareki_fault
wareki_check(const struct wareki_era_info *e, const struct wareki_date *d)
{
	enum wareki_fault f;
	int y;
	long lo;
	long hi;

	if (d->year < 1 || d->year > 9999 - e->offset)
		return WAREKI_FAULT_YEAR;
	y = e->offset + d->year;
	f = wareki_check_day(y, d->month, d->day);
	if (f != WAREKI_FAULT_NONE)
		return f;
	/* A month without its day is good when one of its days is. */
	lo = wareki_key(y, d->month, d->day != 0 ? d->day : 1);
	hi = wareki_key(y, d->month,
	                d->day != 0 ? d->day
	                            : wareki_days_in_month(y, d->month));
	if (hi < e->first)
		return e == &wareki_eras[WAREKI_MEIJI] ? WAREKI_FAULT_EARLY
		                                       : WAREKI_FAULT_BEFORE;
	if (e->last != 0 && lo > e->last)
		return WAREKI_FAULT_AFTER;
	return WAREKI_FAULT_NONE;
}

/* Write year of era e as 令和6年, or 令和元年 for year 1. Caller frees. */
static char *
wareki_year_label(const struct wareki_era_info *e, int year)
{
	if (year == 1)
		return xasprintf("%s元年", e->name);
	return xasprintf("%s%d年", e->name, year);
}

/* Format d as 令和6年5月24日, or NULL for an unknown era. Caller frees. */
char *
wareki_format(const struct wareki_date *d)
{
	const struct wareki_era_info *e = wareki_lookup(d->era);
	char *year;
	char *out;

	if (e == NULL)
		return NULL;
	year = wareki_year_label(e, d->year);
	if (d->day == 0)
		out = xasprintf("%s%d月", year, d->month);
	else
		out = xasprintf("%s%d月%d日", year, d->month, d->day);
	free(year);
	return out;
}

/* Format day key (yyyymmdd) of era as 平成31年4月30日. Caller frees. */
static char *
wareki_format_key(int era, long key)
{
	struct wareki_date d;

	d.era = era;
	d.year = (int)(key / 10000) - wareki_eras[era].offset;
	d.month = (int)(key / 100 % 100);
	d.day = (int)(key % 100);
	return wareki_format(&d);
}

/* Explain fault f of d, whose year reads label (令和5年). Caller frees. */
static char *
wareki_fault_message(enum wareki_fault f, const struct wareki_date *d,
                     const char *label)
{
	const struct wareki_era_info *e = wareki_lookup(d->era);
	char *day;
	char *msg;

	switch (f) {
	case WAREKI_FAULT_YEAR:
		return xstrdup(_(
		        "There is no year 0; the first year of an era is 元年 (year 1)"));
	case WAREKI_FAULT_MONTH:
		return xasprintf(
		        _("There is no month %d; months run from 1 to 12"),
		        d->month);
	case WAREKI_FAULT_DAY:
		return xasprintf(_("There is no %d月%d日 in %s"), d->month,
		                 d->day, label);
	case WAREKI_FAULT_BEFORE:
		day = wareki_format_key(d->era, e->first);
		msg = xasprintf(_("%s began on %s; use %s for earlier dates"),
		                e->name, day, wareki_eras[d->era - 1].name);
		free(day);
		return msg;
	case WAREKI_FAULT_AFTER:
		day = wareki_format_key(d->era, e->last);
		msg = xasprintf(_("%s ended on %s; use %s for later dates"),
		                e->name, day, wareki_eras[d->era + 1].name);
		free(day);
		return msg;
	case WAREKI_FAULT_EARLY:
	case WAREKI_FAULT_NONE:
		break;
	}
	return xstrdup(
	        _("Dates before 明治6年1月1日 (1873-01-01) are not supported"));
}

/* Consume lit if the text continues with it. No memory. */
static bool
wareki_accept(struct wareki_scan *sc, const char *lit)
{
	size_t n = strlen(lit);

	if ((size_t)(sc->end - sc->p) < n || memcmp(sc->p, lit, n) != 0)
		return false;
	sc->p += n;
	return true;
}

/* Skip spaces, tabs and line ends (NFKC made U+3000 a space). No
 * memory. */
static void
wareki_skip(struct wareki_scan *sc)
{
	while (sc->p < sc->end && (*sc->p == ' ' || *sc->p == '\t' ||
	                           *sc->p == '\r' || *sc->p == '\n'))
		sc->p++;
}

/* Drop the spaces at both ends of the text. No memory. */
static void
wareki_trim(struct wareki_scan *sc)
{
	wareki_skip(sc);
	while (sc->end > sc->p && (sc->end[-1] == ' ' || sc->end[-1] == '\t' ||
	                           sc->end[-1] == '\r' || sc->end[-1] == '\n'))
		sc->end--;
}

/* Tell whether the text continues with an ASCII digit. No memory. */
static bool
wareki_at_digit(const struct wareki_scan *sc)
{
	return sc->p < sc->end && *sc->p >= '0' && *sc->p <= '9';
}

/* Read digits into *v (up to max of them); return the count. No memory. */
static int
wareki_number(struct wareki_scan *sc, int max, int *v)
{
	int count = 0;

	*v = 0;
	while (wareki_at_digit(sc)) {
		if (count < max)
			*v = *v * 10 + (*sc->p - '0');
		count++;
		sc->p++;
	}
	return count;
}

/* Read an era name (令和) or letter (R, ｒ); return it or 0. No memory. */
static int
wareki_scan_era(struct wareki_scan *sc)
{
	uint32_t cp = 0;
	size_t len;
	int era;

	for (era = WAREKI_MEIJI; era <= WAREKI_REIWA; era++)
		if (wareki_accept(sc, wareki_eras[era].name))
			return era;
	len = utf8_decode(sc->p, (size_t)(sc->end - sc->p), &cp);
	if (cp >= 'a' && cp <= 'z')
		cp = cp - 'a' + 'A';
	for (era = WAREKI_MEIJI; era <= WAREKI_REIWA; era++) {
		if (cp == (uint32_t)wareki_eras[era].letter) {
			sc->p += len;
			return era;
		}
	}
	return 0;
}

/* Read a date into *d, *has_day; false if there is none. No memory. */
static bool
wareki_scan_date(struct wareki_scan *sc, struct wareki_date *d, bool *has_day)
{
	int max;
	int n;
	char sep[2] = {'\0', '\0'};
	struct wareki_scan look;

	*has_day = false;
	d->era = wareki_scan_era(sc);
	max = d->era != 0 ? 3 : 4;
	wareki_skip(sc);
	if (d->era != 0 && wareki_accept(sc, "元")) {
		d->year = 1;
	} else {
		n = wareki_number(sc, max, &d->year);
		if (n == 0 || n > max || (d->era == 0 && n != 4))
			return false;
	}
	wareki_skip(sc);
	if (!wareki_accept(sc, "年")) {
		if (sc->p == sc->end || strchr("./-", *sc->p) == NULL)
			return false;
		sep[0] = *sc->p++;
	}
	wareki_skip(sc);
	n = wareki_number(sc, 2, &d->month);
	if (n == 0 || n > 2)
		return false;
	wareki_skip(sc);
	if (sep[0] == '\0') {
		if (!wareki_accept(sc, "月"))
			return false;
		wareki_skip(sc);
		*has_day = wareki_at_digit(sc);
	} else {
		/* A separator with no digits after it is a trailing '.'. */
		look = *sc;
		if (wareki_accept(&look, sep)) {
			wareki_skip(&look);
			*has_day = wareki_at_digit(&look);
		}
		if (*has_day)
			*sc = look;
	}
	d->day = 0;
	if (*has_day) {
		n = wareki_number(sc, 2, &d->day);
		if (n > 2)
			return false;
		wareki_skip(sc);
		if (sep[0] == '\0')
			wareki_accept(sc, "日");
	}
	wareki_skip(sc);
	wareki_accept(sc, ".");
	wareki_skip(sc);
	return sc->p == sc->end;
}

/* Convert western date d into *out or return a message. Caller frees. */
static char *
wareki_from_western(const struct wareki_date *d, bool has_day,
                    struct wareki_date *out)
{
	enum wareki_fault f = wareki_check_day(d->year, d->month, d->day);
	char *label;
	char *msg;

	if (f == WAREKI_FAULT_NONE && has_day && d->day == 0)
		f = WAREKI_FAULT_DAY;
	if (f == WAREKI_FAULT_NONE) {
		if (wareki_from_gregorian(d->year, d->month, d->day, out))
			return NULL;
		f = WAREKI_FAULT_EARLY;
	}
	label = xasprintf("%d年", d->year);
	msg = wareki_fault_message(f, d, label);
	free(label);
	return msg;
}

/* Parse normalised text t into *out or return a message. Caller frees. */
static char *
wareki_parse_text(const char *t, bool month_allowed, struct wareki_date *out)
{
	struct wareki_scan sc = {t, t + strlen(t)};
	struct wareki_date d = {0, 0, 0, 0};
	const struct wareki_era_info *e;
	enum wareki_fault f;
	bool has_day;
	char *label;
	char *msg;

	wareki_trim(&sc);
	if (sc.p == sc.end)
		return xstrdup(_(
		        "The date is empty; write it like 令和6年5月24日 or R6.5.24"));
	label = xstrndup(sc.p, (size_t)(sc.end - sc.p));
	if (!wareki_scan_date(&sc, &d, &has_day)) {
		msg = xasprintf(
		        _("\"%s\" is not a date; write it like 令和6年5月24日 or R6.5.24"),
		        label);
		free(label);
		return msg;
	}
	free(label);
	if (!has_day && !month_allowed)
		return xstrdup(_(
		        "The day is missing; write the full date, like 令和6年5月24日"));
	e = wareki_lookup(d.era);
	if (e == NULL)
		return wareki_from_western(&d, has_day, out);
	f = wareki_check(e, &d);
	if (f == WAREKI_FAULT_NONE && has_day && d.day == 0)
		f = WAREKI_FAULT_DAY;
	if (f == WAREKI_FAULT_NONE) {
		*out = d;
		return NULL;
	}
	label = wareki_year_label(e, d.year);
	msg = wareki_fault_message(f, &d, label);
	free(label);
	return msg;
}

/* Parse a date into *out; else set *err (may be NULL). Caller frees *err. */
bool
wareki_parse(const char *in, bool month_allowed, struct wareki_date *out,
             char **err)
{
	char *text = jtext_nfkc(in);
	char *msg = wareki_parse_text(text, month_allowed, out);

	free(text);
	if (err != NULL)
		*err = msg;
	else
		free(msg);
	return msg == NULL;
}

/* Convert a valid d to a Gregorian date (day 0 stays 0). No memory. */
bool
wareki_to_gregorian(const struct wareki_date *d, int *y, int *m, int *dd)
{
	const struct wareki_era_info *e = wareki_lookup(d->era);

	if (e == NULL || wareki_check(e, d) != WAREKI_FAULT_NONE)
		return false;
	*y = e->offset + d->year;
	*m = d->month;
	*dd = d->day;
	return true;
}

/* Add months to a Gregorian date; a day past the end of the new month
 * becomes its last day (2024-02-29 + 12 months = 2025-02-28), day 0
 * (left out) stays 0. No memory. */
void
wareki_add_months(int *y, int *m, int *dd, int months)
{
	int k = *y * 12 + (*m - 1) + months;

	*y = k / 12;
	*m = k % 12 + 1;
	if (*dd > wareki_days_in_month(*y, *m))
		*dd = wareki_days_in_month(*y, *m);
}

/* Convert a Gregorian date (day 0 = left out) to the era. No memory. */
bool
wareki_from_gregorian(int y, int m, int dd, struct wareki_date *out)
{
	long key;
	int era = WAREKI_REIWA;

	if (y < 1 || y > 9999 ||
	    wareki_check_day(y, m, dd) != WAREKI_FAULT_NONE)
		return false;
	/* A month without its day takes the era of its first day. */
	key = wareki_key(y, m, dd != 0 ? dd : 1);
	if (key < wareki_eras[WAREKI_MEIJI].first)
		return false;
	while (key < wareki_eras[era].first)
		era--;
	out->era = era;
	out->year = y - wareki_eras[era].offset;
	out->month = m;
	out->day = dd;
	return true;
}

/* Return the calendar order of d as yyyymmdd, day 1 if left out. No memory. */
static long long
wareki_order(const struct wareki_date *d)
{
	const struct wareki_era_info *e = wareki_lookup(d->era);
	long long y = (long long)(e != NULL ? e->offset : 0) + d->year;

	return (y * 100 + d->month) * 100 + (d->day != 0 ? d->day : 1);
}

/* Compare two dates by calendar; a left-out day counts as 1. No memory. */
int
wareki_compare(const struct wareki_date *a, const struct wareki_date *b)
{
	long long ka = wareki_order(a);
	long long kb = wareki_order(b);

	return (ka > kb) - (ka < kb);
}

/* Today's Gregorian date, or HYOKA_TODAY (YYYY-MM-DD) for tests. */
void
wareki_today(int *y, int *m, int *d)
{
	const char *env = getenv("HYOKA_TODAY");
	time_t now = time(NULL);
	struct tm tm;

	if (env != NULL && sscanf(env, "%d-%d-%d", y, m, d) == 3)
		return;
	localtime_r(&now, &tm);
	*y = tm.tm_year + 1900;
	*m = tm.tm_mon + 1;
	*d = tm.tm_mday;
}
