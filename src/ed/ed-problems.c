/* The editor's findings: checking the whole document or only what a
 * change affects, where each finding is, the counts per section, the
 * problem list (F2), Ctrl-N to the next answer needed and accepting a
 * warning with a reason (F4). */
#include <config.h>
#include "ed-int.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "i18n.h"
#include "xalloc.h"

/* Tell whether finding d is an answer still missing rather than a
 * contradiction: an empty required item, too few blocks, or an error
 * about a repeat that has no block yet (委託事項 to add: 未記入, not
 * エラー). */
bool
ed_finding_missing(const struct ed *e, const struct diag *d)
{
	size_t k = (size_t)(d - e->problems.v);
	const struct ed_ploc *p;

	if (d->rule != NULL &&
	    (strcmp(d->rule, "required") == 0 || strcmp(d->rule, "min") == 0))
		return true;
	if (d->sev != DIAG_ERROR || e->ploc == NULL || k >= e->problems.n)
		return false;
	p = &e->ploc[k];
	return p->g != NULL && p->n != NULL && p->n->kind == FDEF_REPEAT &&
	       p->n->parent == p->g->def && doc_slot(p->g, p->n)->ninst == 0;
}

/* Count the findings of each section for the section tree. */
void
ed_count_problems(struct ed *e)
{
	for (size_t i = 0; i < e->nsecs; i++)
		e->secs[i].nmissing = e->secs[i].nerr = e->secs[i].nwarn = 0;
	for (size_t i = 0; i < e->problems.n; i++) {
		struct diag *d = &e->problems.v[i];
		size_t sec;

		if (e->ploc == NULL || e->ploc[i].g == NULL)
			continue;
		sec = ed_section_of(e, e->ploc[i].g);
		if (sec == (size_t)-1)
			continue;
		if (ed_finding_missing(e, d))
			e->secs[sec].nmissing++;
		else if (d->sev == DIAG_ERROR)
			e->secs[sec].nerr++;
		else if (d->sev == DIAG_WARNING && !d->accepted)
			e->secs[sec].nwarn++;
	}
	ed_review_count(e);
}

/* Count the open findings: answers still missing (required items and
 * blocks), other errors, and warnings. */
void
ed_counts(const struct ed *e, size_t *missing, size_t *errors, size_t *warn)
{
	*missing = *errors = *warn = 0;
	for (size_t i = 0; i < e->problems.n; i++) {
		const struct diag *d = &e->problems.v[i];

		if (d->accepted)
			continue;
		if (d->sev == DIAG_ERROR && ed_finding_missing(e, d))
			(*missing)++;
		else if (d->sev == DIAG_ERROR)
			(*errors)++;
		else if (d->sev == DIAG_WARNING)
			(*warn)++;
	}
}

/* Resolve a finding's path to the instance and node it is about: an item,
 * or a repeat that needs a block. False when it names neither. */
static bool
ed_resolve(struct ed *e, const char *path, struct doc_group **g,
           const struct fdef_node **n)
{
	struct doc_ptr p;
	char *err = NULL, *head, *dot;
	struct doc_group *h;
	const struct fdef_node *k;
	size_t len;

	if (path == NULL)
		return false;
	if (doc_resolve(e->doc, path, false, &p, &err)) {
		*g = p.g;
		*n = p.node;
		return true;
	}
	free(err);
	/* A repeat's path ends in .* (files.1.outline.entrust.items.*). */
	len = strlen(path);
	if (len < 2 || strcmp(path + len - 2, ".*") != 0)
		return false;
	head = xstrndup(path, len - 2);
	dot = strrchr(head, '.');
	if (dot != NULL)
		*dot = '\0';
	h = doc_find_group(e->doc, dot ? head : "");
	k = h ? fdef_child(h->def, dot ? dot + 1 : head) : NULL;
	free(head);
	if (k == NULL || k->kind != FDEF_REPEAT)
		return false;
	*g = h;
	*n = k;
	return true;
}

/* The hash bucket of the problems about item n of instance g. */
static size_t
ed_pbucket(const struct ed *e, const struct doc_group *g,
           const struct fdef_node *n)
{
	size_t h = (size_t)(uintptr_t)g * 31u + (size_t)(uintptr_t)n;

	h ^= h >> 17;
	h *= 0x9e3779b1u;
	h ^= h >> 13;
	return h & (e->pbuckets - 1);
}

/* File the problems by place (instance and item), for the rows drawn:
 * each bucket's chain in the order of the list. */
static void
ed_index_problems(struct ed *e)
{
	size_t nb = 64;

	while (nb < 2 * e->problems.n)
		nb *= 2;
	free(e->phead);
	free(e->pnext);
	e->pbuckets = nb;
	e->phead = xcalloc(nb, sizeof *e->phead);
	e->pnext = xcalloc(e->problems.n + 1, sizeof *e->pnext);
	for (size_t b = 0; b < nb; b++)
		e->phead[b] = (size_t)-1;
	for (size_t k = e->problems.n; k-- > 0;) {
		size_t b = ed_pbucket(e, e->ploc[k].g, e->ploc[k].n);

		e->pnext[k] = e->phead[b];
		e->phead[b] = k;
	}
}

/* The first problem about item n of instance g, in the list's order;
 * (size_t)-1 when there is none. */
size_t
ed_problem_first(const struct ed *e, const struct doc_group *g,
                 const struct fdef_node *n)
{
	size_t k;

	if (e->phead == NULL || e->ploc == NULL)
		return (size_t)-1;
	k = e->phead[ed_pbucket(e, g, n)];
	while (k != (size_t)-1 && (e->ploc[k].g != g || e->ploc[k].n != n))
		k = e->pnext[k];
	return k;
}

/* The next problem after k about the same place as k; (size_t)-1 when
 * there is none. */
size_t
ed_problem_next(const struct ed *e, size_t k)
{
	const struct ed_ploc *p = &e->ploc[k];

	for (k = e->pnext[k]; k != (size_t)-1; k = e->pnext[k])
		if (e->ploc[k].g == p->g && e->ploc[k].n == p->n)
			return k;
	return (size_t)-1;
}

/* Resolve where each problem of list dl is into loc (one per finding). */
static void
ed_resolve_all(struct ed *e, const struct diag_list *dl, struct ed_ploc *loc)
{
	for (size_t i = 0; i < dl->n; i++) {
		struct doc_group *g;
		const struct fdef_node *n;

		loc[i].g = NULL;
		loc[i].n = NULL;
		if (ed_resolve(e, dl->v[i].path, &g, &n)) {
			loc[i].g = g;
			loc[i].n = n;
		}
	}
}

/* What follows a new list of problems with their places: the 要確認
 * marks, the counts per section, the index by place. */
static void
ed_problems_placed(struct ed *e)
{
	ed_review_update(e);
	ed_count_problems(e);
	ed_index_problems(e);
}

/* Resolve where each problem is, once, for drawing and counting. */
static void
ed_locate_problems(struct ed *e)
{
	free(e->ploc);
	e->ploc = xcalloc(e->problems.n + 1, sizeof *e->ploc);
	ed_resolve_all(e, &e->problems, e->ploc);
	ed_problems_placed(e);
}

/* Run every check and count findings per section. */
void
ed_validate(struct ed *e)
{
	free(e->memo.named);
	e->memo.named = xcalloc(e->fd->nall + 1, 1);
	diag_list_fini(&e->problems);
	check_doc_memo(e->doc, e->file, &e->problems, &e->memo);
	ed_locate_problems(e);
}

/* Mark node and every node whose visibility or requirement depends on it,
 * with their subtrees. */
static void
ed_mark_affected(const struct fdef_node *n, unsigned char *mark)
{
	if (mark[n->id])
		return;
	mark[n->id] = 1;
	for (size_t i = 0; i < n->nreaders; i++)
		ed_mark_affected(n->readers[i], mark);
	for (size_t i = 0; i < n->nkids; i++)
		ed_mark_affected(n->kids[i], mark);
}

/* Tell whether a new value of item `changed` may change what the rows of
 * the change log name: a row itself, or a name of a file or block (a
 * one-line item, an item that names blocks). */
static bool
ed_names_change(const struct ed *e, const struct fdef_node *changed)
{
	const struct fdef_node *item = fdef_role(e->fd, "change_item");

	if (changed->type == FT_LINE)
		return true;
	for (const struct fdef_node *p = changed->parent; p; p = p->parent)
		if ((p->kind == FDEF_REPEAT && p->name_item == changed) ||
		    (item != NULL && p == item->parent))
			return true;
	return false;
}

/* Tell whether check c, one of the change log's, must run again after
 * item `changed` got a new value and the visibility of the nodes marked
 * in nodes may have changed: what a row names depends on the names of
 * files and blocks (one-line items, the items that name blocks), and X20
 * compares the items named (e->memo.named) with the log. */
static bool
ed_reads_log(const struct ed *e, const struct fdef_check *c,
             const struct fdef_node *changed, const unsigned char *nodes)
{
	if (c->kind != CK_CHANGE_REF && c->kind != CK_CHANGE_TIMING &&
	    c->kind != CK_CHANGE_CURRENT)
		return false;
	if (ed_names_change(e, changed))
		return true;
	if (c->kind != CK_CHANGE_CURRENT || e->memo.named == NULL)
		return false;
	for (size_t i = 0; i < e->fd->nall; i++)
		if (nodes[i] && e->memo.named[i])
			return true;
	return false;
}

/* Tell whether finding x comes before finding y in the list (by
 * position, structural findings before the form's checks in their
 * order). No memory. */
static bool
ed_diag_before(const struct diag *x, const struct diag *y)
{
	if (x->line != y->line)
		return x->line < y->line;
	if (x->col != y->col)
		return x->col < y->col;
	return x->src < y->src;
}

/* Merge the findings kept (with their places) and the findings added
 * (sorted) into the problem list, in order; takes both lists. */
static void
ed_merge_problems(struct ed *e, struct diag_list *keep, struct ed_ploc *kloc,
                  struct diag_list *add)
{
	size_t n = keep->n + add->n, i = 0, j = 0;
	struct ed_ploc *aloc = xcalloc(add->n + 1, sizeof *aloc);
	struct ed_ploc *loc = xcalloc(n + 1, sizeof *loc);
	struct diag_list out;

	ed_resolve_all(e, add, aloc);
	diag_list_init(&out);
	while (i < keep->n || j < add->n) {
		bool from_keep = j == add->n ||
		                 (i < keep->n &&
		                  !ed_diag_before(&add->v[j], &keep->v[i]));

		loc[out.n] = from_keep ? kloc[i] : aloc[j];
		diag_move(&out, from_keep ? &keep->v[i++] : &add->v[j++]);
	}
	free(keep->v);
	free(add->v);
	free(kloc);
	free(aloc);
	free(e->problems.v);
	free(e->ploc);
	e->problems = out;
	e->ploc = loc;
}

/* Check again after item `changed` of instance g got a new value (that
 * went from empty to filled or back when flipped): only the checks that
 * read an affected item run again (the index from items to rules), and
 * when the change stays in one 特定個人情報ファイル (check_local()) only
 * there; only the findings added are located. */
void
ed_validate_change(struct ed *e, const struct doc_group *g,
                   const struct fdef_node *changed, bool flipped)
{
	const struct fdef *fd = e->fd;
	unsigned char *nodes = xcalloc(fd->nall + 1, 1);
	unsigned char *checks = xcalloc(fd->nchecks + 1, 1);
	struct ed_ploc *kloc = xcalloc(e->problems.n + 1, sizeof *kloc);
	const struct doc_group *inst;
	struct diag_list keep, add;

	ed_mark_affected(changed, nodes);
	/* A block that gains its first value or loses its last one changes
	 * whether the empty blocks before it are numbers left unused, and
	 * whether it is one itself (check.c): every repeat around it. */
	for (const struct fdef_node *p = changed->parent; flipped && p;
	     p = p->parent)
		if (p->kind == FDEF_REPEAT)
			ed_mark_affected(p, nodes);
	/* In a hidden section or block the first item holding text is
	 * warned about (check.c): the hidden nodes around the item. */
	for (const struct doc_group *h = g; h->parent != NULL; h = h->parent)
		if (!doc_visible(e->doc, h->parent, h->def))
			ed_mark_affected(h->def, nodes);
	for (size_t c = 0; c < fd->nchecks; c++) {
		checks[c] = fd->checks[c].reads_all ||
		                            ed_reads_log(e, &fd->checks[c],
		                                         changed, nodes)
		                    ? CHECK_ALL
		                    : CHECK_KEEP;
		for (size_t r = 0; r < fd->checks[c].nreads && !checks[c]; r++)
			if (nodes[fd->checks[c].reads[r]->id])
				checks[c] = CHECK_ALL;
	}
	inst = check_local(e->doc, g, nodes, checks);
	diag_list_init(&keep);
	for (size_t i = 0; i < e->problems.n; i++) {
		struct diag *d = &e->problems.v[i];
		bool stale;

		if (d->src > 0)
			stale = checks[d->src - 1] == CHECK_ALL ||
			        (checks[d->src - 1] == CHECK_INSTANCE &&
			         !check_elsewhere(d->scope, inst));
		else
			stale = e->ploc[i].n != NULL &&
			        nodes[e->ploc[i].n->id] &&
			        !check_elsewhere(e->ploc[i].g, inst);
		if (stale) {
			diag_fini(d);
		} else {
			kloc[keep.n] = e->ploc[i];
			diag_move(&keep, d);
		}
	}
	e->problems.n = 0;
	diag_list_init(&add);
	check_partial(e->doc, e->file, nodes, checks, inst, &e->memo,
	              !ed_names_change(e, changed), &add);
	diag_sort(&add);
	ed_merge_problems(e, &keep, kloc, &add);
	ed_problems_placed(e);
	free(nodes);
	free(checks);
}

/* Tell whether a finding should be shown now (untouched sections are
 * not nagged about missing answers until visited or a full check). */
static bool
ed_shown_problem(const struct ed *e, const struct diag *d, size_t sec)
{
	if (d->rule == NULL || strcmp(d->rule, "required") != 0)
		return true;
	return e->full_check || (sec < e->nsecs && e->secs[sec].visited);
}

/* The first error about row i of the section shown, or its imported
 * value still to be confirmed (要確認, check_stops_walk): an answer the
 * item needs, or a block its repeat needs (on the row that adds one);
 * (size_t)-1 when there is none. */
static size_t
ed_row_need(const struct ed *e, size_t i)
{
	const struct ed_row *r = &e->rows[i];

	if ((r->kind != ROW_ITEM && r->kind != ROW_ADD) || r->hidden ||
	    e->ploc == NULL)
		return (size_t)-1;
	for (size_t k = ed_problem_first(e, r->g, r->node); k != (size_t)-1;
	     k = ed_problem_next(e, k))
		if (check_stops_walk(&e->problems.v[k]))
			return k;
	return (size_t)-1;
}

/* The section that shows finding k; (size_t)-1 when none does. */
size_t
ed_finding_section(const struct ed *e, size_t k)
{
	const struct fdef_node *n = e->ploc[k].n;

	if (e->ploc[k].g == NULL)
		return (size_t)-1;
	/* The files themselves are added in the list of files. */
	if (n->kind == FDEF_REPEAT && ed_repeat_of_groups(n))
		for (size_t i = 0; i < e->nsecs; i++)
			if (e->secs[i].def == n)
				return i;
	return ed_section_of(e, e->ploc[k].g);
}

/* Stop Ctrl-N on row i of the section shown and say what it needs
 * (finding k), and what F3 would fill in. */
static void
ed_guide_to(struct ed *e, size_t i, size_t k)
{
	const struct diag *offer = ed_offer_at(e, i);
	const struct diag *d = &e->problems.v[k];

	e->focus = i;
	e->member = 0;
	e->guided = e->rows[i];
	if (d->rule != NULL && strcmp(d->rule, CHECK_REVIEW_RULE) == 0)
		ed_message(
		        e, true, "%s: %s %s", d->name ? d->name : "",
		        _("[to confirm] F4 if the value is right, else correct it."),
		        d->msg);
	else if (offer != NULL)
		ed_message(e, true, "%s: %s %s",
		           e->problems.v[k].name ? e->problems.v[k].name : "",
		           e->problems.v[k].msg, offer->msg);
	else
		ed_message(e, true, "%s: %s",
		           e->problems.v[k].name ? e->problems.v[k].name : "",
		           e->problems.v[k].msg);
}

/* Ctrl-N: stay on the focused row when it needs input and Ctrl-N has not
 * stopped there yet; else go to the next row below that needs input, in
 * screen order, then on through the sections and round to the rows above. */
void
ed_next_needed(struct ed *e)
{
	struct ed_row *r = ed_focused(e);
	size_t k, from = e->focus;

	if (r != NULL && (k = ed_row_need(e, e->focus)) != (size_t)-1 &&
	    !ed_same_row(&e->guided, r)) {
		ed_guide_to(e, e->focus, k);
		return;
	}
	for (size_t i = r ? e->focus + 1 : 0; i < e->nrows; i++)
		if ((k = ed_row_need(e, i)) != (size_t)-1) {
			ed_guide_to(e, i, k);
			return;
		}
	for (size_t s = 1; s <= e->nsecs; s++) {
		size_t sec = (e->cur + s) % e->nsecs, end;
		bool any = false;

		for (k = 0; k < e->problems.n && !any; k++)
			any = check_stops_walk(&e->problems.v[k]) &&
			      ed_finding_section(e, k) == sec;
		if (!any)
			continue;
		ed_goto(e, sec, NULL, NULL);
		/* Back in the section we started from: the rows up to the
		 * focus. */
		end = s == e->nsecs ? from + 1 : e->nrows;
		for (size_t i = 0; i < end && i < e->nrows; i++)
			if ((k = ed_row_need(e, i)) != (size_t)-1) {
				ed_guide_to(e, i, k);
				return;
			}
	}
	ed_message(
	        e, false, "%s",
	        e->problems.n
	                ? _("no other item needs an answer; see the problem list (F2)")
	                : _("every item is filled in"));
}

/* The first open (or, with accepted, accepted) warning of the focused
 * item; NULL when there is none. Borrowed. */
static struct diag *
ed_focused_warning(struct ed *e, bool accepted)
{
	struct ed_row *r = ed_focused(e);

	if (r == NULL || r->kind != ROW_ITEM)
		return NULL;
	for (size_t i = ed_problem_first(e, r->g, r->node); i != (size_t)-1;
	     i = ed_problem_next(e, i)) {
		struct diag *d = &e->problems.v[i];

		if (d->sev != DIAG_ERROR && (d->accepted != 0) == accepted &&
		    ed_problem_at(e, d, r->g, r->node))
			return d;
	}
	return NULL;
}

/* Withdraw the acceptance of rule for item (a key) in g. */
void
ed_withdraw(struct doc_group *g, const char *rule, const char *item)
{
	for (size_t i = g->nacc; i-- > 0;)
		if (strcmp(g->acc[i].rule, rule) == 0 &&
		    strcmp(g->acc[i].item, item) == 0)
			doc_accept_remove(g, i);
}

/* Confirm the imported value of row r as it is (要確認 done): its mark
 * goes, as one undoable change. */
static void
ed_confirm(struct ed *e, struct ed_row *r, const struct doc_review *rv)
{
	struct ed_undo *u = ed_push_undo(e, UNDO_CONFIRM);

	u->path = doc_group_path(r->g);
	u->node = r->node;
	u->reason = xstrdup(rv->reason);
	doc_review_confirm(r->g, r->node);
	ed_validate(e);
	ed_message(
	        e, false, "%s",
	        _("confirmed: the imported value stays as it is (Ctrl-Z marks it again)"));
}

/* F4: confirm the focused item's imported value (要確認), or accept its
 * warning with a reason, or withdraw an acceptance. */
void
ed_key_accept(struct ed *e)
{
	struct diag *open = ed_focused_warning(e, false);
	struct diag *done = ed_focused_warning(e, true);
	struct ed_row *r = ed_focused(e);
	const struct doc_review *rv = r != NULL && r->kind == ROW_ITEM
	                                      ? doc_review_of(r->g, r->node)
	                                      : NULL;

	if (!ed_can_change(e))
		return;
	if (rv != NULL) {
		ed_confirm(e, r, rv);
		return;
	}
	if (open != NULL) {
		e->popup = POP_ACCEPT;
		sbuf_reset(&e->query);
		return;
	}
	if (done != NULL) {
		struct ed_undo *u = ed_push_undo(e, UNDO_WITHDRAW);

		u->path = doc_group_path(r->g);
		u->node = r->node;
		u->rule = xstrdup(done->rule);
		u->reason = xstrdup(done->note ? done->note : "");
		u->values = xstrdup(done->values ? done->values : "");
		ed_withdraw(r->g, done->rule, r->node->key);
		ed_validate(e);
		ed_message(e, false, "%s", _("the acceptance was withdrawn"));
		return;
	}
	ed_message(
	        e, false, "%s",
	        _("F4 accepts a warning of this item; it has none (errors must be corrected)"));
}

/* Record the acceptance of the focused warning with a reason. */
void
ed_accept(struct ed *e, const char *reason)
{
	struct diag *d = ed_focused_warning(e, false);
	struct ed_row *r = ed_focused(e);
	struct ed_undo *u;

	if (d == NULL || r == NULL)
		return;
	if (reason[0] == '\0') {
		ed_message(e, true, "%s",
		           _("a reason is needed to accept a warning"));
		return;
	}
	u = ed_push_undo(e, UNDO_ACCEPT);
	u->path = doc_group_path(r->g);
	u->node = r->node;
	u->rule = xstrdup(d->rule);
	u->reason = xstrdup(reason);
	u->values = xstrdup(d->values ? d->values : "");
	doc_accept_add(r->g, u->rule, r->node->key, reason, u->values);
	ed_validate(e);
	ed_message(e, false, _("accepted: %s"), reason);
}

struct ed_pkey {
	size_t sec;
	const char *rule;
	size_t idx;
};

/* Compare two problems by section, then rule, then position. */
static int
ed_pkey_cmp(const void *a, const void *b)
{
	const struct ed_pkey *x = a, *y = b;
	int c;

	if (x->sec != y->sec)
		return x->sec < y->sec ? -1 : 1;
	c = strcmp(x->rule, y->rule);
	if (c != 0)
		return c;
	return x->idx < y->idx ? -1 : x->idx > y->idx;
}

/* Build e->porder: problem indices grouped by section, then by rule. */
void
ed_order_problems(struct ed *e)
{
	size_t n = e->problems.n;
	struct ed_pkey *k = xcalloc(n + 1, sizeof *k);

	free(e->porder);
	e->porder = xcalloc(n + 1, sizeof *e->porder);
	for (size_t i = 0; i < n; i++) {
		struct diag *d = &e->problems.v[i];
		size_t s = ed_finding_section(e, i);

		k[i].sec = s == (size_t)-1 ? e->nsecs : s;
		k[i].rule = d->rule ? d->rule : "";
		k[i].idx = i;
	}
	if (n > 1)
		qsort(k, n, sizeof *k, ed_pkey_cmp);
	for (size_t i = 0; i < n; i++)
		e->porder[i] = k[i].idx;
	free(k);
}

/* Tell whether a finding is about item n of instance g and is shown. */
bool
ed_problem_at(const struct ed *e, const struct diag *d,
              const struct doc_group *g, const struct fdef_node *n)
{
	size_t i = (size_t)(d - e->problems.v);

	if (e->ploc == NULL || i >= e->problems.n)
		return false;
	return e->ploc[i].g == g && e->ploc[i].n == n &&
	       ed_shown_problem(e, d, e->cur);
}
