/*
 * 和暦 dates (公表日, 実施日, 保有開始日, ...).
 *
 * wareki_parse() takes, after Unicode NFKC (jtext_nfkc: full-width
 * letters, digits and ．／－ become ASCII, ㋿ 令和, ㍻ 平成, U+3000 a
 * space) and trimming spaces:
 *   令和6年5月24日  令和元年5月1日  令和1年5月1日  平成27年10月
 *   R6.5.24  r6.5.24  H31.4.30  R6/5/24  R6-5-24  (M T S H R, any case)
 *   2024-05-24  2024/5/24  2024.5.24  2024年5月24日
 * with an optional trailing '.'. The day may be left out only when
 * month_allowed is true. A western date becomes the era in force on that day
 * (on the 1st when the day is left out). Dates before 明治6年1月1日
 * (1873-01-01, the first day of the Gregorian calendar in Japan) are refused,
 * as are dates outside their era (平成31年5月1日, 令和元年4月30日), year 0
 * and impossible days. The era's first year is written 元年.
 *
 * wareki_add_months() adds months to a Gregorian date; a day the new month
 * does not have becomes its last day (2024-02-29 + 12 months = 2025-02-28).
 */
#ifndef HYOKA_WAREKI_H
#define HYOKA_WAREKI_H

#include <stdbool.h>

enum wareki_era {
	WAREKI_MEIJI = 1,
	WAREKI_TAISHO,
	WAREKI_SHOWA,
	WAREKI_HEISEI,
	WAREKI_REIWA
};

struct wareki_date {
	int era;   /* enum wareki_era */
	int year;  /* year of the era, 1 = 元年 */
	int month; /* 1 to 12 */
	int day;   /* 1 to 31, 0 = left out */
};

/* Parse a date into *out; else set *err (may be NULL). Caller frees *err. */
bool wareki_parse(const char *in, bool month_allowed, struct wareki_date *out,
                  char **err);

/* Format d as 令和6年5月24日, or NULL for an unknown era. Caller frees. */
char *wareki_format(const struct wareki_date *d);

/* Convert a valid d to a Gregorian date (day 0 stays 0). No memory. */
bool wareki_to_gregorian(const struct wareki_date *d, int *y, int *m, int *dd);

/* Add months, clamping the day to the month's end. No memory. */
void wareki_add_months(int *y, int *m, int *dd, int months);

/* Convert a Gregorian date (day 0 = left out) to the era. No memory. */
bool wareki_from_gregorian(int y, int m, int dd, struct wareki_date *out);

/* Compare two dates by calendar; a left-out day counts as 1. No memory. */
int wareki_compare(const struct wareki_date *a, const struct wareki_date *b);

/* Today's Gregorian date, or HYOKA_TODAY (YYYY-MM-DD) when it is set, so
 * that tests see one day. No memory. */
void wareki_today(int *y, int *m, int *d);

#endif
