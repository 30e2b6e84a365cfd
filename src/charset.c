#include <config.h>
#include "charset.h"

#include <errno.h>
#include <iconv.h>
#include <langinfo.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "sbuf.h"
#include "utf8.h"
#include "xalloc.h"

static const char *charset_locale = "UTF-8";
static bool charset_utf8 = true;

/* File names given in the locale's charset, used as bytes, and their UTF-8
 * form for messages (charset_add_name). */
static struct charset_name {
	char *raw, *shown;
} charset_names[32];
static size_t charset_nnames;

/* Read the locale's charset; call after setlocale(). */
void
charset_init(void)
{
	const char *cs = nl_langinfo(CODESET);

	charset_utf8 = cs == NULL || strcmp(cs, "UTF-8") == 0 ||
	               strcmp(cs, "utf8") == 0 ||
	               strcmp(cs, "ANSI_X3.4-1968") == 0;
	charset_locale = charset_utf8 ? "UTF-8" : cs;
	/* An EUC-JP terminal draws ① (NEC row 13) two columns wide though
	 * the locale has no code for it. */
	utf8_set_east_asian(!charset_utf8);
}

/* Tell whether the locale uses UTF-8 (or plain ASCII, treated as UTF-8). */
bool
charset_is_utf8(void)
{
	return charset_utf8;
}

/* Name the locale's charset. Static string. */
const char *
charset_name(void)
{
	return charset_locale;
}

/* Convert s between charsets with iconv; NULL when it cannot. Unless
 * strict, a character the terminal cannot show (from UTF-8) becomes '?'.
 * Caller frees. */
static char *
charset_convert(const char *to, const char *from, const char *s, bool strict)
{
	iconv_t cd = iconv_open(to, from);
	struct sbuf sb;
	char *in = (char *)s;
	size_t inleft = strlen(s);

	if (cd == (iconv_t)-1)
		return NULL;
	sbuf_init(&sb);
	while (inleft > 0) {
		char buf[256], *out = buf;
		size_t outleft = sizeof buf;
		size_t r = iconv(cd, &in, &inleft, &out, &outleft);

		sbuf_add(&sb, buf, sizeof buf - outleft);
		if (r == (size_t)-1 && errno != E2BIG) {
			if (errno == EILSEQ && !strict &&
			    strncmp(from, "UTF-8", 5) == 0) {
				/* A character the terminal cannot show. */
				size_t n =
				        utf8_decode(in, inleft, &(uint32_t){0});

				sbuf_addc(&sb, '?');
				in += n;
				inleft -= n;
				continue;
			}
			iconv_close(cd);
			sbuf_fini(&sb);
			return NULL;
		}
	}
	iconv_close(cd);
	return sbuf_detach(&sb);
}

/* Convert text from the locale's charset to UTF-8; NULL when it is not
 * valid in that charset. Caller frees. */
char *
charset_to_utf8(const char *s)
{
	char *r;

	if (charset_utf8)
		return utf8_valid(s, strlen(s), NULL) ? xstrdup(s) : NULL;
	/* EUC-JP-MS is EUC-JP plus the NEC and IBM extensions (①, Ⅲ ...)
	 * that Windows terminals send and that charset_from_utf8() writes. */
	if (strcmp(charset_locale, "EUC-JP") == 0 &&
	    (r = charset_convert("UTF-8", "EUC-JP-MS", s, false)) != NULL)
		return r;
	return charset_convert("UTF-8", charset_locale, s, false);
}

/* Convert UTF-8 text for the terminal; characters it cannot show become
 * transliterations or '?'. Caller frees. */
char *
charset_from_utf8(const char *s)
{
	char *r, *to;

	if (charset_utf8)
		return xstrdup(s);
	if (strcmp(charset_locale, "EUC-JP") == 0) {
		r = charset_convert("EUC-JP-MS", "UTF-8", s, false);
		if (r != NULL)
			return r;
	}
	to = xasprintf("%s//TRANSLIT", charset_locale);
	r = charset_convert(to, "UTF-8", s, false);
	free(to);
	return r ? r : xstrdup(s);
}

/* Convert UTF-8 text for the terminal as charset_from_utf8() does, but
 * NULL when the terminal's charset lacks one of its characters. Caller
 * frees. */
char *
charset_encode(const char *s)
{
	char *r;

	if (charset_utf8)
		return xstrdup(s);
	if (strcmp(charset_locale, "EUC-JP") == 0 &&
	    (r = charset_convert("EUC-JP-MS", "UTF-8", s, true)) != NULL)
		return r;
	return charset_convert(charset_locale, "UTF-8", s, true);
}

/* Tell whether the terminal's charset has every character of s. */
bool
charset_can_show(const char *s)
{
	char *r = charset_encode(s);
	bool ok = r != NULL;

	free(r);
	return ok;
}

/* Convert UTF-8 text for the terminal, telling which characters it cannot
 * show exactly (converted back they differ: 〜 comes back as ～, an emoji
 * as ?): *lossy (caller frees) lists up to five as "〜 (U+301C)", or is
 * NULL. Caller frees. */
char *
charset_from_utf8_exact(const char *s, char **lossy)
{
	char *r = charset_from_utf8(s), *back;
	struct sbuf sb;
	size_t n = strlen(s), pos = 0, k = 0;

	*lossy = NULL;
	back = charset_utf8 ? NULL : charset_to_utf8(r);
	if (charset_utf8 || (back != NULL && strcmp(back, s) == 0)) {
		free(back);
		return r;
	}
	free(back);
	sbuf_init(&sb);
	while (pos < n && k < 5) {
		uint32_t cp;
		size_t len = utf8_decode(s + pos, n - pos, &cp);
		char *one = xstrndup(s + pos, len),
		     *out = charset_from_utf8(one);
		char *again = charset_to_utf8(out);

		if (again == NULL || strcmp(again, one) != 0) {
			sbuf_addf(&sb, "%s%s (U+%04X)", k ? ", " : "", one,
			          (unsigned)cp);
			k++;
		}
		free(again);
		free(out);
		free(one);
		pos += len;
	}
	*lossy = sbuf_detach(&sb);
	return r;
}

/* Remember a file name given in the locale's charset: it is used as
 * bytes, and messages show it (and its last part) converted. */
void
charset_add_name(const char *raw)
{
	const char *base = strrchr(raw, '/');
	char *shown;

	if (charset_utf8 ||
	    charset_nnames + 2 > sizeof charset_names / sizeof charset_names[0])
		return;
	shown = charset_to_utf8(raw);
	if (shown == NULL || strcmp(shown, raw) == 0) {
		free(shown);
		return;
	}
	charset_names[charset_nnames].raw = xstrdup(raw);
	charset_names[charset_nnames++].shown = shown;
	if (base != NULL && base[1] != '\0')
		charset_add_name(base + 1);
}

/* Copy text with the file names of charset_add_name() in their UTF-8
 * form, the longest first. Caller frees. */
char *
charset_show_names(const char *text)
{
	char *r = xstrdup(text);
	bool *done = xcalloc(charset_nnames + 1, sizeof *done);

	for (size_t round = 0; round < charset_nnames; round++) {
		size_t best = charset_nnames;

		for (size_t i = 0; i < charset_nnames; i++)
			if (!done[i] &&
			    (best == charset_nnames ||
			     strlen(charset_names[i].raw) >
			             strlen(charset_names[best].raw)))
				best = i;
		done[best] = true;
		{
			const char *raw = charset_names[best].raw;
			struct sbuf sb;
			const char *p = r, *hit;

			sbuf_init(&sb);
			while ((hit = strstr(p, raw)) != NULL) {
				sbuf_add(&sb, p, (size_t)(hit - p));
				sbuf_adds(&sb, charset_names[best].shown);
				p = hit + strlen(raw);
			}
			sbuf_adds(&sb, p);
			free(r);
			r = sbuf_detach(&sb);
		}
	}
	free(done);
	return r;
}

/* Write UTF-8 text in the locale's charset. */
void
charset_fputs(FILE *fp, const char *utf8)
{
	if (charset_utf8) {
		fputs(utf8, fp);
	} else {
		char *names = charset_show_names(utf8);
		char *s = charset_from_utf8(names);

		fputs(s, fp);
		free(s);
		free(names);
	}
}

/* Format UTF-8 text and write it in the locale's charset. */
void
charset_printf(FILE *fp, const char *fmt, ...)
{
	struct sbuf sb;
	va_list ap;

	sbuf_init(&sb);
	va_start(ap, fmt);
	sbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	charset_fputs(fp, sb.buf);
	sbuf_fini(&sb);
}
