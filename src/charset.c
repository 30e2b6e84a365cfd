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

/* Write UTF-8 text in the locale's charset. */
void
charset_fputs(FILE *fp, const char *utf8)
{
	if (charset_utf8) {
		fputs(utf8, fp);
	} else {
		char *s = charset_from_utf8(utf8);

		fputs(s, fp);
		free(s);
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
