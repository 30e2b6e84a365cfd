#include <config.h>
#include "charset.h"

#include <errno.h>
#include <iconv.h>
#include <langinfo.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

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

/* Convert len bytes of buf from the charset from to UTF-8; NULL with the
 * offset of the first bad byte in *bad when it is not valid. Caller frees. */
char *
charset_decode(const char *from, const char *buf, size_t len, size_t *bad)
{
	const char *nul = memchr(buf, '\0', len);
	iconv_t cd = iconv_open("UTF-8", from);
	struct sbuf sb;
	char *in = (char *)buf;
	size_t inleft = len;

	*bad = nul != NULL ? (size_t)(nul - buf) : 0;
	if (cd == (iconv_t)-1 || nul != NULL) {
		if (cd != (iconv_t)-1)
			iconv_close(cd);
		return NULL;
	}
	sbuf_init(&sb);
	while (inleft > 0) {
		char out[4096], *o = out;
		size_t outleft = sizeof out;
		size_t r = iconv(cd, &in, &inleft, &o, &outleft);

		sbuf_add(&sb, out, sizeof out - outleft);
		if (r == (size_t)-1 && errno != E2BIG) {
			*bad = (size_t)(in - buf);
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
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	charset_fputs(fp, s);
	free(s);
}

/* The charset names --encoding accepts, and what they stand for. */
static const struct {
	const char *name;
	const char *canonical;
} charset_aliases[] = {
        {"UTF-8", "UTF-8"},     {"UTF8", "UTF-8"},
        {"CP932", "CP932"},     {"SJIS", "CP932"},
        {"Shift_JIS", "CP932"}, {"Windows-31J", "CP932"},
        {"MS932", "CP932"},     {"EUC-JP", "EUC-JP"},
        {"EUCJP", "EUC-JP"},    {"EUC-JP-MS", "EUC-JP"},
};

/* The canonical name (UTF-8, CP932, EUC-JP) of a charset name given by a
 * user, in any case; NULL when not one of them. Static string. */
const char *
charset_canonical(const char *name)
{
	for (size_t i = 0;
	     i < sizeof charset_aliases / sizeof charset_aliases[0]; i++)
		if (strcasecmp(name, charset_aliases[i].name) == 0)
			return charset_aliases[i].canonical;
	return NULL;
}

/* What a charset does with one character: its bytes, or none. */
struct charset_code {
	uint32_t cp; /* 0: a free slot */
	uint32_t becomes;
	unsigned char len; /* 0: no code */
	char bytes[6];
};

/* A converter from UTF-8 to a named charset that remembers the answer for
 * every character it has seen. */
struct charset_enc {
	iconv_t to, back;
	struct charset_code *tab;
	size_t cap, used;
	char repl[8]; /* the replacement (〓) in the charset */
	size_t nrepl;
};

/* Convert n bytes with cd into out (of size *outlen, set to the bytes
 * written); false when iconv refuses them. */
static bool
charset_iconv(iconv_t cd, const char *in, size_t n, char *out, size_t *outlen)
{
	char *ip = (char *)in, *op = out;
	size_t il = n, ol = *outlen;

	iconv(cd, NULL, NULL, NULL, NULL);
	if (iconv(cd, &ip, &il, &op, &ol) == (size_t)-1 ||
	    iconv(cd, NULL, NULL, &op, &ol) == (size_t)-1)
		return false;
	*outlen = (size_t)(op - out);
	return true;
}

/* Find (computing it the first time) how the charset writes a character
 * given as its UTF-8 bytes. Borrowed. */
static const struct charset_code *
charset_code_of(struct charset_enc *e, uint32_t cp, const char *u, size_t n)
{
	size_t h;
	struct charset_code *c;
	char out[16], back[16];
	size_t ol = sizeof out, bl = sizeof back;

	if (2 * (e->used + 1) > e->cap) {
		struct charset_code *old = e->tab;
		size_t ocap = e->cap;

		e->cap = e->cap ? 2 * e->cap : 1024;
		e->tab = xcalloc(e->cap, sizeof *e->tab);
		for (size_t i = 0; i < ocap; i++) {
			if (old[i].cp == 0)
				continue;
			h = (old[i].cp * 2654435761u) & (e->cap - 1);
			while (e->tab[h].cp != 0)
				h = (h + 1) & (e->cap - 1);
			e->tab[h] = old[i];
		}
		free(old);
	}
	h = (cp * 2654435761u) & (e->cap - 1);
	while (e->tab[h].cp != 0 && e->tab[h].cp != cp)
		h = (h + 1) & (e->cap - 1);
	c = &e->tab[h];
	if (c->cp == cp)
		return c;
	c->cp = cp;
	e->used++;
	if (charset_iconv(e->to, u, n, out, &ol) && ol <= sizeof c->bytes) {
		uint32_t b = 0;

		memcpy(c->bytes, out, ol);
		c->len = (unsigned char)ol;
		if (charset_iconv(e->back, out, ol, back, &bl) &&
		    utf8_decode(back, bl, &b) == bl && b != cp)
			c->becomes = b;
	}
	return c;
}

/* Make a converter to a charset (a name charset_canonical() knows other
 * than UTF-8); NULL when iconv lacks it. Free with charset_enc_free(). */
struct charset_enc *
charset_enc_new(const char *name)
{
	const char *canon = charset_canonical(name);
	const char *iname;
	struct charset_enc *e;
	size_t rl;

	if (canon == NULL || strcmp(canon, "UTF-8") == 0)
		return NULL;
	/* EUC-JP with the NEC and IBM extensions (①, Ⅲ, 髙): the form's own
	 * labels need them, and Windows-made text has them. */
	iname = strcmp(canon, "EUC-JP") == 0 ? "EUC-JP-MS" : canon;
	e = xcalloc(1, sizeof *e);
	e->to = iconv_open(iname, "UTF-8");
	e->back = iconv_open("UTF-8", iname);
	if (e->to == (iconv_t)-1 || e->back == (iconv_t)-1) {
		charset_enc_free(&e);
		return NULL;
	}
	/* 〓 (geta), the mark Japanese printing uses for a missing glyph. */
	rl = sizeof e->repl;
	if (charset_iconv(e->to, "\xe3\x80\x93", 3, e->repl, &rl))
		e->nrepl = rl;
	else
		e->repl[e->nrepl++] = '?';
	return e;
}

/* Free a converter and null the pointer. */
void
charset_enc_free(struct charset_enc **ep)
{
	struct charset_enc *e = ep ? *ep : NULL;

	if (e == NULL)
		return;
	if (e->to != (iconv_t)-1 && e->to != NULL)
		iconv_close(e->to);
	if (e->back != (iconv_t)-1 && e->back != NULL)
		iconv_close(e->back);
	free(e->tab);
	free(e);
	*ep = NULL;
}

/* Convert n bytes of UTF-8 text. A character without a code is written
 * as 〓 and reported; one whose code reads back as a look-alike (— as ―)
 * is written with that code and reported with becomes set. issues
 * (caller frees) may be NULL to count nothing. Caller frees the result. */
char *
charset_enc_run(struct charset_enc *e, const char *s, size_t n, size_t *outlen,
                struct charset_issue **issues, size_t *nissues)
{
	struct sbuf sb;

	sbuf_init(&sb);
	if (issues != NULL) {
		*issues = NULL;
		*nissues = 0;
	}
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t k;
		const struct charset_code *c;

		if ((unsigned char)s[i] < 0x80) {
			sbuf_addc(&sb, s[i++]);
			continue;
		}
		k = utf8_decode(s + i, n - i, &cp);
		c = charset_code_of(e, cp, s + i, k);
		if (c->len > 0)
			sbuf_add(&sb, c->bytes, c->len);
		else
			sbuf_add(&sb, e->repl, e->nrepl);
		if ((c->len == 0 || c->becomes != 0) && issues != NULL) {
			/* Doubling: linear in the number of issues. */
			if ((*nissues & (*nissues - 1)) == 0)
				*issues = xreallocarray(
				        *issues, *nissues ? *nissues * 2 : 1,
				        sizeof **issues);
			(*issues)[*nissues].offset = i;
			(*issues)[*nissues].cp = cp;
			(*issues)[*nissues].becomes = c->len ? c->becomes : 0;
			(*nissues)++;
		}
		i += k;
	}
	*outlen = sb.len;
	return sbuf_detach(&sb);
}
