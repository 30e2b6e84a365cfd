#include <config.h>
#include "wareki.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>

#include "../tap.h"

/* Test that in parses and formats as expected. No memory. */
static void
accepts(const char *in, bool month_allowed, const char *expected)
{
	struct wareki_date d = {0, 0, 0, 0};
	char *err = NULL;
	char *got = NULL;

	if (wareki_parse(in, month_allowed, &d, &err))
		got = wareki_format(&d);
	else
		diag("refused: %s", err);
	is_str(got, expected, in);
	free(got);
	free(err);
}

/* Test that in is refused with the message expected. No memory. */
static void
refuses(const char *in, bool month_allowed, const char *expected)
{
	struct wareki_date d = {0, 0, 0, 0};
	char *err = NULL;
	char *got = NULL;

	if (wareki_parse(in, month_allowed, &d, &err)) {
		got = wareki_format(&d);
		diag("accepted as %s", got);
		free(got);
		ok(0, "refuses %s", in);
	} else {
		is_str(err, expected, in);
	}
	free(err);
}

/* Test the input forms and their normalised output. No memory. */
static void
test_accepted(void)
{
	accepts("令和6年5月24日", false, "令和6年5月24日");
	accepts("令和元年5月1日", false, "令和元年5月1日");
	accepts("令和1年5月1日", false, "令和元年5月1日");
	accepts("平成31年4月30日", false, "平成31年4月30日");
	accepts("平成27年10月", true, "平成27年10月");
	accepts("平成27年10月1日", true, "平成27年10月1日");
	accepts("R6.5.24", false, "令和6年5月24日");
	accepts("r6.5.24", false, "令和6年5月24日");
	accepts("H31.4.30", false, "平成31年4月30日");
	accepts("h27.10", true, "平成27年10月");
	accepts("R6/5/24", false, "令和6年5月24日");
	accepts("R6-5-24", false, "令和6年5月24日");
	accepts("R06.05.24", false, "令和6年5月24日");
	accepts("R元.5.1", false, "令和元年5月1日");
	accepts("2024-05-24", false, "令和6年5月24日");
	accepts("2024/5/24", false, "令和6年5月24日");
	accepts("2024.5.24", false, "令和6年5月24日");
	accepts("2024年5月24日", false, "令和6年5月24日");
	accepts("2015年10月", true, "平成27年10月");
	accepts("2015/10", true, "平成27年10月");
	accepts("R6.5.24.", false, "令和6年5月24日");
	accepts("H27.10.", true, "平成27年10月");
	accepts("令和6年5月24日.", false, "令和6年5月24日");
	accepts("2024-05-24.", false, "令和6年5月24日");
	accepts("  令和6年5月24日\t", false, "令和6年5月24日");
	accepts("　令和６年５月２４日　", false, "令和6年5月24日");
	accepts("令和 6 年 5 月 24 日", false, "令和6年5月24日");
	accepts("令和6年5月24", false, "令和6年5月24日");
	accepts("Ｒ６．５．２４", false, "令和6年5月24日");
	accepts("ｈ３１／４／３０", false, "平成31年4月30日");
	accepts("２０２４－０５－２４", false, "令和6年5月24日");
	/* NFKC: the era ligatures of fonts and input methods. */
	accepts("㋿6年5月24日", false, "令和6年5月24日");
	accepts("㍻31年4月30日", false, "平成31年4月30日");
	accepts("㍼64年1月7日", false, "昭和64年1月7日");
	accepts("㋿元年５月１日", false, "令和元年5月1日");
	accepts("令和6年2月29日", false, "令和6年2月29日");
	accepts("2024-02-29", false, "令和6年2月29日");
	accepts("2019-04-30", false, "平成31年4月30日");
	accepts("2019-05-01", false, "令和元年5月1日");
	accepts("2019年4月", true, "平成31年4月");
	accepts("2019年5月", true, "令和元年5月");
	accepts("令和元年5月", true, "令和元年5月");
	accepts("平成31年4月", true, "平成31年4月");
	accepts("1989-01-07", false, "昭和64年1月7日");
	accepts("1989-01-08", false, "平成元年1月8日");
	accepts("S64.1.7", false, "昭和64年1月7日");
	accepts("平成元年1月8日", false, "平成元年1月8日");
	accepts("平成元年1月", true, "平成元年1月");
	accepts("昭和64年1月", true, "昭和64年1月");
	accepts("1926-12-25", false, "昭和元年12月25日");
	accepts("大正15年12月24日", false, "大正15年12月24日");
	accepts("T1.7.30", false, "大正元年7月30日");
	accepts("明治45年7月29日", false, "明治45年7月29日");
	accepts("M6.1.1", false, "明治6年1月1日");
	accepts("1873-01-01", false, "明治6年1月1日");
	accepts("2000-02-29", false, "平成12年2月29日");
}

/* Test the refused forms and their messages. No memory. */
static void
test_refused(void)
{
	refuses("", false,
	        "The date is empty; write it like 令和6年5月24日 or R6.5.24");
	refuses(" 　 ", true,
	        "The date is empty; write it like 令和6年5月24日 or R6.5.24");
	refuses("abc", false,
	        "\"abc\" is not a date; write it like 令和6年5月24日 or "
	        "R6.5.24");
	refuses(" 令和 ", false,
	        "\"令和\" is not a date; write it like 令和6年5月24日 or "
	        "R6.5.24");
	refuses("令和6年", true,
	        "\"令和6年\" is not a date; write it like 令和6年5月24日 or "
	        "R6.5.24");
	refuses("2024", false,
	        "\"2024\" is not a date; write it like 令和6年5月24日 or "
	        "R6.5.24");
	refuses("24-05-2024", false,
	        "\"24-05-2024\" is not a date; write it like 令和6年5月24日 or "
	        "R6.5.24");
	refuses("20240524", false,
	        "\"20240524\" is not a date; write it like 令和6年5月24日 or "
	        "R6.5.24");
	refuses("R6.5/24", false,
	        "\"R6.5/24\" is not a date; write it like 令和6年5月24日 or "
	        "R6.5.24");
	refuses("R6.5.24x", false,
	        "\"R6.5.24x\" is not a date; write it like 令和6年5月24日 or "
	        "R6.5.24");
	refuses("R6.5.24..", false,
	        "\"R6.5.24..\" is not a date; write it like 令和6年5月24日 or "
	        "R6.5.24");
	refuses("天保6年5月24日", false,
	        "\"天保6年5月24日\" is not a date; write it like "
	        "令和6年5月24日 "
	        "or R6.5.24");
	refuses("2024年元月1日", false,
	        "\"2024年元月1日\" is not a date; write it like 令和6年5月24日 "
	        "or "
	        "R6.5.24");
	refuses("令和1000年1月1日", false,
	        "\"令和1000年1月1日\" is not a date; write it like "
	        "令和6年5月24日 "
	        "or R6.5.24");
	refuses("X6.5.24", false,
	        "\"X6.5.24\" is not a date; write it like 令和6年5月24日 or "
	        "R6.5.24");
	refuses("平成27年10月", false,
	        "The day is missing; write the full date, like 令和6年5月24日");
	refuses("H27.10", false,
	        "The day is missing; write the full date, like 令和6年5月24日");
	refuses("2015-10", false,
	        "The day is missing; write the full date, like 令和6年5月24日");
	refuses("令和6年2月30日", false, "There is no 2月30日 in 令和6年");
	refuses("令和5年2月29日", false, "There is no 2月29日 in 令和5年");
	refuses("2023-02-29", false, "There is no 2月29日 in 2023年");
	refuses("1900-02-29", false, "There is no 2月29日 in 1900年");
	refuses("令和6年4月31日", false, "There is no 4月31日 in 令和6年");
	refuses("令和6年5月0日", false, "There is no 5月0日 in 令和6年");
	refuses("R6.5.32", false, "There is no 5月32日 in 令和6年");
	refuses("R元.2.30", false, "There is no 2月30日 in 令和元年");
	refuses("令和6年13月1日", false,
	        "There is no month 13; months run from 1 to 12");
	refuses("2024-00-10", false,
	        "There is no month 0; months run from 1 to 12");
	refuses("令和0年5月1日", false,
	        "There is no year 0; the first year of an era is 元年 (year "
	        "1)");
	refuses("R0.5.1", false,
	        "There is no year 0; the first year of an era is 元年 (year "
	        "1)");
	refuses("平成31年5月1日", false,
	        "平成 ended on 平成31年4月30日; use 令和 for later dates");
	refuses("H31.12.31", false,
	        "平成 ended on 平成31年4月30日; use 令和 for later dates");
	refuses("平成32年1月1日", false,
	        "平成 ended on 平成31年4月30日; use 令和 for later dates");
	refuses("平成31年5月", true,
	        "平成 ended on 平成31年4月30日; use 令和 for later dates");
	refuses("令和元年4月30日", false,
	        "令和 began on 令和元年5月1日; use 平成 for earlier dates");
	refuses("令和元年1月1日", false,
	        "令和 began on 令和元年5月1日; use 平成 for earlier dates");
	refuses("令和元年4月", true,
	        "令和 began on 令和元年5月1日; use 平成 for earlier dates");
	refuses("昭和64年1月8日", false,
	        "昭和 ended on 昭和64年1月7日; use 平成 for later dates");
	refuses("平成元年1月7日", false,
	        "平成 began on 平成元年1月8日; use 昭和 for earlier dates");
	refuses("大正元年7月29日", false,
	        "大正 began on 大正元年7月30日; use 明治 for earlier dates");
	refuses("明治5年12月31日", false,
	        "Dates before 明治6年1月1日 (1873-01-01) are not supported");
	refuses("1872-12-31", false,
	        "Dates before 明治6年1月1日 (1873-01-01) are not supported");
	refuses("0000-01-01", false,
	        "Dates before 明治6年1月1日 (1873-01-01) are not supported");
	ok(!wareki_parse("nonsense", false, &(struct wareki_date){0, 0, 0, 0},
	                 NULL),
	   "refuses with no message wanted");
}

/* Test wareki_format(), the conversions and wareki_compare(). No memory. */
static void
test_calendar(void)
{
	struct wareki_date r6 = {WAREKI_REIWA, 6, 5, 24};
	struct wareki_date r1 = {WAREKI_REIWA, 1, 5, 1};
	struct wareki_date h31 = {WAREKI_HEISEI, 31, 4, 30};
	struct wareki_date h27m = {WAREKI_HEISEI, 27, 10, 0};
	struct wareki_date h27d1 = {WAREKI_HEISEI, 27, 10, 1};
	struct wareki_date h27d2 = {WAREKI_HEISEI, 27, 10, 2};
	struct wareki_date s64 = {WAREKI_SHOWA, 64, 1, 7};
	struct wareki_date h1 = {WAREKI_HEISEI, 1, 1, 8};
	struct wareki_date h32 = {WAREKI_HEISEI, 32, 1, 1};
	struct wareki_date bad = {99, 1, 1, 1};
	struct wareki_date d = {0, 0, 0, 0};
	char *s;
	int y = 0;
	int m = 0;
	int dd = -1;

	s = wareki_format(&r1);
	is_str(s, "令和元年5月1日", "format: 元年");
	free(s);
	s = wareki_format(&h27m);
	is_str(s, "平成27年10月", "format: month only");
	free(s);
	ok(wareki_format(&bad) == NULL, "format: unknown era gives NULL");

	ok(wareki_to_gregorian(&r6, &y, &m, &dd) && y == 2024 && m == 5 &&
	           dd == 24,
	   "to gregorian: 令和6年5月24日 is 2024-05-24");
	ok(wareki_to_gregorian(&h31, &y, &m, &dd) && y == 2019 && m == 4 &&
	           dd == 30,
	   "to gregorian: 平成31年4月30日 is 2019-04-30");
	ok(wareki_to_gregorian(&h27m, &y, &m, &dd) && y == 2015 && m == 10 &&
	           dd == 0,
	   "to gregorian: 平成27年10月 is 2015-10, day 0");
	ok(!wareki_to_gregorian(&h32, &y, &m, &dd),
	   "to gregorian: 平成32年 is refused");
	ok(!wareki_to_gregorian(&bad, &y, &m, &dd),
	   "to gregorian: unknown era is refused");

	ok(wareki_from_gregorian(2019, 4, 30, &d) && d.era == WAREKI_HEISEI &&
	           d.year == 31 && d.month == 4 && d.day == 30,
	   "from gregorian: 2019-04-30 is 平成31年");
	ok(wareki_from_gregorian(2019, 5, 0, &d) && d.era == WAREKI_REIWA &&
	           d.year == 1 && d.day == 0,
	   "from gregorian: 2019-05 is 令和元年5月");
	ok(!wareki_from_gregorian(2023, 2, 29, &d),
	   "from gregorian: 2023-02-29 is refused");
	ok(!wareki_from_gregorian(1872, 12, 31, &d),
	   "from gregorian: 1872 is refused");

	ok(wareki_compare(&r1, &h31) > 0,
	   "compare: 令和元年5月1日 after 平成31年4月30日");
	ok(wareki_compare(&h31, &r1) < 0,
	   "compare: 平成31年4月30日 before 令和元年5月1日");
	ok(wareki_compare(&r6, &r6) == 0, "compare: same date");
	ok(wareki_compare(&h27m, &h27d1) == 0,
	   "compare: left-out day counts as 1");
	ok(wareki_compare(&h27m, &h27d2) < 0,
	   "compare: month before its 2nd day");
	ok(wareki_compare(&s64, &h1) < 0, "compare: 昭和64年 before 平成元年");
	ok(wareki_compare(&h27m, &r6) < 0, "compare: 平成27年 before 令和6年");
}

/* Expect wareki_add_months(y-m-d, k) to give the date want. No memory. */
static void
adds(int y, int m, int d, int k, const char *want)
{
	char got[32];

	wareki_add_months(&y, &m, &d, k);
	snprintf(got, sizeof got, "%04d-%02d-%02d", y, m, d);
	is_str(got, want, want);
}

/* Test month arithmetic with clamping to the month's end. No memory. */
static void
test_months(void)
{
	adds(2024, 2, 29, 12, "2025-02-28");
	adds(2024, 2, 29, 48, "2028-02-29");
	adds(2024, 1, 31, 1, "2024-02-29");
	adds(2023, 1, 31, 1, "2023-02-28");
	adds(2024, 11, 30, 3, "2025-02-28");
	adds(2024, 8, 31, 1, "2024-09-30");
	adds(2024, 12, 15, 60, "2029-12-15");
	adds(2015, 10, 0, 12, "2016-10-00");
	adds(1999, 12, 31, 1, "2000-01-31");
}

int
main(void)
{
	if (setlocale(LC_ALL, "C.UTF-8") == NULL)
		setlocale(LC_ALL, "");
	test_accepted();
	test_refused();
	test_calendar();
	test_months();
	return done_testing();
}
