#include <config.h>
#include "jtext.h"

#include <stdbool.h>
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

/* Encode n code points as a new UTF-8 string; "" when one of them is not
 * a character (a surrogate, or past U+10FFFF), as u32_to_u8 refuses it.
 * Caller frees. */
static char *
jtext_encode(const uint32_t *u, size_t n)
{
	char *s = xmalloc(4 * n + 1);
	unsigned char *p = (unsigned char *)s;

	for (size_t i = 0; i < n; i++) {
		uint32_t cp = u[i];

		if (cp < 0x80) {
			*p++ = (unsigned char)cp;
		} else if (cp < 0x800) {
			*p++ = (unsigned char)(0xC0 | cp >> 6);
			*p++ = (unsigned char)(0x80 | (cp & 0x3F));
		} else if (cp < 0x10000 && (cp < 0xD800 || cp > 0xDFFF)) {
			*p++ = (unsigned char)(0xE0 | cp >> 12);
			*p++ = (unsigned char)(0x80 | (cp >> 6 & 0x3F));
			*p++ = (unsigned char)(0x80 | (cp & 0x3F));
		} else if (cp >= 0x10000 && cp <= 0x10FFFF) {
			*p++ = (unsigned char)(0xF0 | cp >> 18);
			*p++ = (unsigned char)(0x80 | (cp >> 12 & 0x3F));
			*p++ = (unsigned char)(0x80 | (cp >> 6 & 0x3F));
			*p++ = (unsigned char)(0x80 | (cp & 0x3F));
		} else {
			s[0] = '\0';
			return s;
		}
	}
	*p = '\0';
	return s;
}

/* Tell whether cp is its own NFKC in any text of such characters: ASCII,
 * Japanese punctuation, kana and ideographs (no decomposition, no
 * composition with a neighbour). No memory. */
static bool
jtext_nfkc_same(uint32_t cp)
{
	return cp < 0x80 || (cp >= 0x3001 && cp <= 0x3029) ||
	       (cp >= 0x3041 && cp <= 0x3096) ||
	       (cp >= 0x30A1 && cp <= 0x30FC) || (cp >= 0x4E00 && cp <= 0x9FFF);
}

/* Return s in Unicode NFKC. Caller frees. */
char *
jtext_nfkc(const char *s)
{
	size_t n, len = 0;
	uint32_t *u = jtext_decode(s, &n);
	uint32_t *r;
	char *out;
	size_t same = 0;

	while (same < n && jtext_nfkc_same(u[same]))
		same++;
	if (same == n) {
		free(u);
		return xstrdup(s);
	}
	r = u32_normalize(UNINORM_NFKC, u, n, NULL, &len);
	free(u);
	if (r == NULL)
		return xstrdup(s);
	out = jtext_encode(r, len);
	free(r);
	return out;
}

/* The fold of one character without flags: up to JTEXT_CACHED code points
 * (n), computed once per character of the Basic Multilingual Plane. */
#define JTEXT_CACHED 4
struct jtext_folded {
	uint8_t n;  /* code points in cp */
	bool known; /* computed */
	uint32_t cp[JTEXT_CACHED];
};

static const struct jtext_folded *jtext_cached(uint32_t cp);

/* Tell whether cp folds the same alone as in any text of such characters:
 * a starter that composes with no neighbour under NFKC and has no
 * combining mark in its fold (ASCII, CJK punctuation, kana, ideographs,
 * full-width forms, general punctuation, circled numbers, box drawing,
 * shapes and symbols such as ○ ■ ★). No memory. */
static bool
jtext_fold_alone(uint32_t cp)
{
	return cp < 0x80 || (cp >= 0x2010 && cp <= 0x2027) ||
	       (cp >= 0x2030 && cp <= 0x205E) ||
	       (cp >= 0x2460 && cp <= 0x26FF) ||
	       (cp >= 0x3000 && cp <= 0x3029) ||
	       (cp >= 0x3030 && cp <= 0x303F) ||
	       (cp >= 0x3041 && cp <= 0x3096) ||
	       (cp >= 0x30A1 && cp <= 0x30FC) ||
	       (cp >= 0x3251 && cp <= 0x325F) ||
	       (cp >= 0x32B1 && cp <= 0x32BF) ||
	       (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xFF01 && cp <= 0xFF5E);
}

/* Fold u[0..n) one character at a time from the folds of single
 * characters, when every character folds alone (jtext_fold_alone); the
 * result is then what folding the whole text gives. NULL otherwise.
 * Caller frees. */
static char *
jtext_fold_chars(const uint32_t *u, size_t n, unsigned flags)
{
	uint32_t *r;
	size_t k = 0;
	char *out;

	for (size_t i = 0; i < n; i++)
		if (!jtext_fold_alone(u[i]))
			return NULL;
	r = xcalloc(JTEXT_CACHED * n + 1, sizeof *r);
	for (size_t i = 0; i < n; i++) {
		uint32_t cp = u[i];
		const struct jtext_folded *f;

		if (cp < 0x80 ||
		    ((flags & JTEXT_KEEP_CIRCLED) && jtext_circled(cp) != 0)) {
			if (cp >= 'A' && cp <= 'Z')
				cp += 'a' - 'A';
			if (!((flags & JTEXT_DROP_BLANKS) &&
			      jtext_is_blank(cp)))
				r[k++] = cp;
			continue;
		}
		if ((f = jtext_cached(cp)) == NULL) {
			free(r);
			return NULL;
		}
		for (size_t j = 0; j < f->n; j++)
			if (!((flags & JTEXT_DROP_BLANKS) &&
			      jtext_is_blank(f->cp[j])))
				r[k++] = f->cp[j];
	}
	out = jtext_encode(r, k);
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
	char *out = jtext_fold_chars(u, n, flags);

	if (out != NULL) {
		free(u);
		return out;
	}
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

/* Fold the code points u[0..k) (one character and its combining marks)
 * with NFKC and case folding into *out (grown as needed), appending. */
static void
jtext_fold_unit(const uint32_t *u, size_t k, uint32_t **out, size_t *nout,
                size_t *cap)
{
	size_t len = 0;
	uint32_t *r = u32_casefold(u, k, NULL, UNINORM_NFKC, NULL, &len);

	if (r == NULL) {
		r = xcalloc(k, sizeof *r);
		memcpy(r, u, k * sizeof *r);
		len = k;
	}
	if (*nout + len > *cap) {
		*cap = (*nout + len) * 2;
		*out = xreallocarray(*out, *cap, sizeof **out);
	}
	memcpy(*out + *nout, r, len * sizeof *r);
	*nout += len;
	free(r);
}

/* Return the cached fold of a single character cp (BMP only), computing
 * it the first time; NULL when it does not fit the cache. Static data. */
static const struct jtext_folded *
jtext_cached(uint32_t cp)
{
	static struct jtext_folded *pages[256];
	struct jtext_folded *f;

	if (cp >= 0x10000)
		return NULL;
	if (pages[cp >> 8] == NULL)
		pages[cp >> 8] = xcalloc(256, sizeof *pages[0]);
	f = &pages[cp >> 8][cp & 0xff];
	if (!f->known) {
		uint32_t *r = NULL;
		size_t n = 0, cap = 0;

		jtext_fold_unit(&cp, 1, &r, &n, &cap);
		f->known = true;
		f->n = n <= JTEXT_CACHED ? (uint8_t)n : 0xff;
		if (n <= JTEXT_CACHED)
			memcpy(f->cp, r, n * sizeof *r);
		free(r);
	}
	return f->n == 0xff ? NULL : f;
}

/* Fold n bytes of s one character at a time (see jtext.h); caller frees
 * the result and *map. */
uint32_t *
jtext_fold_map(const char *s, size_t n, unsigned flags, size_t *count,
               size_t **map)
{
	size_t cap = n + 1, k = 0, mcap = n + 2;
	uint32_t *out = xcalloc(cap, sizeof *out);
	size_t *m = xcalloc(mcap, sizeof *m);

	for (size_t i = 0; i < n;) {
		uint32_t u[16];
		size_t nu = 0, start = i, before = k;
		const struct jtext_folded *f;

		i += utf8_decode(s + i, n - i, &u[nu++]);
		while (i < n && nu < 16) {
			uint32_t next;
			size_t len = utf8_decode(s + i, n - i, &next);

			if (uc_combining_class(next) == 0)
				break;
			u[nu++] = next;
			i += len;
		}
		if (nu == 1 && u[0] < 0x80) {
			uint32_t c = u[0];

			if (c >= 'A' && c <= 'Z')
				c += 'a' - 'A';
			if (k + 1 > cap) {
				cap = (k + 1) * 2;
				out = xreallocarray(out, cap, sizeof *out);
			}
			out[k++] = c;
		} else if (nu == 1 && (flags & JTEXT_KEEP_CIRCLED) &&
		           jtext_circled(u[0]) != 0) {
			if (k + 1 > cap) {
				cap = (k + 1) * 2;
				out = xreallocarray(out, cap, sizeof *out);
			}
			out[k++] = u[0];
		} else if (nu == 1 && (f = jtext_cached(u[0])) != NULL) {
			if (k + f->n > cap) {
				cap = (k + f->n) * 2;
				out = xreallocarray(out, cap, sizeof *out);
			}
			memcpy(out + k, f->cp, f->n * sizeof *out);
			k += f->n;
		} else {
			jtext_fold_unit(u, nu, &out, &k, &cap);
		}
		if (flags & JTEXT_DROP_BLANKS) {
			size_t w = before;

			for (size_t j = before; j < k; j++)
				if (!jtext_is_blank(out[j]))
					out[w++] = out[j];
			k = w;
		}
		if (k + 1 > mcap) {
			mcap = (k + 1) * 2;
			m = xreallocarray(m, mcap, sizeof *m);
		}
		for (size_t j = before; j < k; j++)
			m[j] = start;
	}
	m[k] = n;
	*count = k;
	*map = m;
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

/* Return the length in bytes of the circled number (① .. ㊿) that s
 * starts with, or 0. No memory. */
size_t
jtext_circled_prefix(const char *s)
{
	uint32_t cp;
	size_t n = utf8_decode(s, strlen(s), &cp);

	return n > 0 && jtext_circled(cp) > 0 ? n : 0;
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
