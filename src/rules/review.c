#include <config.h>
#include "review.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "name.h"
#include "sbuf.h"
#include "utf8.h"
#include "wareki.h"
#include "xalloc.h"

/* A text longer than this (characters) is shown by its changed sentences
 * only. */
#define REVIEW_LONG 1000

struct review_walk {
	const struct doc *old, *new;
	struct review_list *out;
};

/* Tell whether a repeat holds whole parts (the 特定個人情報ファイル). No
 * memory. */
static bool
review_is_parts(const struct fdef_node *n)
{
	return n->kind == FDEF_REPEAT && n->nkids > 0 &&
	       n->kids[0]->kind == FDEF_GROUP;
}

/* The item another is printed with: the checkbox of a ( ) text or count,
 * or the choice a count follows (委託の有無 and its 件数). NULL if none.
 * Borrowed. */
const struct fdef_node *
review_head(const struct fdef_node *n)
{
	size_t len;

	if (n->companion_of != NULL)
		return n->companion_of;
	if (n->type != FT_COUNT)
		return NULL;
	for (size_t i = 0; i < n->parent->nkids; i++) {
		const struct fdef_node *h = n->parent->kids[i];

		len = strlen(h->ref);
		if (h != n && h->kind == FDEF_ITEM &&
		    strncmp(n->ref, h->ref, len) == 0 && n->ref[len] == '-')
			return h;
	}
	return NULL;
}

/* The first string of an item's shown value in g (NULL g: ""). Borrowed.
 */
static const char *
review_str(const struct doc *d, const struct doc_group *g,
           const struct fdef_node *n)
{
	const struct doc_value *v;

	if (g == NULL)
		return "";
	v = doc_effective(d, g, n);
	return v->n > 0 ? v->v[0] : "";
}

/* Append the value of an attached item: "(1件)", "(市民課)". */
static void
review_attach(struct sbuf *sb, const struct doc *d, const struct doc_group *g,
              const struct fdef_node *n)
{
	const char *v = review_str(d, g, n);

	if (v[0] != '\0')
		sbuf_addf(sb, "(%s%s)", v, n->unit ? n->unit : "");
}

/* An item's value as a change log writes it: the option, the checked boxes
 * with their ( ) texts, "[○]label" for a flag, a table's rows. Caller
 * frees. */
static char *
review_render(const struct doc *d, const struct doc_group *g,
              const struct fdef_node *n)
{
	const struct doc_value *v = g != NULL ? doc_effective(d, g, n) : NULL;
	size_t nv = v != NULL ? v->n : 0;
	struct sbuf sb;

	sbuf_init(&sb);
	switch (n->type) {
	case FT_FLAG:
		sbuf_addf(&sb, "[%s]%s", nv > 0 ? "○" : " ", n->label);
		break;
	case FT_MULTI:
		for (size_t i = 0; i < nv; i++) {
			long k = fdef_member_index(n, v->v[i], d->version);

			sbuf_addf(&sb, "%s%s", i ? " " : "", v->v[i]);
			for (size_t j = 0; j < n->parent->nkids && k >= 0;
			     j++) {
				const struct fdef_node *c = n->parent->kids[j];

				if (c->companion_of == n &&
				    c->member == (size_t)k)
					review_attach(&sb, d, g, c);
			}
		}
		break;
	case FT_TABLE:
		for (size_t r = 0; r * n->ncolumns < nv; r++) {
			for (size_t c = 0; c < n->ncolumns; c++) {
				const char *cell = v->v[r * n->ncolumns + c];

				if (cell[0] != '\0')
					sbuf_addf(
					        &sb, "%s%s",
					        c > 0 && sb.len > 0 &&
					                        sb.buf[sb.len -
					                               1] !=
					                                '\n'
					                ? " "
					                : "",
					        cell);
			}
			sbuf_addc(&sb, '\n');
		}
		while (sb.len > 0 && sb.buf[sb.len - 1] == '\n')
			sb.buf[--sb.len] = '\0';
		break;
	default:
		if (nv > 0)
			sbuf_adds(&sb, v->v[0]);
		if (nv > 0 && v->v[0][0] != '\0')
			for (size_t j = 0; j < n->parent->nkids; j++) {
				const struct fdef_node *c = n->parent->kids[j];

				if (c->companion_of == NULL &&
				    review_head(c) == n)
					review_attach(&sb, d, g, c);
			}
		break;
	}
	if (sb.buf == NULL)
		sbuf_adds(&sb, "");
	return sbuf_detach(&sb);
}

/* The length of s in characters. No memory. */
static size_t
review_chars(const char *s)
{
	size_t n = 0, len = strlen(s);

	for (size_t i = 0; i < len; n++) {
		uint32_t cp;

		i += utf8_decode(s + i, len - i, &cp);
	}
	return n;
}

/* Split a text into sentences: at line breaks and after 。. The pieces
 * keep their ends; they point into s. Caller frees the array. */
static const char **
review_sentences(const char *s, size_t *n)
{
	const char **v = xcalloc(strlen(s) + 2, sizeof *v);
	const char *p = s;

	*n = 0;
	v[(*n)++] = s;
	while (*p != '\0') {
		if (*p == '\n') {
			p++;
		} else if (strncmp(p, "。", strlen("。")) == 0) {
			p += strlen("。");
		} else {
			p++;
			continue;
		}
		if (*p != '\0')
			v[(*n)++] = p;
	}
	v[*n] = s + strlen(s);
	return v;
}

/* Tell whether sentence i of a equals sentence j of b. No memory. */
static bool
review_same(const char **a, size_t i, const char **b, size_t j)
{
	size_t la = (size_t)(a[i + 1] - a[i]), lb = (size_t)(b[j + 1] - b[j]);

	return la == lb && memcmp(a[i], b[j], la) == 0;
}

/* Keep of a long before/after pair only the sentences that changed (with
 * the sentence before an insertion, so that it can be found). Texts that
 * are short, or changed throughout, stay whole. */
static void
review_shorten(char **before, char **after)
{
	size_t na, nb, pre = 0, post = 0;
	const char **a, **b;

	if (review_chars(*before) <= REVIEW_LONG &&
	    review_chars(*after) <= REVIEW_LONG)
		return;
	a = review_sentences(*before, &na);
	b = review_sentences(*after, &nb);
	while (pre < na && pre < nb && review_same(a, pre, b, pre))
		pre++;
	while (post < na - pre && post < nb - pre &&
	       review_same(a, na - 1 - post, b, nb - 1 - post))
		post++;
	if ((pre == na - post || pre == nb - post) && pre > 0)
		pre--; /* an insertion or a deletion: keep one sentence */
	if (pre + post > 0) {
		char *x = xstrndup(a[pre], (size_t)(a[na - post] - a[pre]));
		char *y = xstrndup(b[pre], (size_t)(b[nb - post] - b[pre]));

		/* Cut only when most of the text stays the same. */
		if (2 * strlen(x) < strlen(*before) + 1 &&
		    2 * strlen(y) < strlen(*after) + 1) {
			free(*before);
			free(*after);
			*before = x;
			*after = y;
		} else {
			free(x);
			free(y);
		}
	}
	free(a);
	free(b);
}

/* The form's suggested 提出時期 and 説明 for a ※ change or another. */
static const struct fdef_preset *
review_preset(const struct fdef *fd, bool important)
{
	const struct fdef_node *r = fdef_role(fd, "change_reason");

	for (size_t i = 0; r != NULL && i < r->npresets; i++)
		if (r->presets[i].important == important)
			return &r->presets[i];
	return NULL;
}

/* Add a row for a target of a version. */
static void
review_add(struct review_walk *w, const struct doc *in,
           const struct doc_group *g, const struct fdef_node *n, char *before,
           char *after, bool important)
{
	struct review_list *l = w->out;
	struct review_change *c;
	const struct fdef_preset *p = review_preset(w->new->fd, important);
	const struct fdef_node *blank = fdef_role(w->new->fd, "change_after");

	l->v = xreallocarray(l->v, l->n + 1, sizeof *l->v);
	c = &l->v[l->n++];
	memset(c, 0, sizeof *c);
	c->in = in;
	c->t.g = g;
	c->t.node = n;
	c->path = resolve_target_path(&c->t);
	c->item = name_item_as(c->t.g, c->t.node, NAME_LOG);
	review_shorten(&before, &after);
	c->before = before;
	if (after[0] == '\0' && blank != NULL && blank->blank_text != NULL) {
		free(after);
		after = xstrdup(blank->blank_text);
	}
	c->after = after;
	c->important = important;
	c->timing = p != NULL ? p->timing : NULL;
	c->reason = p != NULL ? p->text : NULL;
}

/* Tell whether an item below g (a part of a new or removed file) is ※ and
 * filled. No memory. */
static bool
review_any_important(const struct doc *d, const struct doc_group *g)
{
	for (size_t i = 0; i < g->def->nkids; i++) {
		const struct fdef_node *k = g->def->kids[i];
		const struct doc_slot *s = &g->slots[i];

		if (k->kind == FDEF_ITEM && k->important &&
		    !doc_value_empty(&s->val))
			return true;
		if (k->kind == FDEF_GROUP && review_any_important(d, s->grp))
			return true;
		for (size_t j = 0; k->kind == FDEF_REPEAT && j < s->ninst; j++)
			if (review_any_important(d, s->inst[j]))
				return true;
	}
	return false;
}

/* One row per part of a file that one version has and the other not. */
static void
review_file(struct review_walk *w, const struct doc_group *f, bool added)
{
	const struct doc *in = added ? w->new : w->old;

	for (size_t i = 0; i < f->def->nkids; i++) {
		const struct fdef_node *part = f->def->kids[i];
		char *text;

		if (part->kind != FDEF_GROUP)
			continue;
		text = name_item_as(f, part, NAME_LOG);
		review_add(w, in, f, part, added ? xstrdup("") : text,
		           added ? text : xstrdup(""),
		           part->important ||
		                   review_any_important(in, f->slots[i].grp));
	}
}

static void review_group(struct review_walk *w, const struct fdef_node *def,
                         const struct doc_group *go,
                         const struct doc_group *gn);

/* Compare one node of the form in both versions (either group may be
 * NULL: a block one version does not have). */
static void
review_node(struct review_walk *w, const struct fdef_node *k,
            const struct doc_group *go, const struct doc_group *gn)
{
	const struct doc_slot *so = go ? doc_slot(go, k) : NULL;
	const struct doc_slot *sn = gn ? doc_slot(gn, k) : NULL;

	if (k->role != NULL && strcmp(k->role, "change_log") == 0)
		return;
	if (k->kind == FDEF_GROUP) {
		review_group(w, k, so ? so->grp : NULL, sn ? sn->grp : NULL);
	} else if (k->kind == FDEF_REPEAT) {
		size_t no = so ? so->ninst : 0, nn = sn ? sn->ninst : 0;

		for (size_t i = 0; i < no || i < nn; i++) {
			const struct doc_group *io =
			        i < no ? so->inst[i] : NULL;
			const struct doc_group *in =
			        i < nn ? sn->inst[i] : NULL;

			if (review_is_parts(k) && (io == NULL || in == NULL))
				review_file(w, in ? in : io, in != NULL);
			else
				review_group(w, k, io, in);
		}
	} else if (review_head(k) == NULL) {
		char *a = review_render(w->old, go, k);
		char *b = review_render(w->new, gn, k);

		/* 公表日 and V-1-① of a new version are cleared until it is
		 * published: not filled in yet, not deleted. */
		if (k->per_version && b[0] == '\0')
			a[0] = '\0';
		if (strcmp(a, b) != 0)
			review_add(w, gn ? w->new : w->old, gn ? gn : go, k, a,
			           b, k->important);
		else {
			free(a);
			free(b);
		}
	}
}

/* Compare the nodes of one group instance in both versions. */
static void
review_group(struct review_walk *w, const struct fdef_node *def,
             const struct doc_group *go, const struct doc_group *gn)
{
	for (size_t i = 0; i < def->nkids; i++)
		review_node(w, def->kids[i], go, gn);
}

/* The rows of a log as "date|item|after" keys. Caller frees the array and
 * its strings. */
static char **
review_row_keys(const struct doc *d, size_t *n)
{
	const struct fdef_node *log = fdef_role(d->fd, "change_log");
	const struct fdef_node *cols[3] = {fdef_role(d->fd, "change_date"),
	                                   fdef_role(d->fd, "change_item"),
	                                   fdef_role(d->fd, "change_after")};
	const struct doc_group *h =
	        log != NULL ? doc_holder(d->root, log) : NULL;
	const struct doc_slot *s = h != NULL ? doc_slot(h, log) : NULL;
	char **keys;

	*n = s != NULL ? s->ninst : 0;
	keys = xcalloc(*n + 1, sizeof *keys);
	for (size_t i = 0; i < *n; i++) {
		struct sbuf sb;

		sbuf_init(&sb);
		for (size_t c = 0; c < 3; c++)
			sbuf_addf(&sb, "%s|",
			          cols[c] ? review_str(d, s->inst[i], cols[c])
			                  : "");
		keys[i] = sbuf_detach(&sb);
	}
	return keys;
}

/* Mark the changes that rows of new's log (not carried over from old's)
 * already record: the same 項目 text, or a 項目 that resolves to the item
 * or a part holding it. */
static void
review_mark_recorded(const struct doc *old, const struct doc *new,
                     struct review_list *l)
{
	const struct fdef_node *item = fdef_role(new->fd, "change_item");
	size_t no, nn;
	char **ko = review_row_keys(old, &no), **kn = review_row_keys(new, &nn);
	struct resolve_log log;

	resolve_log(new, &log);
	for (size_t i = 0; i < nn && i < log.n && item != NULL; i++) {
		bool carried = false;
		const struct doc_group *row;
		const char *text;

		for (size_t j = 0; j < no && !carried; j++)
			carried = strcmp(kn[i], ko[j]) == 0;
		if (carried)
			continue;
		row = doc_slot(doc_holder(new->root, item->parent),
		               item->parent)
		              ->inst[i];
		text = review_str(new, row, item);
		for (size_t c = 0; c < l->n; c++) {
			struct review_change *ch = &l->v[c];
			bool named = strcmp(ch->item, text) == 0;
			bool alone = named;

			for (size_t k = 0; log.rows[i].status == RESOLVE_SURE &&
			                   k < log.rows[i].n;
			     k++) {
				char *p =
				        resolve_target_path(&log.rows[i].t[k]);
				size_t len = strlen(p);

				if (strncmp(ch->path, p, len) == 0 &&
				    (ch->path[len] == '\0' ||
				     ch->path[len] == '.')) {
					named = true;
					alone |= log.rows[i].n == 1 &&
					         ch->path[len] == '\0';
				}
				free(p);
			}
			if (named && (!ch->recorded || alone || !ch->exact)) {
				ch->recorded = true;
				ch->row = i;
				ch->exact = alone;
			}
		}
	}
	resolve_log_fini(&log);
	for (size_t i = 0; i < no; i++)
		free(ko[i]);
	for (size_t i = 0; i < nn; i++)
		free(kn[i]);
	free(ko);
	free(kn);
}

/* The differences between old and new as change-log rows. Caller frees
 * with review_list_fini(). */
void
review_diff(const struct doc *old, const struct doc *new,
            struct review_list *out)
{
	struct review_walk w = {old, new, out};

	out->v = NULL;
	out->n = 0;
	review_group(&w, new->fd->root, old->root, new->root);
	review_mark_recorded(old, new, out);
}

/* Free what a list holds. */
void
review_list_fini(struct review_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].path);
		free(l->v[i].item);
		free(l->v[i].before);
		free(l->v[i].after);
	}
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

/* Where a change is in new. No memory. */
bool
review_place(const struct doc *new, const struct review_change *c,
             const struct doc_group **g, const struct fdef_node **at)
{
	char *path;
	bool found = false;

	if (c->in == new) {
		*g = c->t.g;
		*at = c->t.node;
		return true;
	}
	path = xstrdup(c->path);
	for (char *dot = strrchr(path, '.'); dot != NULL && !found;
	     dot = strrchr(path, '.')) {
		const struct doc_group *grp;

		*dot = '\0';
		grp = doc_find_group((struct doc *)new, path);
		if (grp != NULL && grp->parent != NULL &&
		    grp->def->kind == FDEF_GROUP) {
			*g = grp->parent;
			*at = grp->def;
			found = true;
		}
	}
	free(path);
	return found;
}

/* Store one text in a row of the log (nothing for an empty text). */
static void
review_put(struct doc *d, struct doc_group *row, const char *role,
           const char *text)
{
	const struct fdef_node *n = fdef_role(d->fd, role);
	struct doc_ptr p = {row, n};
	struct doc_value v = {NULL, 0, 0, 0};
	char **s;

	if (n == NULL || text == NULL || text[0] == '\0' ||
	    n->parent != row->def ||
	    (n->type == FT_CHOICE && fdef_option_index(n, text) < 0))
		return;
	s = xcalloc(2, sizeof *s);
	s[0] = xstrdup(text);
	doc_value_take(&v, s, 1);
	doc_set(d, &p, &v);
}

/* Append the rows not recorded yet to new's change log. */
bool
review_apply(struct doc *new, const struct review_list *l, const char *date,
             size_t *added, char **err)
{
	const struct fdef_node *log = fdef_role(new->fd, "change_log");
	struct doc_group *h =
	        log != NULL ? (struct doc_group *)doc_holder(new->root, log)
	                    : NULL;
	struct doc_slot *s = h != NULL ? doc_slot(h, log) : NULL;
	struct wareki_date wd;
	size_t todo = 0;
	char *when;

	*added = 0;
	*err = NULL;
	if (s == NULL || log->kind != FDEF_REPEAT) {
		*err = xstrdup(
		        _("the form has no change log (role change_log)"));
		return false;
	}
	if (!wareki_parse(date, false, &wd, NULL)) {
		*err = xasprintf(
		        _("\"%s\" is not a date; write it like 令和8年3月11日 or 2026-03-11"),
		        date);
		return false;
	}
	for (size_t i = 0; i < l->n; i++)
		todo += !l->v[i].recorded;
	if (s->ninst + todo > log->max) {
		*err = xasprintf(
		        _("the change log can hold %zu rows; %zu more do not fit"),
		        log->max, todo);
		return false;
	}
	when = wareki_format(&wd);
	for (size_t i = 0; i < l->n; i++) {
		const struct review_change *c = &l->v[i];
		struct doc_group *row;

		if (c->recorded)
			continue;
		row = doc_add_instance(new, h, log, s->ninst, NULL);
		review_put(new, row, "change_date", when);
		review_put(new, row, "change_item", c->item);
		review_put(new, row, "change_before", c->before);
		review_put(new, row, "change_after", c->after);
		review_put(new, row, "change_timing", c->timing);
		review_put(new, row, "change_reason", c->reason);
		(*added)++;
	}
	free(when);
	return true;
}

/* Clear the per_version items of a group instance and below. */
static void
review_clear_per_version(struct doc_group *g)
{
	for (size_t i = 0; i < g->def->nkids; i++) {
		const struct fdef_node *k = g->def->kids[i];
		struct doc_slot *s = &g->slots[i];

		if (k->kind == FDEF_ITEM && k->per_version)
			doc_value_clear(&s->val);
		else if (k->kind == FDEF_GROUP)
			review_clear_per_version(s->grp);
		for (size_t j = 0; k->kind == FDEF_REPEAT && j < s->ninst; j++)
			review_clear_per_version(s->inst[j]);
	}
}

/* Make a published version the start of the next. */
void
review_start_next(struct doc *d, const char *base_file)
{
	const struct fdef_node *pub = fdef_role(d->fd, "published");
	const struct doc_group *h =
	        pub != NULL ? doc_holder(d->root, pub) : NULL;
	const char *when = h != NULL ? review_str(d, h, pub) : "";

	free(d->base_file);
	free(d->base_published);
	d->base_file = xstrdup(base_file);
	d->base_published = when[0] != '\0' ? xstrdup(when) : NULL;
	review_clear_per_version(d->root);
}

/* The 変更日 of new rows: new's 公表日, else today (HYOKA_TODAY in
 * tests), as 和暦. Caller frees. */
char *
review_default_date(const struct doc *new)
{
	const struct fdef_node *pub = fdef_role(new->fd, "published");
	const struct doc_group *h =
	        pub != NULL ? doc_holder(new->root, pub) : NULL;
	const char *when = h != NULL ? review_str(new, h, pub) : "";
	struct wareki_date wd;
	int y, m, d;

	if (when[0] != '\0')
		return xstrdup(when);
	wareki_today(&y, &m, &d);
	return wareki_from_gregorian(y, m, d, &wd) ? wareki_format(&wd)
	                                           : xstrdup("");
}
