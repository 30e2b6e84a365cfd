/* The values of the field types: turning what a person typed into a value
 * (parse), checking a value read from a file (validate) and writing it as
 * `hyoka get` prints it (format), one row of functions per type. */
#include <config.h>
#include "doc.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "jtext.h"
#include "sbuf.h"
#include "utf8.h"
#include "wareki.h"
#include "xalloc.h"

/* Split s at sep into a new array of new strings; caller frees both. */
static char **
doc_split(const char *s, char sep, size_t *n)
{
	char **v = NULL;
	size_t k = 0;
	const char *p = s;

	for (;;) {
		const char *e = strchr(p, sep);
		size_t len = e ? (size_t)(e - p) : strlen(p);

		v = xreallocarray(v, k + 1, sizeof *v);
		v[k++] = xstrndup(p, len);
		if (e == NULL)
			break;
		p = e + 1;
	}
	*n = k;
	return v;
}

/* Check that s is a non-negative decimal integer after trimming. */
static char *
doc_parse_integer(const char *s)
{
	char *t = jtext_nfkc(s), *p = t, *r;
	size_t len;

	while (*p == ' ')
		p++;
	len = strlen(p);
	while (len > 0 && p[len - 1] == ' ')
		len--;
	if (len == 0 || len > 9) {
		free(t);
		return NULL;
	}
	for (size_t i = 0; i < len; i++) {
		if (!isdigit((unsigned char)p[i])) {
			free(t);
			return NULL;
		}
	}
	while (len > 1 && *p == '0') {
		p++;
		len--;
	}
	r = xstrndup(p, len);
	free(t);
	return r;
}

/* One string as a value's array (taking s). */
static char **
doc_one(char *s, size_t *n)
{
	char **v = xmalloc(sizeof *v);

	v[0] = s;
	*n = 1;
	return v;
}

/* Text: kept as typed; a one-line item refuses line breaks. */
static char **
doc_parse_text(const struct fdef_node *node, const char *input, size_t *n,
               char **err)
{
	if (fdef_types[node->type].one_line && strchr(input, '\n') != NULL)
		*err = xasprintf(
		        _("%s is a one-line item; remove the line breaks"),
		        node->label);
	return doc_one(xstrdup(input), n);
}

/* A choice: an option's text, or its number (2, ２ or 2)). */
static char **
doc_parse_choice(const struct fdef_node *node, const char *input, size_t *n,
                 char **err)
{
	char *t = jtext_nfkc(input), *end;
	long k = strtol(t, &end, 10);
	char **v;

	(void)err;
	if (fdef_option_index(node, input) < 0 && *t != '\0' &&
	    (*end == '\0' || strcmp(end, ")") == 0) && k >= 1 &&
	    (size_t)k <= node->noptions)
		v = doc_one(xstrdup(node->options[k - 1]), n);
	else
		v = doc_one(xstrdup(input), n);
	free(t);
	return v;
}

/* Checkboxes: the checked labels, one a line. */
static char **
doc_parse_multi(const struct fdef_node *node, const char *input, size_t *n,
                char **err)
{
	char **parts = doc_split(input, '\n', n);
	size_t k = 0;

	(void)node;
	(void)err;
	for (size_t i = 0; i < *n; i++) {
		if (parts[i][0] == '\0')
			free(parts[i]);
		else
			parts[k++] = parts[i];
	}
	*n = k;
	return parts;
}

/* A flag: true, 1, yes, on; or false, 0, no, off (no value). */
static char **
doc_parse_flag(const struct fdef_node *node, const char *input, size_t *n,
               char **err)
{
	if (strcmp(input, "true") == 0 || strcmp(input, "1") == 0 ||
	    strcmp(input, "yes") == 0 || strcmp(input, "on") == 0)
		return doc_one(xstrdup("true"), n);
	if (!(strcmp(input, "false") == 0 || strcmp(input, "0") == 0 ||
	      strcmp(input, "no") == 0 || strcmp(input, "off") == 0))
		*err = xasprintf(
		        _("%s is a checkbox: write true or false (got \"%s\")"),
		        node->label, input);
	*n = 0;
	return NULL;
}

/* A count or a number: a whole number, full-width digits too. */
static char **
doc_parse_number(const struct fdef_node *node, const char *input, size_t *n,
                 char **err)
{
	char *num = doc_parse_integer(input);

	*n = 0;
	if (num == NULL) {
		*err = xasprintf(
		        _("%s must be a whole number such as 1 (got \"%s\")"),
		        node->label, input);
		return NULL;
	}
	return doc_one(num, n);
}

/* A date: any way of writing it wareki_parse() reads, kept in 和暦. */
static char **
doc_parse_date(const struct fdef_node *node, const char *input, size_t *n,
               char **err)
{
	struct wareki_date wd;
	char *werr = NULL;

	*n = 0;
	if (!wareki_parse(input, node->month_allowed, &wd, &werr)) {
		*err = xasprintf("%s: %s", node->label, werr);
		free(werr);
		return NULL;
	}
	return doc_one(wareki_format(&wd), n);
}

/* A table: rows one a line, cells separated by tabs; short rows are
 * filled with empty cells. */
static char **
doc_parse_table(const struct fdef_node *node, const char *input, size_t *n,
                char **err)
{
	size_t nrows;
	char **rows = doc_split(input, '\n', &nrows), **v = NULL;

	*n = 0;
	for (size_t r = 0; r < nrows; r++) {
		size_t ncells;
		char **cells;

		/* An empty line (a final line break) is no row. */
		if (rows[r][0] == '\0') {
			free(rows[r]);
			continue;
		}
		cells = doc_split(rows[r], '\t', &ncells);
		if (ncells > node->ncolumns && *err == NULL) {
			*err = xasprintf(
			        _("%s: row %zu has %zu cells; a row has at most %zu (separate cells with a tab)"),
			        node->label, r + 1, ncells, node->ncolumns);
		}
		v = xreallocarray(v, *n + node->ncolumns, sizeof *v);
		for (size_t c = 0; c < node->ncolumns; c++)
			v[*n + c] =
			        c < ncells ? xstrdup(cells[c]) : xstrdup("");
		*n += node->ncolumns;
		for (size_t c = 0; c < ncells; c++)
			free(cells[c]);
		free(cells);
		free(rows[r]);
	}
	free(rows);
	return v;
}

/* A choice's value is one of its options. */
static bool
doc_valid_choice(const struct doc *d, const struct fdef_node *node,
                 const struct doc_value *v, char **err)
{
	struct sbuf sb;

	(void)d;
	if (fdef_option_index(node, v->v[0]) >= 0)
		return true;
	sbuf_init(&sb);
	for (size_t i = 0; i < node->noptions; i++)
		sbuf_addf(&sb, "%s%zu) %s", i ? "  " : "", i + 1,
		          node->options[i]);
	*err = xasprintf(_("\"%s\" is not an option of %s; choose one of: %s"),
	                 v->v[0], node->label, sb.buf);
	sbuf_fini(&sb);
	return false;
}

/* Checkboxes: labels of the version's members, each once, an exclusive
 * one alone. */
static bool
doc_valid_multi(const struct doc *d, const struct fdef_node *node,
                const struct doc_value *v, char **err)
{
	size_t excl = 0;

	for (size_t i = 0; i < v->n; i++) {
		long k = fdef_member_index(node, v->v[i], d->version);

		if (k < 0) {
			struct sbuf sb;

			sbuf_init(&sb);
			for (size_t j = 0; j < node->nmembers; j++)
				if (fdef_member_in_version(&node->members[j],
				                           d->version))
					sbuf_addf(&sb, "%s「%s」",
					          sb.len ? " " : "",
					          node->members[j].label);
			*err = xasprintf(
			        _("\"%s\" is not a checkbox of %s; the checkboxes are: %s"),
			        v->v[i], node->label, sb.buf);
			sbuf_fini(&sb);
			return false;
		}
		for (size_t j = 0; j < i; j++) {
			if (strcmp(v->v[j], v->v[i]) == 0) {
				*err = xasprintf(
				        _("\"%s\" is checked twice in %s"),
				        v->v[i], node->label);
				return false;
			}
		}
		if (node->members[k].exclusive)
			excl++;
	}
	if (excl > 0 && v->n > 1) {
		*err = xasprintf(
		        _("in %s, an exclusive checkbox (such as 「行っていない」) cannot be checked together with others"),
		        node->label);
		return false;
	}
	return true;
}

/* A flag's value is true. */
static bool
doc_valid_flag(const struct doc *d, const struct fdef_node *node,
               const struct doc_value *v, char **err)
{
	(void)d;
	if (strcmp(v->v[0], "true") == 0)
		return true;
	*err = xasprintf(_("%s must be true or false"), node->label);
	return false;
}

/* A number is written as doc_parse_integer() writes it. */
static bool
doc_valid_number(const struct doc *d, const struct fdef_node *node,
                 const struct doc_value *v, char **err)
{
	char *n = doc_parse_integer(v->v[0]);
	bool ok = n != NULL && strcmp(n, v->v[0]) == 0;

	(void)d;
	free(n);
	if (!ok)
		*err = xasprintf(
		        _("%s must be a whole number such as 1 (got \"%s\")"),
		        node->label, v->v[0]);
	return ok;
}

/* A date is one wareki_parse() reads. */
static bool
doc_valid_date(const struct doc *d, const struct fdef_node *node,
               const struct doc_value *v, char **err)
{
	struct wareki_date wd;
	char *werr = NULL;

	(void)d;
	if (wareki_parse(v->v[0], node->month_allowed, &wd, &werr))
		return true;
	*err = xasprintf("%s: %s", node->label, werr);
	free(werr);
	return false;
}

/* A table has whole rows, at most max of them. */
static bool
doc_valid_table(const struct doc *d, const struct fdef_node *node,
                const struct doc_value *v, char **err)
{
	(void)d;
	if (v->n % node->ncolumns != 0) {
		*err = xasprintf(_("%s: every row needs %zu cells"),
		                 node->label, node->ncolumns);
		return false;
	}
	if (v->n / node->ncolumns > node->max) {
		*err = xasprintf(_("%s can have at most %zu rows"), node->label,
		                 node->max);
		return false;
	}
	return true;
}

/* A flag: true or false. */
static void
doc_format_flag(const struct fdef_node *node, const struct doc_value *v,
                struct sbuf *sb)
{
	(void)node;
	sbuf_adds(sb, v->n > 0 ? "true" : "false");
}

/* A table: cells separated by tabs, rows by line breaks. */
static void
doc_format_table(const struct fdef_node *node, const struct doc_value *v,
                 struct sbuf *sb)
{
	for (size_t i = 0; i < v->n; i++) {
		sbuf_adds(sb, v->v[i]);
		if (i + 1 < v->n)
			sbuf_addc(sb, (i + 1) % node->ncolumns ? '\t' : '\n');
	}
}

/* The value functions of a field type. parse turns typed text into the
 * strings of a value (*err when it is not one; the strings may come all
 * the same; NULL: the text as typed, one line where the type is
 * one_line); validate checks a value that is not empty (NULL: any is
 * good); format writes it (NULL: its strings, one a line). */
struct doc_value_ops {
	char **(*parse)(const struct fdef_node *node, const char *input,
	                size_t *n, char **err);
	bool (*validate)(const struct doc *d, const struct fdef_node *node,
	                 const struct doc_value *v, char **err);
	void (*format)(const struct fdef_node *node, const struct doc_value *v,
	               struct sbuf *sb);
};

/* One row a type (fdef.h: enum fdef_type, fdef_types); text (line, text)
 * needs none. */
static const struct doc_value_ops doc_value_ops[FT_NTYPES] = {
        [FT_CHOICE] = {doc_parse_choice, doc_valid_choice, NULL},
        [FT_MULTI] = {doc_parse_multi, doc_valid_multi, NULL},
        [FT_FLAG] = {doc_parse_flag, doc_valid_flag, doc_format_flag},
        [FT_COUNT] = {doc_parse_number, doc_valid_number, NULL},
        [FT_DATE] = {doc_parse_date, doc_valid_date, NULL},
        [FT_NUMBER] = {doc_parse_number, doc_valid_number, NULL},
        [FT_TABLE] = {doc_parse_table, doc_valid_table, doc_format_table},
};

/* Check a value against its item's type and options; *err on failure. */
bool
doc_validate_value(const struct doc *d, const struct fdef_node *node,
                   const struct doc_value *v, char **err)
{
	*err = NULL;
	if (v->n == 0 || doc_value_ops[node->type].validate == NULL)
		return true;
	return doc_value_ops[node->type].validate(d, node, v, err);
}

/* Refuse text with control characters other than tab and line breaks
 * (escape sequences, BEL, C1): no assessment needs them, and printed they
 * would drive the reader's terminal. what names the text. *err on failure
 * (caller frees). */
bool
doc_text_ok(const char *text, const char *what, char **err)
{
	size_t at = utf8_find_control(text, "\t\n\r");
	uint32_t cp;

	*err = NULL;
	if (text[at] == '\0')
		return true;
	utf8_decode(text + at, strlen(text + at), &cp);
	*err = xasprintf(
	        _("%s contains the control character U+%04X (character %zu); remove it"),
	        what, (unsigned)cp, utf8_chars(text, at) + 1);
	return false;
}

/* Turn user input (command line or editor) into a value of node's type.
 * A multi value is its labels separated by newlines; a table its rows
 * separated by newlines and its cells by tabs. Dates are stored in 和暦. */
bool
doc_parse_input(const struct doc *d, const struct fdef_node *node,
                const char *input, struct doc_value *out, char **err)
{
	char **v;
	size_t n = 0;

	*err = NULL;
	memset(out, 0, sizeof *out);
	if (input[0] == '\0')
		return true;
	if (!utf8_valid(input, strlen(input), NULL)) {
		*err = xasprintf(_("the value for %s is not valid UTF-8 text"),
		                 node->label);
		return false;
	}
	if (strlen(input) > DOC_MAX_VALUE) {
		*err = xasprintf(
		        _("the value for %s is %zu bytes long; the limit is %zu bytes"),
		        node->label, strlen(input), (size_t)DOC_MAX_VALUE);
		return false;
	}
	if (!doc_text_ok(input, node->label, err))
		return false;
	v = doc_value_ops[node->type].parse
	            ? doc_value_ops[node->type].parse(node, input, &n, err)
	            : doc_parse_text(node, input, &n, err);
	doc_value_take(out, v, n);
	if (*err == NULL && !doc_validate_value(d, node, out, err)) {
		doc_value_clear(out);
		return false;
	}
	if (*err != NULL) {
		doc_value_clear(out);
		return false;
	}
	return true;
}

/* Format a value as `hyoka get` prints it; caller frees. */
char *
doc_format_value(const struct fdef_node *node, const struct doc_value *v)
{
	struct sbuf sb;

	sbuf_init(&sb);
	if (doc_value_ops[node->type].format != NULL) {
		doc_value_ops[node->type].format(node, v, &sb);
	} else {
		for (size_t i = 0; i < v->n; i++) {
			if (i > 0)
				sbuf_addc(&sb, '\n');
			sbuf_adds(&sb, v->v[i]);
		}
	}
	return sbuf_detach(&sb);
}
