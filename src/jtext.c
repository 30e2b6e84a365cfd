#include <config.h>
#include "jtext.h"

#include <string.h>

#include <unicase.h>
#include <unictype.h>
#include <uninorm.h>
#include <unistr.h>

#include "utf8.h"
#include "xalloc.h"

/* Circled numbers are carried through folding as private-use characters. */
#define JTEXT_PUA 0xF0000u

/* Decode s into a new array of code points; store its length. Caller frees. */
static uint32_t *
jtext_decode(const char *s, size_t *count)
{
	size_t n = strlen(s), k = 0;
	uint32_t *u = xcalloc(n + 1, sizeof *u);

	for (size_t i = 0; i < n;) {
		uint32_t cp;

		i += utf8_decode(s + i, n - i, &cp);
		u[k++] = cp;
	}
	*count = k;
	return u;
}

/* Encode n code points as a new UTF-8 string. Caller frees. */
static char *
jtext_encode(const uint32_t *u, size_t n)
{
	size_t len = 0;
	uint8_t *r = u32_to_u8(u, n, NULL, &len);
	char *s;

	if (r == NULL)
		return xstrdup("");
	s = xmalloc(len + 1);
	memcpy(s, r, len);
	s[len] = '\0';
	free(r);
	return s;
}

/* Return s in Unicode NFKC. Caller frees. */
char *
jtext_nfkc(const char *s)
{
	size_t n, len = 0;
	uint32_t *u = jtext_decode(s, &n);
	uint32_t *r = u32_normalize(UNINORM_NFKC, u, n, NULL, &len);
	char *out;

	free(u);
	if (r == NULL)
		return xstrdup(s);
	out = jtext_encode(r, len);
	free(r);
	return out;
}

/* Return s folded for comparison (NFKC, case folding, flags). Caller frees. */
char *
jtext_fold(const char *s, unsigned flags)
{
	size_t n, len = 0, k = 0;
	uint32_t *u = jtext_decode(s, &n);
	uint32_t *r;
	char *out;

	if (flags & JTEXT_KEEP_CIRCLED) {
		for (size_t i = 0; i < n; i++) {
			int c = jtext_circled(u[i]);

			if (c != 0)
				u[i] = JTEXT_PUA + (uint32_t)c;
		}
	}
	r = u32_casefold(u, n, NULL, UNINORM_NFKC, NULL, &len);
	free(u);
	if (r == NULL)
		return xstrdup(s);
	for (size_t i = 0; i < len; i++) {
		uint32_t cp = r[i];

		if ((flags & JTEXT_DROP_BLANKS) && jtext_is_blank(cp))
			continue;
		if (cp > JTEXT_PUA && cp <= JTEXT_PUA + 50) {
			const char *c =
			        jtext_circled_str((int)(cp - JTEXT_PUA));

			utf8_decode(c, strlen(c), &cp);
		}
		r[k++] = cp;
	}
	out = jtext_encode(r, k);
	free(r);
	return out;
}

/* Return the number of a circled number (① = 1 .. ㊿ = 50), else 0. */
int
jtext_circled(uint32_t cp)
{
	if (cp >= 0x2460 && cp <= 0x2473)
		return (int)(cp - 0x2460) + 1;
	if (cp >= 0x3251 && cp <= 0x325F)
		return (int)(cp - 0x3251) + 21;
	if (cp >= 0x32B1 && cp <= 0x32BF)
		return (int)(cp - 0x32B1) + 36;
	return 0;
}

/* Return the UTF-8 of the circled number n (1..50) or "". Static string. */
const char *
jtext_circled_str(int n)
{
	static char buf[51][4];
	uint32_t cp;

	if (n < 1 || n > 50)
		return "";
	if (n <= 20)
		cp = 0x2460 + (uint32_t)(n - 1);
	else if (n <= 35)
		cp = 0x3251 + (uint32_t)(n - 21);
	else
		cp = 0x32B1 + (uint32_t)(n - 36);
	if (buf[n][0] == '\0')
		u8_uctomb((uint8_t *)buf[n], cp, 3);
	return buf[n];
}

/* Say whether cp is a blank (Unicode White_Space). No memory. */
bool
jtext_is_blank(uint32_t cp)
{
	return uc_is_property_white_space(cp);
}
