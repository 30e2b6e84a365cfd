#include <config.h>
#include "name.h"

#include <stdlib.h>
#include <string.h>

#include "refname.h"
#include "sbuf.h"
#include "xalloc.h"

/* Tell whether a ref component is a roman numeral (I, II, IV). No
 * memory. */
static bool
name_is_roman(const char *comp)
{
	if (*comp == '\0')
		return false;
	for (const char *p = comp; *p; p++)
		if (*p != 'I' && *p != 'V' && *p != 'X')
			return false;
	return true;
}

/* A label as printed in a name: without ※ and the note in parentheses
 * after it (※(7. ②を除く。)), without "n." when the reference ends with
 * the number n, and without the blanks around it. Caller frees. */
static char *
name_printed(const char *label, int num)
{
	struct sbuf sb;
	const char *p = label;
	size_t skip = 0;

	if (num > 0 && *p >= '0' && *p <= '9') {
		char *end;

		if (strtol(p, &end, 10) == num && *end == '.')
			p = end + 1;
	}
	sbuf_init(&sb);
	for (;;) {
		const char *mark = strstr(p, "※");
		const char *q, *close;

		if (mark == NULL) {
			sbuf_adds(&sb, p);
			break;
		}
		sbuf_add(&sb, p, (size_t)(mark - p));
		q = mark + strlen("※");
		close = *q == '(' ? strchr(q, ')') : NULL;
		p = close != NULL ? close + 1 : q;
	}
	while (sb.len > 0 && sb.buf[sb.len - 1] == ' ')
		sb.buf[--sb.len] = '\0';
	while (sb.buf[skip] == ' ')
		skip++;
	memmove(sb.buf, sb.buf + skip, sb.len - skip + 1);
	return sbuf_detach(&sb);
}

/* Take the part's code off the front of its title: "II 特定…", "(別添1)
 * 特定…"; a title that is only the code (表紙) becomes empty. No memory. */
static void
name_drop_code(char *title, const char *code)
{
	size_t n = strlen(code), skip = 0;

	if (strncmp(title, code, n) == 0)
		skip = n;
	else if (title[0] == '(' && strncmp(title + 1, code, n) == 0 &&
	         title[n + 1] == ')')
		skip = n + 2;
	while (title[skip] == ' ')
		skip++;
	memmove(title, title + skip, strlen(title + skip) + 1);
}

/* Tell whether node n is inside the repeat that people name by its
 * name_prefix (the 特定個人情報ファイル). No memory. */
static bool
name_in_file(const struct fdef_node *n)
{
	for (const struct fdef_node *a = n->parent; a != NULL; a = a->parent)
		if (a->kind == FDEF_REPEAT && a->name_prefix != NULL)
			return true;
	return false;
}

/* The instance of the repeat with a name_prefix (a 特定個人情報ファイル)
 * that holds g, when the document has more than one; else NULL. No
 * memory. */
static const struct doc_group *
name_file_of(const struct doc_group *g)
{
	for (; g != NULL && g->parent != NULL; g = g->parent)
		if (g->def->kind == FDEF_REPEAT && g->def->name_prefix != NULL)
			return doc_slot(g->parent, g->def)->ninst > 1 ? g
			                                              : NULL;
	return NULL;
}

/* The first one-line item below n in print order, or NULL. No memory. */
static const struct fdef_node *
name_first_line(const struct fdef_node *n)
{
	for (size_t i = 0; i < n->nkids; i++) {
		const struct fdef_node *k = n->kids[i];
		const struct fdef_node *hit = k->kind != FDEF_ITEM
		                                      ? name_first_line(k)
		                              : k->type == FT_LINE ? k
		                                                   : NULL;

		if (hit != NULL)
			return hit;
	}
	return NULL;
}

/* A file as a 別添2 row writes it after the part: its number and name,
 * "(2. 資格状況履歴ファイル)", or "(特定個人情報ファイル2)" while it has no
 * name. Caller frees. */
static char *
name_file_label(const struct doc_group *file)
{
	const struct fdef_node *n = name_first_line(file->def);
	const struct doc_group *h = n != NULL ? doc_holder(file, n) : NULL;
	const struct doc_value *v = h != NULL ? &doc_slot(h, n)->val : NULL;
	char *w, *label;

	if (v != NULL && v->n > 0 && v->v[0][0] != '\0')
		return xasprintf("(%zu. %s)", file->index + 1, v->v[0]);
	w = refname_instance_word(file->def);
	label = xasprintf("(%s%zu)", w ? w : "", file->index + 1);
	free(w);
	return label;
}

/* The reference of n without the file part, its stars filled from g; a
 * repeat seen from its holder loses the part that names one block.
 * Caller frees. */
static char *
name_ref(const struct doc_group *g, const struct fdef_node *n)
{
	char *ref = xstrdup(n->ref_local);
	char *filled;

	if (n->kind == FDEF_REPEAT && (g == NULL || g->def != n)) {
		char *dash = strrchr(ref, '-');

		if (dash != NULL && strchr(dash, '*') != NULL)
			*dash = '\0';
	}
	filled = g ? doc_fill(g, ref) : xstrdup(ref);
	free(ref);
	return filled;
}

/* The label (or title) of n as printed, its stars filled from g; a repeat
 * seen from its holder names all its blocks (委託事項). num: the number
 * the reference ends with, or 0. Caller frees. */
static char *
name_label(const struct doc_group *g, const struct fdef_node *n, int num)
{
	const char *l =
	        n->kind == FDEF_ITEM || n->title == NULL ? n->label : n->title;
	bool all = n->kind == FDEF_REPEAT && (g == NULL || g->def != n);
	char *s = g && !all ? doc_fill(g, l) : xstrdup(l);
	char *p = name_printed(s, num);

	free(s);
	return p;
}

/* How a name is put together: the first keep parts of the reference,
 * then sep and the label (label may be emptied). */
struct name_join {
	size_t keep;
	const char *sep;
};

/* Decide how the reference c (nc parts) and the label of n join in a
 * style; told: the heading follows. No memory. */
static struct name_join
name_how(const struct fdef_node *n, char **c, size_t nc, char *label,
         bool block, bool told, bool log)
{
	const char *last = c[nc - 1];
	size_t nlast = strlen(last);
	struct name_join j = {nc, " "};

	if (block) {
		label[0] = '\0';
	} else if (told || n->kind != FDEF_ITEM) {
		/* A section or repeat: its title (a part's without its code).
		 */
		if (nc == 1)
			name_drop_code(label, c[0]);
	} else if (refname_circled(last) != 0) {
		/* I-1-① + ①事務の名称 */
		if (strncmp(label, last, nlast) == 0) {
			memmove(label, label + nlast,
			        strlen(label + nlast) + 1);
			j.sep = "";
		}
	} else if (refname_number(last) != 0) {
		/* I-3 + 特定個人情報ファイル名 */
	} else if (fdef_names_block(n)) {
		/* II-4-委託事項1 names its 委託事項の名称 in a log. */
		j.keep = nc - 1;
		if (log)
			label[0] = '\0';
	} else if (log && nc == 2 && !name_is_roman(c[0]) && !name_in_file(n)) {
		/* 表紙-公表日 is written 公表日. */
		j.keep = 0;
	} else if (strcmp(label, last) == 0) {
		label[0] = '\0';
	} else if (nc > 1) {
		/* III-4-再委託先による担保: the label says it in full. */
		j.keep = nc - 1;
		j.sep = log && name_is_roman(c[0]) ? "-" : " ";
	}
	return j;
}

/* Name node n of instance g (or block g of repeat n) in a style. Caller
 * frees. */
char *
name_item_as(const struct doc_group *g, const struct fdef_node *n,
             enum name_style style)
{
	bool log = style == NAME_LOG;
	const struct doc_group *file = name_file_of(g);
	bool block = n->kind == FDEF_REPEAT && g != NULL && g->def == n;
	/* For people, a label another item has too is told by its heading. */
	bool told = !log && n->kind == FDEF_ITEM && n->heading != NULL &&
	            n->label_shared && n->parent != NULL;
	char *ref = name_ref(g, told ? n->parent : n);
	size_t nc;
	char **c = refname_split(ref, &nc);
	char *label = name_label(g, n, refname_number(c[nc - 1]));
	struct name_join j = name_how(n, c, nc, label, block, told, log);
	struct sbuf sb;
	size_t k = 0;

	sbuf_init(&sb);
	if (file != NULL && !log && !(block && file == g)) {
		char *p = doc_fill(file, file->def->name_prefix);

		sbuf_adds(&sb, p);
		sbuf_addc(&sb, ' ');
		free(p);
	}
	if (block && strchr(n->ref_local, '*') == NULL) {
		/* A block whose reference has no number: 特定個人情報ファイル2.
		 */
		char *s = doc_fill(g, n->instance_label ? n->instance_label
		                                        : n->label);

		sbuf_adds(&sb, s);
		free(s);
		j.keep = 0;
	}
	for (size_t i = 0; i < j.keep; i++) {
		if (i > 0)
			sbuf_addc(&sb, '-');
		sbuf_adds(&sb, c[i]);
		if (i == 0 && file != NULL && log) {
			char *fl = name_file_label(file);

			sbuf_adds(&sb, fl);
			free(fl);
		}
	}
	if (label[0] != '\0') {
		if (sb.len > 0 && j.keep > 0)
			sbuf_adds(&sb, j.sep);
		sbuf_adds(&sb, label);
	}
	if (told) {
		sbuf_adds(&sb, "（");
		sbuf_adds(&sb, n->heading->label);
		sbuf_adds(&sb, "）");
	}
	/* A number the instance could not give stays unknown, not "*". */
	for (size_t i = 0; i < sb.len; i++)
		if (sb.buf[i] != '*')
			sb.buf[k++] = sb.buf[i];
	sb.buf[k] = '\0';
	sb.len = k;
	free(label);
	refname_free_split(c);
	free(ref);
	return sbuf_detach(&sb);
}

/* Name node n of instance g (or block g of repeat n) for people. Caller
 * frees. */
char *
name_item(const struct doc_group *g, const struct fdef_node *n)
{
	return name_item_as(g, n, NAME_PEOPLE);
}
