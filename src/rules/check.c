#include <config.h>
#include "check.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "name.h"
#include "rules.h"
#include "sbuf.h"
#include "xalloc.h"

/* Find the best file position for a node of an instance: its value, its
 * key, or the nearest enclosing mapping that was read from the file. */
void
check_position(const struct doc_group *g, const struct fdef_node *node,
               int *line, int *col)
{
	const struct doc_slot *s = node ? doc_slot(g, node) : NULL;

	if (s != NULL && s->val.line > 0) {
		*line = s->val.line;
		*col = s->val.col;
		return;
	}
	if (s != NULL && s->line > 0) {
		*line = s->line;
		*col = s->col;
		return;
	}
	for (; g != NULL; g = g->parent) {
		if (g->line > 0) {
			*line = g->line;
			*col = g->col;
			return;
		}
		if (g->parent != NULL &&
		    doc_slot(g->parent, g->def)->line > 0) {
			*line = doc_slot(g->parent, g->def)->line;
			*col = doc_slot(g->parent, g->def)->col;
			return;
		}
	}
	*line = 1;
	*col = 1;
}

struct check_ctx {
	const struct doc *d;
	const char *file;
	struct diag_list *out;
	const unsigned char *only;    /* NULL, or the nodes to check (by id) */
	const unsigned char *below;   /* nodes whose subtree has such a node */
	const struct doc_group *inst; /* NULL, or the only instance of its
	                                 repeat to check */
	size_t src;                   /* source tag of findings being added */
	/* The values the last check read in its last instance (a check
	 * reports one instance's findings one after another): counted,
	 * shared by those findings. */
	const struct fdef_check *fp_check;
	const struct doc_group *fp_scope;
	char *fp;
	/* Findings for printing only: they carry the values their rule read
	 * only where an acceptance has to be matched with them. */
	bool lean;
};

/* Mark a warning accepted when its item's group holds an acceptance for
 * the same rule and the same values. Takes values (counted). */
static void
check_accepted(struct diag *dg, const struct doc_group *g,
               const struct fdef_node *node, char *values)
{
	dg->values = values;
	if (dg->sev == DIAG_ERROR || values == NULL)
		return;
	for (size_t i = 0; i < g->nacc; i++) {
		const struct doc_accept *a = &g->acc[i];

		if (strcmp(a->rule, dg->rule) == 0 &&
		    strcmp(a->item, node->key) == 0 &&
		    strcmp(a->values, values) == 0) {
			free(dg->note);
			dg->accepted = 1;
			dg->note = xstrdup(a->reason);
		}
	}
}

/* Tell whether a finding of rule about node of instance g needs the
 * values its rule read: always, unless the findings are for printing only
 * (then only when g holds an acceptance of that rule for that item). */
static bool
check_wants_values(const struct check_ctx *cx, const struct doc_group *g,
                   const struct fdef_node *node, const char *rule)
{
	if (!cx->lean)
		return true;
	for (size_t i = 0; i < g->nacc; i++)
		if (strcmp(g->acc[i].rule, rule) == 0 &&
		    strcmp(g->acc[i].item, node->key) == 0)
			return true;
	return false;
}

/* Add a finding about a node of an instance; values (taken, counted, see
 * diag_values_new(); NULL when check_wants_values says they are not
 * needed) are what the rule read, for matching acceptances. */
static struct diag *
check_add(struct check_ctx *cx, enum diag_sev sev, const struct doc_group *g,
          const struct fdef_node *node, const char *rule, const char *msg,
          char *values)
{
	int line, col;
	char *ref = doc_ref_of(g, node);
	char *path = doc_path_of(g, node);
	char *name = name_item(g, node);
	struct diag *dg;

	check_position(g, node, &line, &col);
	dg = diag_add(cx->out, sev, cx->file, line, col, "%s", msg);
	dg->src = cx->src;
	diag_take_ref(dg, ref, rule, path);
	diag_take_name(dg, name);
	check_accepted(dg, g, node,
	               values != NULL || cx->lean ? values
	                                          : diag_values_new(""));
	return dg;
}

/* One item's value as the counted values of a finding. */
static char *
check_values(const struct fdef_node *n, const struct doc_value *v)
{
	char *s = doc_format_value(n, v);
	char *out = diag_values_new(s);

	free(s);
	return out;
}

/* Warn about an item hidden by a condition (its own, or that of the
 * section or block `hider` it is in) that still holds text. */
static void
check_hidden(struct check_ctx *cx, const struct doc_group *g,
             const struct fdef_node *n, const struct fdef_node *hider)
{
	const struct fdef_node *why = hider;
	char *msg;

	while (why != NULL && why->show == NULL && why->companion_of == NULL)
		why = why->parent;
	if (why != NULL && why->show_reason != NULL) {
		char *reason = doc_fill(g, why->show_reason);

		msg = xasprintf(
		        _("this item is hidden but still holds text: %s Clear it if it is no longer needed, or change that answer"),
		        reason);
		free(reason);
	} else if (n->companion_of != NULL)
		msg = xasprintf(
		        _("this text belongs to the checkbox 「%s」 of %s, which is not checked; check it or clear the text"),
		        n->companion_of->members[n->member].label,
		        n->companion_of->label);
	else
		msg = xstrdup(_(
		        "this item is hidden by an answer above it but still holds text; clear it if it is no longer needed"));
	check_add(cx, DIAG_WARNING, g, n, "hidden", msg,
	          check_wants_values(cx, g, n, "hidden")
	                  ? check_values(n, &doc_slot(g, n)->val)
	                  : NULL);
	free(msg);
}

/* Warn about the first item holding text in a section or block hidden by
 * hider's condition (one warning per hidden block is enough). */
static bool
check_hidden_in(struct check_ctx *cx, const struct doc_group *g,
                const struct fdef_node *hider)
{
	for (size_t i = 0; i < g->def->nkids; i++) {
		const struct fdef_node *n = g->def->kids[i];
		const struct doc_slot *s = &g->slots[i];

		if (!fdef_in_version(n, cx->d->version))
			continue;
		if (n->kind == FDEF_ITEM && !doc_value_blank(&s->val)) {
			check_hidden(cx, g, n, hider);
			return true;
		}
		if (n->kind == FDEF_GROUP && check_hidden_in(cx, s->grp, hider))
			return true;
		if (n->kind == FDEF_REPEAT)
			for (size_t j = 0; j < s->ninst; j++)
				if (check_hidden_in(cx, s->inst[j], hider))
					return true;
	}
	return false;
}

/* Warn about an item that `hyoka import` read with doubt and that nobody
 * has confirmed or changed since (要確認). */
static void
check_review(struct check_ctx *cx, const struct doc_group *g,
             const struct fdef_node *n)
{
	const struct doc_review *rv = doc_review_of(g, n);
	char *msg;

	if (rv == NULL)
		return;
	msg = rv->reason[0] != '\0'
	              ? xasprintf(_("imported and not confirmed: %s. Compare "
	                            "it with the source, then correct or "
	                            "confirm it"),
	                          rv->reason)
	              : xstrdup(_("imported and not confirmed. Compare it "
	                          "with the source, then correct or confirm "
	                          "it"));
	check_add(cx, DIAG_WARNING, g, n, CHECK_REVIEW_RULE, msg,
	          check_wants_values(cx, g, n, CHECK_REVIEW_RULE)
	                  ? check_values(n, &doc_slot(g, n)->val)
	                  : NULL);
	free(msg);
}

/* Check the items of one instance and recurse into its sub-instances. */
static void
check_group(struct check_ctx *cx, const struct doc_group *g)
{
	for (size_t i = 0; i < g->def->nkids; i++) {
		const struct fdef_node *n = g->def->kids[i];
		const struct doc_slot *s = &g->slots[i];
		size_t last;

		/* In a partial check, skip subtrees without a changed node. */
		if (cx->below != NULL && !cx->below[n->id])
			continue;
		if (n->kind == FDEF_ITEM &&
		    (cx->only == NULL || cx->only[n->id]))
			check_review(cx, g, n);
		if (!doc_visible(cx->d, g, n)) {
			if (cx->only != NULL && !cx->only[n->id])
				continue;
			if (!fdef_in_version(n, cx->d->version) ||
			    !doc_group_visible(cx->d, g))
				continue;
			if (n->kind == FDEF_ITEM && !doc_value_blank(&s->val))
				check_hidden(cx, g, n, n);
			else if (n->kind == FDEF_GROUP)
				check_hidden_in(cx, s->grp, n);
			else if (n->kind == FDEF_REPEAT)
				for (size_t j = 0; j < s->ninst; j++)
					if (cx->inst == NULL ||
					    n != cx->inst->def ||
					    s->inst[j] == cx->inst)
						check_hidden_in(cx, s->inst[j],
						                n);
			continue;
		}
		switch (n->kind) {
		case FDEF_GROUP:
			check_group(cx, s->grp);
			break;
		case FDEF_REPEAT:
			if (s->ninst < n->min &&
			    (cx->only == NULL || cx->only[n->id])) {
				char *name = name_item(g, n);
				char *ref = doc_ref_of(g, n);
				char *star = strchr(ref, '*');
				char *msg = xasprintf(
				        _("at least %zu entry is needed; add one"),
				        n->min);
				struct diag *dg;
				int line, col;

				check_position(g, n, &line, &col);
				dg = diag_add(cx->out, DIAG_ERROR, cx->file,
				              line, col, "%s", msg);
				/* The reference of the repeat, not of one
				 * block: I-2, not I-2-システム*. */
				if (star != NULL) {
					*star = '\0';
					if (strrchr(ref, '-') != NULL)
						*strrchr(ref, '-') = '\0';
				}
				{
					/* The path of the repeat: the editor
					 * offers to add a block there. */
					char *path = doc_path_of(g, n);

					diag_set_ref(dg, ref, "min", path);
					free(path);
				}
				diag_set_name(dg, name);
				free(msg);
				free(name);
				free(ref);
			}
			/* An empty block before a filled one is a number left
			 * unused, as the printed form skips システム3-5 to
			 * print システム6: nothing in it is missing. */
			last = s->ninst;
			while (last > 0 && doc_group_empty(s->inst[last - 1]))
				last--;
			for (size_t j = 0; j < s->ninst; j++)
				if ((cx->inst == NULL || n != cx->inst->def ||
				     s->inst[j] == cx->inst) &&
				    (j + 1 >= last ||
				     !doc_group_empty(s->inst[j])))
					check_group(cx, s->inst[j]);
			break;
		case FDEF_ITEM:
			if (cx->only != NULL && !cx->only[n->id])
				break;
			/* The name that goes with every finding says which
			 * item (and which risk). */
			if (doc_value_empty(&s->val) &&
			    doc_required(cx->d, g, n))
				check_add(
				        cx, DIAG_ERROR, g, n, "required",
				        _("not filled in; this item is required"),
				        NULL);
			break;
		}
	}
}

/* Report a finding of a form check. */
static void
check_report(void *arg, const struct fdef_check *c, enum diag_sev sev,
             const struct doc_group *scope, const struct doc_group *g,
             const struct fdef_node *at, const char *msg)
{
	struct check_ctx *cx = arg;

	if (sev == DIAG_ERROR) {
		check_add(cx, sev, g, at, c->id, msg, NULL)->scope = scope;
		return;
	}
	if (!check_wants_values(cx, g, at, c->id)) {
		check_add(cx, sev, g, at, c->id, msg, NULL)->scope = scope;
		return;
	}
	if (cx->fp == NULL || cx->fp_check != c || cx->fp_scope != scope) {
		char *fp = rules_fingerprint(cx->d, c, scope);

		diag_values_unref(cx->fp);
		cx->fp = diag_values_new(fp);
		cx->fp_check = c;
		cx->fp_scope = scope;
		free(fp);
	}
	check_add(cx, sev, g, at, c->id, msg, diag_values_ref(cx->fp))->scope =
	        scope;
}

/* Keep in m (when not NULL) the change log a run resolved and mark the
 * items it names; a log of m lent to the run stays when log_same, any
 * other is dropped. */
static void
check_memo_keep(struct check_memo *m, struct rules_shared *sh, bool log_same)
{
	struct resolve_log log;

	if (m == NULL)
		return;
	if (m->named != NULL)
		rules_log_named(sh, m->named);
	if (rules_shared_take(sh, &log)) {
		check_memo_fini(m);
		m->log = log;
		m->have_log = true;
	} else if (!log_same) {
		check_memo_fini(m);
	}
}

/* Free the change log an editor kept (not the marks). */
void
check_memo_fini(struct check_memo *m)
{
	if (m->have_log)
		resolve_log_fini(&m->log);
	m->have_log = false;
}

/* Check a whole document (lean: check_doc_lean; m: check_doc_memo);
 * findings are appended to out, sorted by position. */
static void
check_doc_as(const struct doc *d, const char *file, struct diag_list *out,
             bool lean, struct check_memo *m)
{
	struct check_ctx cx = {d, file, out,  NULL, NULL, NULL,
	                       0, NULL, NULL, NULL, lean};
	struct rules_shared sh;

	check_group(&cx, d->root);
	rules_shared_init(&sh, d);
	for (size_t i = 0; i < d->fd->nchecks; i++) {
		cx.src = i + 1;
		rules_run(&sh, &d->fd->checks[i], check_report, &cx);
	}
	check_memo_keep(m, &sh, false);
	rules_shared_fini(&sh);
	diag_values_unref(cx.fp);
	diag_sort(out);
}

/* Check a whole document; findings are appended to out, sorted by position. */
void
check_doc(const struct doc *d, const char *file, struct diag_list *out)
{
	check_doc_as(d, file, out, false, NULL);
}

/* Check a whole document for printing the findings: as check_doc, but a
 * finding carries the values its rule read (d->values) only when an
 * acceptance has to be matched with them, which saves computing them for
 * every finding. */
void
check_doc_lean(const struct doc *d, const char *file, struct diag_list *out)
{
	check_doc_as(d, file, out, true, NULL);
}

/* check_doc(), and with m, keep in it the change log resolved and mark
 * the items it names. */
void
check_doc_memo(const struct doc *d, const char *file, struct diag_list *out,
               struct check_memo *m)
{
	check_doc_as(d, file, out, false, m);
}

/* Tell whether node n is r or lies below it. No memory. */
static bool
check_below(const struct fdef_node *n, const struct fdef_node *r)
{
	for (; n != NULL; n = n->parent)
		if (n == r)
			return true;
	return false;
}

/* Note that a condition reads the repeat of instances it is about
 * (any(files, ...)): it sees every instance, not only its own. */
static void
check_reads_repeat(void *arg, const struct fdef_node *n)
{
	const struct fdef_node **r = arg;

	if (n == r[0])
		r[1] = n;
}

/* Tell whether a condition reads the repeat r (see check_reads_repeat). */
static bool
check_cond_reads(const struct cond *c, const struct fdef_node *r)
{
	const struct fdef_node *arg[2] = {r, NULL};

	cond_reads(c, check_reads_repeat, arg);
	return arg[1] != NULL;
}

/* Tell whether form check c, run in one instance of the outermost
 * repeat r, reads nothing of the other instances: its scope lies in r,
 * it reads no document-wide record (the threshold over all files, the
 * change log, the baseline) and not r itself (any(files, ...)). */
static bool
check_confined(const struct fdef_check *c, const struct fdef_node *r)
{
	if (c->reads_all || !check_below(c->scope, r))
		return false;
	switch (c->kind) {
	case CK_THRESHOLD:
	case CK_CHANGE_TIMING:
	case CK_CHANGE_REF:
	case CK_CHANGE_CURRENT:
	case CK_CHANGE_BASELINE:
		return false;
	default:
		break;
	}
	for (size_t i = 0; i < c->nreads; i++)
		if (c->reads[i] == r)
			return false;
	return true;
}

/* Find the instance of the outermost repeat to which the findings of a
 * change of an item of instance g are confined (one 特定個人情報ファイル),
 * and mark in checks (CHECK_ALL where nonzero) the form checks that may
 * run only there with CHECK_INSTANCE. NULL when the change reaches
 * further: an affected node (in nodes) outside that instance's repeat or
 * read across its instances, or another instance of it empty (whether
 * an empty block is a number left unused depends on the blocks after
 * it). Borrowed. */
const struct doc_group *
check_local(const struct doc *d, const struct doc_group *g,
            const unsigned char *nodes, unsigned char *checks)
{
	const struct doc_group *inst = NULL;
	const struct fdef_node *r;
	const struct doc_slot *s;

	for (const struct doc_group *h = g; h != NULL; h = h->parent)
		if (h->parent != NULL && h->def->kind == FDEF_REPEAT)
			inst = h;
	if (inst == NULL)
		return NULL;
	r = inst->def;
	for (size_t i = 0; i < d->fd->nall; i++) {
		const struct fdef_node *n = d->fd->all[i];

		if (!nodes[i])
			continue;
		if (!check_below(n, r) || check_cond_reads(n->show, r) ||
		    check_cond_reads(n->required, r))
			return NULL;
	}
	s = doc_slot(inst->parent, r);
	for (size_t j = 0; j < s->ninst; j++)
		if (s->inst[j] != inst && doc_group_empty(s->inst[j]))
			return NULL;
	for (size_t c = 0; c < d->fd->nchecks; c++)
		if (checks[c] && check_confined(&d->fd->checks[c], r))
			checks[c] = CHECK_INSTANCE;
	return inst;
}

/* Tell whether instance g (a doc_group) lies in another instance of
 * inst's repeat than inst: a partial check confined to inst leaves its
 * findings as they are. No memory. */
bool
check_elsewhere(const void *g, const struct doc_group *inst)
{
	if (inst == NULL)
		return false;
	for (const struct doc_group *h = g; h != NULL; h = h->parent)
		if (h->def == inst->def)
			return h != inst;
	return false;
}

/* Check again only what a change can affect: the structural findings of
 * the nodes marked in nodes (by id) and the form checks marked in checks
 * (by index, enum check_again); with inst (check_local()), in the other
 * instances of its repeat nothing runs again. Findings are appended to
 * out, unsorted. With m (check_doc_memo()): its change log is used
 * again when log_same (no row, name or block changed since), else
 * replaced by the one resolved now or dropped. */
void
check_partial(const struct doc *d, const char *file, const unsigned char *nodes,
              const unsigned char *checks, const struct doc_group *inst,
              struct check_memo *m, bool log_same, struct diag_list *out)
{
	unsigned char *below = xcalloc(d->fd->nall + 1, 1);
	struct check_ctx cx = {d, file, out,  nodes, below, inst,
	                       0, NULL, NULL, NULL,  false};
	struct rules_shared sh;

	for (size_t i = 0; i < d->fd->nall; i++)
		if (nodes[i])
			for (const struct fdef_node *n = d->fd->all[i];
			     n != NULL; n = n->parent)
				below[n->id] = 1;
	check_group(&cx, d->root);
	rules_shared_init(&sh, d);
	if (m != NULL && m->have_log && log_same)
		rules_shared_lend(&sh, &m->log);
	for (size_t i = 0; i < d->fd->nchecks; i++) {
		if (checks[i] == CHECK_KEEP)
			continue;
		cx.src = i + 1;
		if (checks[i] == CHECK_INSTANCE && inst != NULL)
			rules_run_in(&sh, &d->fd->checks[i], inst, check_report,
			             &cx);
		else
			rules_run(&sh, &d->fd->checks[i], check_report, &cx);
	}
	check_memo_keep(m, &sh, log_same);
	rules_shared_fini(&sh);
	diag_values_unref(cx.fp);
	free(below);
}

/* Say whether the guided walk (Ctrl-N) stops at finding d: an error, or
 * an imported value still to be confirmed (要確認). No memory. */
bool
check_stops_walk(const struct diag *d)
{
	return d->sev == DIAG_ERROR ||
	       (d->rule != NULL && strcmp(d->rule, CHECK_REVIEW_RULE) == 0);
}

/* Tell whether acceptance a of g matched one of the findings in dl. */
static bool
check_accept_matched(const struct doc_group *g, const struct doc_accept *a,
                     const struct diag_list *dl)
{
	const struct fdef_node *n = fdef_child(g->def, a->item);
	char *path = n ? doc_path_of(g, n) : NULL;
	bool found = false;

	for (size_t i = 0; path != NULL && i < dl->n && !found; i++) {
		const struct diag *d = &dl->v[i];

		found = d->accepted && d->path != NULL && d->rule != NULL &&
		        d->values != NULL && strcmp(d->path, path) == 0 &&
		        strcmp(d->rule, a->rule) == 0 &&
		        strcmp(d->values, a->values) == 0;
	}
	free(path);
	return found;
}

/* Drop, in g and below, the acceptances that matched none of the
 * findings in dl. */
static void
check_prune_group(struct doc_group *g, const struct diag_list *dl)
{
	for (size_t i = g->nacc; i-- > 0;)
		if (!check_accept_matched(g, &g->acc[i], dl))
			doc_accept_remove(g, i);
	for (size_t i = 0; i < g->def->nkids; i++) {
		struct doc_slot *s = &g->slots[i];

		if (s->grp != NULL)
			check_prune_group(s->grp, dl);
		for (size_t j = 0; j < s->ninst; j++)
			check_prune_group(s->inst[j], dl);
	}
}

/* Tell whether g or a group below it holds an acceptance. No memory. */
static bool
check_any_accept(const struct doc_group *g)
{
	if (g->nacc > 0)
		return true;
	for (size_t i = 0; i < g->def->nkids; i++) {
		const struct doc_slot *s = &g->slots[i];

		if (s->grp != NULL && check_any_accept(s->grp))
			return true;
		for (size_t j = 0; j < s->ninst; j++)
			if (check_any_accept(s->inst[j]))
				return true;
	}
	return false;
}

/* Drop acceptances whose warning is gone or whose values changed; run
 * before saving so that an acceptance never outlives what it was for.
 * A document without acceptances is not checked. */
void
check_prune_accepts(struct doc *d)
{
	struct diag_list dl;

	if (!check_any_accept(d->root))
		return;
	diag_list_init(&dl);
	check_doc(d, NULL, &dl);
	check_prune_group(d->root, &dl);
	diag_list_fini(&dl);
}
