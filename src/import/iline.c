#include <config.h>
#include "iline.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <unictype.h>
#include <unistr.h>

#include "jtext.h"
#include "sbuf.h"
#include "utf8.h"
#include "xalloc.h"

/* What a known HTML tag becomes in clean text. */
enum iline_tag_effect {
	TAG_DROP,  /* nothing: inline elements */
	TAG_BREAK, /* a line break inside the cell */
	TAG_SPACE, /* a space: table cells of checkbox grids */
	TAG_INPUT, /* a checkbox or radio button: a mark */
};

/* Return the effect of the HTML element called name (n bytes, any case),
 * or -1 when it is not an HTML element name. No memory. */
static int
iline_tag(const char *name, size_t n)
{
	static const struct {
		const char *name;
		enum iline_tag_effect effect;
	} tags[] = {
	        {"p", TAG_BREAK},       {"div", TAG_BREAK},
	        {"br", TAG_BREAK},      {"li", TAG_BREAK},
	        {"ul", TAG_BREAK},      {"ol", TAG_BREAK},
	        {"tr", TAG_BREAK},      {"table", TAG_BREAK},
	        {"h1", TAG_BREAK},      {"h2", TAG_BREAK},
	        {"h3", TAG_BREAK},      {"h4", TAG_BREAK},
	        {"h5", TAG_BREAK},      {"h6", TAG_BREAK},
	        {"hr", TAG_BREAK},      {"blockquote", TAG_BREAK},
	        {"pre", TAG_BREAK},     {"dl", TAG_BREAK},
	        {"dt", TAG_BREAK},      {"dd", TAG_BREAK},
	        {"td", TAG_SPACE},      {"th", TAG_SPACE},
	        {"input", TAG_INPUT},   {"span", TAG_DROP},
	        {"small", TAG_DROP},    {"b", TAG_DROP},
	        {"strong", TAG_DROP},   {"i", TAG_DROP},
	        {"em", TAG_DROP},       {"u", TAG_DROP},
	        {"s", TAG_DROP},        {"font", TAG_DROP},
	        {"a", TAG_DROP},        {"sup", TAG_DROP},
	        {"sub", TAG_DROP},      {"tbody", TAG_DROP},
	        {"thead", TAG_DROP},    {"tfoot", TAG_DROP},
	        {"code", TAG_DROP},     {"img", TAG_DROP},
	        {"section", TAG_DROP},  {"article", TAG_DROP},
	        {"caption", TAG_BREAK}, {"col", TAG_DROP},
	        {"colgroup", TAG_DROP}, {"label", TAG_DROP},
	        {"center", TAG_BREAK},  {"body", TAG_DROP},
	        {"html", TAG_DROP},     {"head", TAG_DROP},
	        {"meta", TAG_DROP},     {"title", TAG_DROP},
	        {"mark", TAG_DROP},     {"nobr", TAG_DROP},
	};

	for (size_t i = 0; i < sizeof tags / sizeof tags[0]; i++)
		if (strlen(tags[i].name) == n &&
		    strncasecmp(tags[i].name, name, n) == 0)
			return (int)tags[i].effect;
	return -1;
}

/* If s starts a known HTML tag, return its length and its effect in
 * *effect and whether an <input> is checked (or a radio button) in
 * *checked; else 0. No memory. */
static size_t
iline_match_tag(const char *s, int *effect, bool *checked)
{
	const char *p = s + 1, *name;
	size_t n = 0;
	int e;

	if (*p == '/')
		p++;
	name = p;
	while (isalnum((unsigned char)p[n]))
		n++;
	if (n == 0 || (e = iline_tag(name, n)) < 0)
		return 0;
	p += n;
	if (*p != '>' && *p != '/' && *p != ' ' && *p != '\t')
		return 0;
	{
		const char *end = strchr(p, '>');
		const char *lt = strchr(p, '<');

		if (end == NULL || (lt != NULL && lt < end))
			return 0;
		*effect = e;
		*checked = false;
		if (e == TAG_INPUT) {
			char *attrs = xstrndup(p, (size_t)(end - p));

			for (char *c = attrs; *c; c++)
				*c = (char)tolower((unsigned char)*c);
			*checked = strstr(attrs, "checked") != NULL ||
			           strstr(attrs, "radio") != NULL;
			free(attrs);
		}
		return (size_t)(end - s) + 1;
	}
}

/* If s starts an HTML entity, add what it stands for to sb and return its
 * length; else 0. */
static size_t
iline_entity(const char *s, struct sbuf *sb)
{
	static const struct {
		const char *name, *text;
	} ents[] = {
	        {"&lt;", "<"},    {"&gt;", ">"},         {"&amp;", "&"},
	        {"&quot;", "\""}, {"&apos;", "'"},       {"&nbsp;", " "},
	        {"&#39;", "'"},   {"&yen;", "\xc2\xa5"},
	};

	for (size_t i = 0; i < sizeof ents / sizeof ents[0]; i++) {
		size_t n = strlen(ents[i].name);

		if (strncmp(s, ents[i].name, n) == 0) {
			sbuf_adds(sb, ents[i].text);
			return n;
		}
	}
	if (s[1] == '#') {
		bool hex = s[2] == 'x' || s[2] == 'X';
		const char *p = s + (hex ? 3 : 2);
		char *end;
		unsigned long cp = strtoul(p, &end, hex ? 16 : 10);

		if (end > p && *end == ';' && cp > 0 && cp <= 0x10FFFF &&
		    !(cp >= 0xD800 && cp <= 0xDFFF) && end - p <= 8) {
			uint8_t buf[6];
			int n = u8_uctomb(buf, (ucs4_t)cp, sizeof buf);

			if (n > 0)
				sbuf_add(sb, (const char *)buf, (size_t)n);
			return (size_t)(end - s) + 1;
		}
	}
	return 0;
}

/* Say whether the cleaned text s has only blanks. No memory. */
bool
iline_is_blank(const char *s)
{
	size_t n = strlen(s);

	for (size_t i = 0; i < n;) {
		uint32_t cp;

		i += utf8_decode(s + i, n - i, &cp);
		if (!jtext_is_blank(cp))
			return false;
	}
	return true;
}

/* Say whether s has only rule characters and blanks, at least three of
 * them (----, ====, |--|--|, ───). No memory. */
static bool
iline_is_rule(const char *s)
{
	size_t n = strlen(s), marks = 0;

	for (size_t i = 0; i < n;) {
		uint32_t cp;

		i += utf8_decode(s + i, n - i, &cp);
		if (jtext_is_blank(cp))
			continue;
		if (cp == '-' || cp == '=' || cp == '_' || cp == '|' ||
		    cp == ':' || cp == '+' || cp == '*' || cp == '~' ||
		    (cp >= 0x2500 && cp <= 0x257F) || cp == 0x30FC ||
		    cp == 0xFF0D || cp == 0x2015)
			marks++;
		else
			return false;
	}
	return marks >= 3;
}

/* Say whether s holds no letter and no digit (a parenthesis or a comma
 * that a layout put on a line of its own). No memory. */
static bool
iline_is_bare(const char *s)
{
	size_t n = strlen(s);

	for (size_t i = 0; i < n;) {
		uint32_t cp;

		i += utf8_decode(s + i, n - i, &cp);
		if (uc_is_alnum(cp))
			return false;
	}
	return true;
}

/* Remove the HTML tags and entities of s into sb (see iline.h). */
static void
iline_strip_html(const char *s, struct sbuf *sb)
{
	for (const char *p = s; *p;) {
		int effect;
		bool checked;
		size_t n;

		if (*p == '<' && (n = iline_match_tag(p, &effect, &checked))) {
			if (effect == TAG_BREAK)
				sbuf_addc(sb, '\n');
			else if (effect == TAG_SPACE)
				sbuf_addc(sb, ' ');
			else if (effect == TAG_INPUT)
				sbuf_adds(sb, checked ? ILINE_CHECKED
				                      : ILINE_UNCHECKED);
			p += n;
		} else if (*p == '&' && (n = iline_entity(p, sb)) > 0) {
			p += n;
		} else if (strncmp(p, "**", 2) == 0) {
			p += 2;
		} else if (strncmp(p, "\xc2\xa0", 2) == 0) {
			sbuf_addc(sb, ' '); /* NBSP */
			p += 2;
		} else {
			sbuf_addc(sb, *p++);
		}
	}
}

/* Tidy the line breaks of s in place: no blanks around a break, no empty
 * pieces between breaks, none at the ends. No memory. */
static void
iline_tidy_breaks(char *s)
{
	char *w = s;

	for (char *r = s; *r; r++) {
		if (*r == '\n') {
			while (w > s && (w[-1] == ' ' || w[-1] == '\n'))
				w--;
			if (w > s && w[-1] != '\t')
				*w++ = '\n';
			while (r[1] == ' ' || r[1] == '\n')
				r++;
			continue;
		}
		*w++ = *r;
	}
	while (w > s && w[-1] == '\n')
		w--;
	*w = '\0';
}

/* Return one source line cleaned (see iline.h). Caller frees. */
char *
iline_clean(const char *raw)
{
	struct sbuf sb;
	const char *p = raw;
	char *s, *q;
	size_t len;

	/* Markdown at the start: headings and | tables. */
	while (*p == ' ' || *p == '\t')
		p++;
	if (*p == '#') {
		const char *h = p;

		while (*h == '#')
			h++;
		if (h - p <= 6 && (*h == ' ' || *h == '\0'))
			raw = h;
	}
	sbuf_init(&sb);
	iline_strip_html(raw, &sb);
	s = sbuf_detach(&sb);
	/* | a | b | → cells. */
	for (q = s; *q == ' ' || *q == '\t'; q++)
		;
	if (*q == '|' && strchr(q + 1, '|') != NULL) {
		char *w = s;

		for (char *r = q + 1; *r; r++)
			*w++ = *r == '|' ? '\t' : *r;
		while (w > s && (w[-1] == '\t' || w[-1] == ' '))
			w--;
		*w = '\0';
	}
	/* "- text" (a markdown list item) and "--- text ---". */
	for (q = s; *q == ' '; q++)
		;
	len = strlen(q);
	if (q[0] == '-' && q[1] == '-') {
		size_t a = 0, b = len;

		while (a < len && q[a] == '-')
			a++;
		while (b > a && q[b - 1] == '-')
			b--;
		if (a >= 2 && len - b >= 2 && b > a + 1 && q[a] == ' ' &&
		    q[b - 1] == ' ') {
			memmove(s, q + a + 1, b - a - 2);
			s[b - a - 2] = '\0';
		}
	} else if (q[0] == '-' && q[1] == ' ' && q[2] != '\0') {
		memmove(s, q + 2, len - 1);
	}
	iline_tidy_breaks(s);
	return s;
}

/* Split text into lines (see iline.h). */
void
iline_split(const char *text, size_t len, bool verbatim, struct ilines *out)
{
	size_t cap = 64;
	int page = 1, no = 1;

	out->n = 0;
	out->v = xcalloc(cap, sizeof *out->v);
	for (size_t i = 0; i < len || (i == len && len == 0);) {
		const char *nl = memchr(text + i, '\n', len - i);
		size_t end = nl ? (size_t)(nl - text) : len;
		struct iline *l;
		char *raw = xstrndup(text + i, end - i);
		char *ff;
		int next_page = page;

		/* A form feed ends a page (pdftotext ends each page with
		 * one): the text after it is on the next page. */
		while (raw[0] == '\f') {
			memmove(raw, raw + 1, strlen(raw));
			page++;
			next_page++;
		}
		while ((ff = strchr(raw, '\f')) != NULL) {
			memmove(ff, ff + 1, strlen(ff));
			next_page++;
		}
		if (out->n == cap) {
			cap *= 2;
			out->v = xreallocarray(out->v, cap, sizeof *out->v);
		}
		l = &out->v[out->n++];
		memset(l, 0, sizeof *l);
		l->no = no++;
		l->page = page;
		l->raw = raw;
		l->text = verbatim ? xstrdup(raw) : iline_clean(raw);
		l->blank = iline_is_blank(l->text);
		/* A value line of hyoka's text export is never a rule. */
		l->rule = !l->blank && !(verbatim && raw[0] == ' ') &&
		          iline_is_rule(l->text);
		l->bare = !l->blank && iline_is_bare(l->text);
		page = next_page;
		if (nl == NULL)
			break;
		i = end + 1;
		if (i == len)
			break;
	}
}

/* Undo the escapes of hyoka's text export (\\, \n, \t) in s, in place. */
void
iline_unescape(char *s)
{
	char *w = s;

	for (char *r = s; *r; r++) {
		if (*r == '\\' &&
		    (r[1] == 'n' || r[1] == 't' || r[1] == '\\')) {
			r++;
			*w++ = *r == 'n' ? '\n' : *r == 't' ? '\t' : '\\';
		} else {
			*w++ = *r;
		}
	}
	*w = '\0';
}

/* Release the lines. */
void
iline_free(struct ilines *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].raw);
		free(l->v[i].text);
	}
	free(l->v);
	l->v = NULL;
	l->n = 0;
}
