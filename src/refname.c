#include <config.h>
#include "refname.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "jtext.h"
#include "sbuf.h"
#include "utf8.h"
#include "xalloc.h"

/* Tell whether a ref component is a roman numeral (I, II, IV). No
 * memory. */
static bool
refname_is_roman(const char *comp)
{
	if (*comp == '\0')
		return false;
	for (const char *p = comp; *p; p++)
		if (*p != 'I' && *p != 'V' && *p != 'X')
			return false;
	return true;
}

/* The ref of a node without its file prefix (F*:). Borrowed. */
const char *
refname_local(const struct fdef_node *n)
{
	const char *colon = strchr(n->ref, ':');

	return colon != NULL ? colon + 1 : n->ref;
}

/* Split a ref into its components at '-'. Caller frees the array and its
 * strings. */
char **
refname_split(const char *ref, size_t *n)
{
	char **v = NULL;
	const char *p = ref;

	*n = 0;
	for (;;) {
		const char *dash = strchr(p, '-');
		size_t len = dash ? (size_t)(dash - p) : strlen(p);

		v = xreallocarray(v, *n + 1, sizeof *v);
		v[(*n)++] = xstrndup(p, len);
		if (dash == NULL)
			break;
		p = dash + 1;
	}
	return v;
}

/* Free an array of strings. */
void
refname_free_split(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* The ①..⑳ a ref component is, or 0. No memory. */
int
refname_circled(const char *comp)
{
	uint32_t cp;
	size_t len = strlen(comp);

	if (len == 0 || utf8_decode(comp, len, &cp) != len)
		return 0;
	return jtext_circled(cp);
}

/* The number a ref component is (the 4 of I-4), or 0. No memory. */
int
refname_number(const char *comp)
{
	int v = 0;

	if (*comp == '\0' || strlen(comp) > 3)
		return 0;
	for (const char *p = comp; *p; p++) {
		if (*p < '0' || *p > '9')
			return 0;
		v = v * 10 + (*p - '0');
	}
	return v;
}

/* The word of a repeat's instance label (システム of システム*). Caller
 * frees. */
char *
refname_instance_word(const struct fdef_node *repeat)
{
	const char *l = repeat->instance_label;
	const char *star = l ? strchr(l, '*') : NULL;

	if (star == NULL || star == l)
		return NULL;
	return xstrndup(l, (size_t)(star - l));
}

/* A label as printed, without ※, a leading ①..⑳ or "n. ", and the blanks
 * around it. Caller frees. */
static char *
refname_printed(const char *label, bool drop_circled)
{
	struct sbuf sb;
	const char *p = label;
	size_t len;

	if (drop_circled) {
		uint32_t cp;
		size_t n = utf8_decode(p, strlen(p), &cp);

		if (jtext_circled(cp) != 0)
			p += n;
	}
	if (*p >= '0' && *p <= '9') {
		const char *q = p;

		while (*q >= '0' && *q <= '9')
			q++;
		if (*q == '.')
			p = q + 1;
	}
	sbuf_init(&sb);
	for (; *p; p++) {
		if (strncmp(p, "※", strlen("※")) == 0) {
			/* ※ and its note: ※(7. ②を除く。) */
			const char *q = p + strlen("※");
			const char *close = *q == '(' ? strchr(q, ')') : NULL;

			p = (close != NULL ? close + 1 : q) - 1;
			continue;
		}
		sbuf_addc(&sb, *p);
	}
	while (sb.len > 0 && (sb.buf[sb.len - 1] == ' '))
		sb.buf[--sb.len] = '\0';
	for (len = 0; sb.buf != NULL && sb.buf[len] == ' ';)
		len++;
	{
		char *s = xstrdup(sb.buf ? sb.buf + len : "");

		sbuf_fini(&sb);
		return s;
	}
}

/* Take the part's code off the front of its title: "II 特定…", "(別添1)
 * 特定…". No memory. */
static void
refname_drop_code(char *title, const char *code)
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

/* The name people give file f of d: "(1. 資格管理ファイル)". Caller frees.
 */
static char *
refname_file_label(const struct doc *d, const struct fdef_node *files, size_t f)
{
	const struct doc_slot *s = doc_slot(d->root, files);
	const struct doc_group *g =
	        f >= 1 && f <= s->ninst ? s->inst[f - 1] : NULL;

	for (size_t i = 0; g != NULL && i < d->fd->nall; i++) {
		const struct fdef_node *n = d->fd->all[i];
		const struct doc_group *h;
		const struct doc_value *v;

		if (n->kind != FDEF_ITEM || n->type != FT_LINE ||
		    strncmp(n->path, files->path, strlen(files->path)) != 0)
			continue;
		h = doc_holder(g, n);
		v = h != NULL ? &doc_slot(h, n)->val : NULL;
		if (v != NULL && v->n > 0 && v->v[0][0] != '\0')
			return xasprintf("(%zu. %s)", f, v->v[0]);
		break;
	}
	{
		char *w = refname_instance_word(files);
		char *label = xasprintf("(%s%zu)", w ? w : "", f);

		free(w);
		return label;
	}
}

/* The repeat of 特定個人情報ファイル that holds node, or NULL. No memory. */
const struct fdef_node *
refname_files_of(const struct fdef_node *n)
{
	for (const struct fdef_node *a = n->parent; a != NULL; a = a->parent)
		if (a->kind == FDEF_REPEAT && a->parent != NULL &&
		    a->parent->parent == NULL && a->nkids > 0 &&
		    a->kids[0]->kind == FDEF_GROUP)
			return a;
	return NULL;
}

/* The 項目 text of node in instance g in the hyphenated style. Caller
 * frees. */
char *
refname_item_text(const struct doc *d, const struct doc_group *g,
                  const struct fdef_node *n)
{
	const struct fdef_node *files = refname_files_of(n);
	char *ref = doc_ref_of(g, n);
	const char *local = strchr(ref, ':') ? strchr(ref, ':') + 1 : ref;
	size_t nsplit, nc;
	char **comps = refname_split(local, &nsplit);
	const char *last = comps[nsplit - 1];
	struct sbuf sb;
	char *label;
	bool roman;

	sbuf_init(&sb);
	roman = refname_is_roman(comps[0]);
	nc = nsplit;
	if (n->kind == FDEF_REPEAT && nc > 1 && strchr(last, '*') != NULL)
		nc--;
	sbuf_adds(&sb, comps[0]);
	if (files != NULL && doc_slot(d->root, files)->ninst > 1) {
		size_t idx[DOC_MAX_DEPTH];
		size_t k = doc_indices(g, idx, DOC_MAX_DEPTH);
		char *fl = refname_file_label(d, files, k > 0 ? idx[0] + 1 : 1);

		sbuf_adds(&sb, fl);
		free(fl);
	}
	if (n->kind != FDEF_ITEM) {
		for (size_t i = 1; i < nc; i++)
			sbuf_addf(&sb, "-%s", comps[i]);
		label = refname_printed(n->title ? n->title : n->label, true);
		if (nc == 1)
			refname_drop_code(label, comps[0]);
		if (label[0] != '\0')
			sbuf_addf(&sb, " %s", label);
	} else if (refname_circled(last) != 0) {
		for (size_t i = 1; i < nc; i++)
			sbuf_addf(&sb, "-%s", comps[i]);
		label = refname_printed(n->label, true);
		sbuf_adds(&sb, label);
	} else if (refname_number(last) != 0) {
		for (size_t i = 1; i < nc; i++)
			sbuf_addf(&sb, "-%s", comps[i]);
		label = refname_printed(n->label, true);
		sbuf_addf(&sb, " %s", label);
	} else {
		bool block_name = fdef_names_block(n);

		label = refname_printed(n->label, true);
		/* The ref's name when it says more (提供件数, not 件数). */
		if (strlen(last) > strlen(label)) {
			free(label);
			label = xstrdup(last);
		}
		if (!roman && nc == 2 && files == NULL) {
			/* 表紙-公表日 is written 公表日. */
			sbuf_reset(&sb);
			sbuf_adds(&sb, label);
		} else {
			for (size_t i = 1; i + 1 < nc; i++)
				sbuf_addf(&sb, "-%s", comps[i]);
			if (!block_name)
				sbuf_addf(&sb, roman ? "-%s" : " %s", label);
		}
	}
	free(label);
	refname_free_split(comps, nsplit);
	free(ref);
	return sbuf_detach(&sb);
}
