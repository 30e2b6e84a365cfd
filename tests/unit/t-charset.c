/* Unit tests of the conversion of UTF-8 text to a named charset (CP932,
 * EUC-JP) with the characters it lacks reported. */
#include <config.h>

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "charset.h"
#include "../tap.h"

/* Convert s to charset cs; the bytes as hex ("8e51 ..."), the number of
 * issues in *n and the first one in *first. Static result. */
static const char *
conv(const char *cs, const char *s, size_t *n, struct charset_issue *first)
{
	static char hex[256];
	struct charset_enc *e = charset_enc_new(cs);
	struct charset_issue *is = NULL;
	size_t len = 0, k = 0;
	char *out;

	*n = 0;
	memset(first, 0, sizeof *first);
	if (e == NULL)
		return "no converter";
	out = charset_enc_run(e, s, strlen(s), &len, &is, n);
	for (size_t i = 0; i < len && k + 3 < sizeof hex; i++)
		k += (size_t)snprintf(hex + k, sizeof hex - k, "%02x",
		                      (unsigned char)out[i]);
	hex[k] = '\0';
	if (*n > 0)
		*first = is[0];
	free(is);
	free(out);
	charset_enc_free(&e);
	return hex;
}

int
main(void)
{
	struct charset_issue is;
	size_t n;
	struct charset_enc *e;

	setlocale(LC_ALL, "C.UTF-8");
	is_str(charset_canonical("cp932"), "CP932", "cp932 is CP932");
	is_str(charset_canonical("Shift_JIS"), "CP932", "Shift_JIS is CP932");
	is_str(charset_canonical("euc-jp"), "EUC-JP", "euc-jp is EUC-JP");
	is_str(charset_canonical("utf8"), "UTF-8", "utf8 is UTF-8");
	is_str(charset_canonical("KOI8-R"), NULL, "KOI8-R is not offered");
	ok(charset_enc_new("UTF-8") == NULL, "no converter to UTF-8 itself");

	is_str(conv("CP932", "参照A", &n, &is), "8e518fc641",
	       "CP932: 参照 and A");
	is_int((int)n, 0, "no issue");
	is_str(conv("CP932", "①～", &n, &is), "87408160",
	       "CP932: ① and ～ have codes");
	is_int((int)n, 0, "no issue");
	is_str(conv("CP932", "a—b", &n, &is), "61815c62",
	       "CP932: — is written with the code of ―");
	ok(n == 1 && is.cp == 0x2014 && is.becomes == 0x2015 && is.offset == 1,
	   "and reported as a look-alike, with its offset");
	is_str(conv("CP932", "x𠮷y", &n, &is), "7881ac79",
	       "CP932: 𠮷 has no code and is written as 〓");
	ok(n == 1 && is.cp == 0x20BB7 && is.becomes == 0, "and reported");
	is_str(conv("EUC-JP", "①髙", &n, &is), "ada18ff4fb",
	       "EUC-JP: ① and 髙 (the NEC and IBM extensions)");
	is_int((int)n, 0, "no issue");
	e = charset_enc_new("CP932");
	ok(e != NULL, "a converter");
	for (int i = 0; e != NULL && i < 3000; i++) {
		char s[8];
		char *out;
		size_t len, k;
		struct charset_issue *iss;

		snprintf(s, sizeof s, "%s", "漢");
		s[2] = (char)(0x80 + i % 64);
		out = charset_enc_run(e, s, strlen(s), &len, &iss, &k);
		free(out);
		free(iss);
	}
	ok(e != NULL, "many different characters (the table grows)");
	charset_enc_free(&e);
	ok(e == NULL, "charset_enc_free nulls the pointer");
	return done_testing();
}
