#include <config.h>
#include "jtext.h"

#include <stdlib.h>

#include "../tap.h"

/* Compare jtext_fold(in, flags) with want. No memory. */
static void
fold_is(const char *in, unsigned flags, const char *want, const char *name)
{
	char *got = jtext_fold(in, flags);

	is_str(got, want, name);
	free(got);
}

/* Compare jtext_nfkc(in) with want. No memory. */
static void
nfkc_is(const char *in, const char *want, const char *name)
{
	char *got = jtext_nfkc(in);

	is_str(got, want, name);
	free(got);
}

int
main(void)
{
	nfkc_is("㋿6年5月24日", "令和6年5月24日",
	        "NFKC: the 令和 ligature");
	nfkc_is("㍻31年4月30日", "平成31年4月30日", "NFKC: the 平成 ligature");
	nfkc_is("Ｒ６．５．２４", "R6.5.24",
	        "NFKC: full-width letters and digits");
	nfkc_is("ｲﾀｸ", "イタク", "NFKC: half-width katakana");
	nfkc_is("", "", "NFKC: empty text");

	fold_is("ＩＩ－４", 0, "ii-4",
	        "fold: full-width roman numeral and dash");
	fold_is("Ⅱ-4", 0, "ii-4", "fold: U+2161 is II");
	fold_is("V-1-②", 0, "v-1-2", "fold: circled numbers become digits");
	fold_is("V-1-②", JTEXT_KEEP_CIRCLED, "v-1-②",
	        "fold: circled numbers kept on request");
	fold_is("㉑と㊿", JTEXT_KEEP_CIRCLED, "㉑と㊿",
	        "fold: circled 21 and 50 kept on request");
	fold_is("評価実施機 関に\tおいて\u3000x\u00a0y", JTEXT_DROP_BLANKS,
	        "評価実施機関においてxy", "fold: blanks dropped on request");
	fold_is("リスク： 目的外", JTEXT_DROP_BLANKS, "リスク:目的外",
	        "fold: full-width colon and space");
	fold_is("a\xff"
	        "b",
	        0,
	        "a\xef\xbf\xbd"
	        "b",
	        "fold: an invalid byte reads as U+FFFD");

	is_int(jtext_circled(0x2460), 1, "① is 1");
	is_int(jtext_circled(0x2473), 20, "⑳ is 20");
	is_int(jtext_circled(0x3251), 21, "㉑ is 21");
	is_int(jtext_circled(0x32BF), 50, "㊿ is 50");
	is_int(jtext_circled('1'), 0, "1 is not circled");
	is_str(jtext_circled_str(2), "②", "the circled 2");
	is_str(jtext_circled_str(36), "㊱", "the circled 36");
	is_str(jtext_circled_str(0), "", "no circled 0");
	ok(jtext_is_blank(0x3000), "U+3000 is a blank");
	ok(jtext_is_blank(0xA0), "NBSP is a blank");
	ok(!jtext_is_blank(0x3001), "、 is not a blank");
	return done_testing();
}
