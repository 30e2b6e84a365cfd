#include <config.h>
#include "name.h"

#include <stdlib.h>
#include <string.h>

#include "jtext.h"
#include "sbuf.h"
#include "utf8.h"
#include "xalloc.h"

/* Tell whether s is a circled number (①) and nothing else. */
static bool
name_is_circled(const char *s)
{
	uint32_t cp;
	size_t n = utf8_decode(s, strlen(s), &cp);

	return n > 0 && s[n] == '\0' && jtext_circled(cp) > 0;
}

/* Tell whether s is ASCII digits and nothing else. */
static bool
name_is_digits(const char *s)
{
	if (*s == '\0')
		return false;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return false;
	return true;
}

/* The label of n as a name part: stars filled from g, without the ※
 * at its end. Caller frees. */
static char *
name_label(const struct doc_group *g, const struct fdef_node *n)
{
	const char *l =
	        n->kind == FDEF_ITEM || n->title == NULL ? n->label : n->title;
	/* A repeat seen from its holder names all its blocks (委託事項). */
	bool all = n->kind == FDEF_REPEAT && (g == NULL || g->def != n);
	char *s = g && !all ? doc_fill(g, l) : xstrdup(l);
	size_t len;

	if (all) {
		char *w = s;

		for (const char *p = s; *p; p++)
			if (*p != '*')
				*w++ = *p;
		*w = '\0';
	}
	len = strlen(s);

	if (len >= 3 && strcmp(s + len - 3, "※") == 0) {
		len -= 3;
		while (len > 0 && s[len - 1] == ' ')
			len--;
		s[len] = '\0';
	}
	return s;
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

/* Join a reference and a label as a change log writes them. */
static void
name_join(struct sbuf *sb, const char *ref, const char *label)
{
	const char *dash = strrchr(ref, '-');
	const char *last = dash ? dash + 1 : ref;
	size_t n = strlen(last);

	if (*label == '\0' || strcmp(label, last) == 0) {
		sbuf_adds(sb, ref);
	} else if (*last != '\0' && strncmp(label, last, n) == 0 &&
	           name_is_circled(last)) {
		/* I-1-① + ①事務の名称 */
		sbuf_addf(sb, "%s%s", ref, label + n);
	} else if (name_is_digits(last) && strncmp(label, last, n) == 0 &&
	           label[n] == '.') {
		/* I-3 + 3. 特定個人情報ファイル名 */
		const char *p = label + n + 1;

		while (*p == ' ')
			p++;
		sbuf_addf(sb, "%s %s", ref, p);
	} else if (*last != '\0' && strncmp(label, last, n) == 0 &&
	           label[n] == ' ') {
		/* III + III リスク対策 */
		sbuf_addf(sb, "%s%s", ref, label + n);
	} else if (dash == NULL || name_is_digits(last) ||
	           name_is_circled(last)) {
		sbuf_addf(sb, "%s %s", ref, label);
	} else {
		/* III-4-再委託先による担保: the label says it in full. */
		sbuf_addf(sb, "%.*s %s", (int)(dash - ref), ref, label);
	}
}

/* Put the file in front when the document has several: ファイル2. */
static void
name_file(struct sbuf *sb, const struct doc_group *g)
{
	for (; g != NULL && g->parent != NULL; g = g->parent) {
		const struct fdef_node *r = g->def;

		if (r->kind == FDEF_REPEAT && r->name_prefix != NULL &&
		    doc_slot(g->parent, r)->ninst > 1) {
			char *p = doc_fill(g, r->name_prefix);

			sbuf_addf(sb, "%s ", p);
			free(p);
			return;
		}
	}
}

/* Name node n of instance g (or block g of repeat n) for people. Caller
 * frees. */
char *
name_item(const struct doc_group *g, const struct fdef_node *n)
{
	struct sbuf sb;
	char *label = name_label(g, n);

	sbuf_init(&sb);
	name_file(&sb, g);
	if (n->kind == FDEF_REPEAT && g != NULL && g->def == n) {
		char *ref = name_ref(g, n);

		/* A block: 委託事項2, or the instance label where the
		 * reference has no number (特定個人情報ファイル2). */
		if (strchr(n->ref_local, '*') == NULL && n->instance_label) {
			free(ref);
			ref = doc_fill(g, n->instance_label);
		}
		sbuf_adds(&sb, ref);
		free(ref);
	} else if (n->heading != NULL && n->label_shared && n->parent != NULL) {
		char *ref = name_ref(g, n->parent);

		sbuf_addf(&sb, "%s %s（%s）", ref, label, n->heading->label);
		free(ref);
	} else {
		char *ref = name_ref(g, n);

		name_join(&sb, ref, label);
		free(ref);
	}
	free(label);
	/* A number the instance could not give stays unknown, not "*". */
	{
		size_t k = 0;

		for (size_t i = 0; i < sb.len; i++)
			if (sb.buf[i] != '*')
				sb.buf[k++] = sb.buf[i];
		sb.buf[k] = '\0';
		sb.len = k;
	}
	return sbuf_detach(&sb);
}
