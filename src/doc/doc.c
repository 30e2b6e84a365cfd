#include <config.h>
#include "doc.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "sbuf.h"
#include "xalloc.h"
#include "ytree.h"

/* Make an instance of a group (or repeat instance) with its sub-groups. */
struct doc_group *
doc_group_new(const struct fdef_node *def, struct doc_group *parent,
              size_t index)
{
	struct doc_group *g = xcalloc(1, sizeof *g);

	g->def = def;
	g->parent = parent;
	g->index = index;
	g->slots = xcalloc(def->nkids ? def->nkids : 1, sizeof *g->slots);
	for (size_t i = 0; i < def->nkids; i++)
		if (def->kids[i]->kind == FDEF_GROUP)
			g->slots[i].grp = doc_group_new(def->kids[i], g, 0);
	return g;
}

/* Free a value's strings and leave it empty. */
void
doc_value_clear(struct doc_value *v)
{
	for (size_t i = 0; i < v->n; i++)
		free(v->v[i]);
	free(v->v);
	v->v = NULL;
	v->n = 0;
}

/* Replace a value's strings with strs (n of them); takes ownership. */
void
doc_value_take(struct doc_value *v, char **strs, size_t n)
{
	doc_value_clear(v);
	v->v = strs;
	v->n = n;
}

/* Free a group instance, its subtree and its kept keys; nulls the pointer. */
void
doc_group_free(struct doc_group **gp)
{
	struct doc_group *g = gp ? *gp : NULL;

	if (g == NULL)
		return;
	for (size_t i = 0; i < g->def->nkids; i++) {
		struct doc_slot *s = &g->slots[i];

		doc_value_clear(&s->val);
		doc_group_free(&s->grp);
		for (size_t j = 0; j < s->ninst; j++)
			doc_group_free(&s->inst[j]);
		free(s->inst);
	}
	free(g->slots);
	for (size_t i = 0; i < g->nextra; i++) {
		free(g->extra[i].key);
		ytree_free(&g->extra[i].val);
	}
	free(g->extra);
	for (size_t i = 0; i < g->nacc; i++) {
		free(g->acc[i].rule);
		free(g->acc[i].item);
		free(g->acc[i].reason);
		free(g->acc[i].values);
	}
	free(g->acc);
	for (size_t i = 0; i < g->nrev; i++) {
		free(g->rev[i].item);
		free(g->rev[i].reason);
	}
	free(g->rev);
	free(g);
	*gp = NULL;
}

/* Make an empty document of a form version; caller frees with doc_free(). */
struct doc *
doc_new(const struct fdef *fd, size_t version)
{
	struct doc *d = xcalloc(1, sizeof *d);

	d->fd = fd;
	d->version = version;
	d->root = doc_group_new(fd->root, NULL, 0);
	return d;
}

/* Tell whether an instance holds no value at all, also in its sections
 * and blocks. */
bool
doc_group_empty(const struct doc_group *g)
{
	for (size_t i = 0; i < g->def->nkids; i++) {
		const struct fdef_node *n = g->def->kids[i];
		const struct doc_slot *s = &g->slots[i];

		if (n->kind == FDEF_ITEM && !doc_value_empty(&s->val))
			return false;
		if (n->kind == FDEF_GROUP && !doc_group_empty(s->grp))
			return false;
		if (n->kind == FDEF_REPEAT && s->ninst > 0)
			return false;
	}
	return true;
}

/* Give every repeat in g and below its minimum number of entries. */
static void
doc_fill_min(struct doc *d, struct doc_group *g)
{
	for (size_t i = 0; i < g->def->nkids; i++) {
		const struct fdef_node *n = g->def->kids[i];
		struct doc_slot *s = &g->slots[i];

		if (n->kind == FDEF_GROUP)
			doc_fill_min(d, s->grp);
		if (n->kind != FDEF_REPEAT)
			continue;
		while (s->ninst < n->min)
			doc_add_instance(d, g, n, s->ninst, NULL);
		for (size_t j = 0; j < s->ninst; j++)
			doc_fill_min(d, s->inst[j]);
	}
}

/* Make a new, blank assessment: like doc_new() with every repeat holding
 * its minimum number of entries (one file, システム1). Caller frees. */
struct doc *
doc_new_blank(const struct fdef *fd, size_t version)
{
	struct doc *d = doc_new(fd, version);

	doc_fill_min(d, d->root);
	return d;
}

/* Free a document and null the pointer. */
void
doc_free(struct doc **dp)
{
	struct doc *d = dp ? *dp : NULL;

	if (d == NULL)
		return;
	doc_group_free(&d->root);
	for (size_t i = 0; i < d->nextra; i++) {
		free(d->extra[i].key);
		ytree_free(&d->extra[i].val);
	}
	free(d->extra);
	free(d->base_file);
	free(d->base_published);
	free(d);
	*dp = NULL;
}

/* The slot of a child node in a group instance. Borrowed. */
struct doc_slot *
doc_slot(const struct doc_group *g, const struct fdef_node *node)
{
	return &g->slots[node->index];
}

/* Tell whether a value holds nothing. */
bool
doc_value_empty(const struct doc_value *v)
{
	for (size_t i = 0; i < v->n; i++)
		if (v->v[i][0] != '\0')
			return false;
	return true;
}

/* Tell whether a value says nothing: empty, or only a "nothing to state"
 * mark such as —, ――, - or ー (R18). */
bool
doc_value_blank(const struct doc_value *v)
{
	static const char *const marks[] = {"—",  "――", "―", "-",
	                                    "－", "ー", "‐", NULL};

	if (doc_value_empty(v))
		return true;
	if (v->n != 1)
		return false;
	for (size_t i = 0; marks[i] != NULL; i++)
		if (strcmp(v->v[0], marks[i]) == 0)
			return true;
	return false;
}

/* Fill the repeat indices (0-based) of an instance chain, outermost first. */
size_t
doc_indices(const struct doc_group *g, size_t *idx, size_t max)
{
	size_t n = 0, tmp[DOC_MAX_DEPTH];

	for (; g != NULL; g = g->parent)
		if (g->def->kind == FDEF_REPEAT && n < DOC_MAX_DEPTH)
			tmp[n++] = g->index;
	for (size_t i = 0; i < n && i < max; i++)
		idx[i] = tmp[n - 1 - i];
	return n < max ? n : max;
}

/* The concrete path of a node in an instance (files.1.outline.name). */
char *
doc_path_of(const struct doc_group *g, const struct fdef_node *node)
{
	size_t idx[DOC_MAX_DEPTH], n = doc_indices(g, idx, DOC_MAX_DEPTH);

	return fdef_fill_stars(node->path, idx, n);
}

/* A text of the form (a reason, a reference) with each * replaced by the
 * numbers of the blocks of instance g: 委託事項* becomes 委託事項2. Caller
 * frees. */
char *
doc_fill(const struct doc_group *g, const char *tmpl)
{
	size_t idx[DOC_MAX_DEPTH], n = doc_indices(g, idx, DOC_MAX_DEPTH);
	size_t stars = 0;

	/* Texts leave out the file (F*:), so their stars are the innermost
	 * blocks: use the last indices. */
	for (const char *p = tmpl; *p; p++)
		stars += *p == '*';
	if (stars < n)
		return fdef_fill_stars(tmpl, idx + (n - stars), stars);
	return fdef_fill_stars(tmpl, idx, n);
}

/* The official reference of a node in an instance (F1:II-4-委託事項2-④). */
char *
doc_ref_of(const struct doc_group *g, const struct fdef_node *node)
{
	size_t idx[DOC_MAX_DEPTH], n = doc_indices(g, idx, DOC_MAX_DEPTH);

	return fdef_ref_at(node, idx, n);
}

/* Insert a new empty instance of a repeat at position at; NULL if full. */
struct doc_group *
doc_add_instance(struct doc *d, struct doc_group *g,
                 const struct fdef_node *repeat, size_t at, char **err)
{
	struct doc_slot *s = doc_slot(g, repeat);
	struct doc_group *inst;

	(void)d;
	if (s->ninst >= repeat->max) {
		if (err != NULL) {
			char *label = fdef_label_at(repeat, NULL, 0);

			*err = xasprintf(_("%s can have at most %zu entries"),
			                 repeat->title ? repeat->title : label,
			                 repeat->max);
			free(label);
		}
		return NULL;
	}
	if (at > s->ninst)
		at = s->ninst;
	inst = doc_group_new(repeat, g, at);
	s->inst = xreallocarray(s->inst, s->ninst + 1, sizeof *s->inst);
	memmove(&s->inst[at + 1], &s->inst[at],
	        (s->ninst - at) * sizeof *s->inst);
	s->inst[at] = inst;
	s->ninst++;
	doc_renumber(s);
	return inst;
}

/* Renumber the instances of a repeat slot after a change of order. */
void
doc_renumber(struct doc_slot *s)
{
	for (size_t i = 0; i < s->ninst; i++)
		s->inst[i]->index = i;
}

/* Remove and free the instance at position at of a repeat. */
void
doc_remove_instance(struct doc_group *g, const struct fdef_node *repeat,
                    size_t at)
{
	struct doc_slot *s = doc_slot(g, repeat);

	if (at >= s->ninst)
		return;
	doc_group_free(&s->inst[at]);
	memmove(&s->inst[at], &s->inst[at + 1],
	        (s->ninst - at - 1) * sizeof *s->inst);
	s->ninst--;
	doc_renumber(s);
}

static size_t doc_parse_index(const char *s);

/* Put an existing instance back into a repeat at position at (undo of a
 * removal); takes ownership of inst. */
void
doc_insert_instance(struct doc_group *g, const struct fdef_node *repeat,
                    size_t at, struct doc_group *inst)
{
	struct doc_slot *s = doc_slot(g, repeat);

	if (at > s->ninst)
		at = s->ninst;
	s->inst = xreallocarray(s->inst, s->ninst + 1, sizeof *s->inst);
	memmove(&s->inst[at + 1], &s->inst[at],
	        (s->ninst - at) * sizeof *s->inst);
	s->inst[at] = inst;
	inst->parent = g;
	s->ninst++;
	doc_renumber(s);
}

/* Take the instance at position at out of a repeat without freeing it;
 * the caller owns the result. */
struct doc_group *
doc_detach_instance(struct doc_group *g, const struct fdef_node *repeat,
                    size_t at)
{
	struct doc_slot *s = doc_slot(g, repeat);
	struct doc_group *inst;

	if (at >= s->ninst)
		return NULL;
	inst = s->inst[at];
	memmove(&s->inst[at], &s->inst[at + 1],
	        (s->ninst - at - 1) * sizeof *s->inst);
	s->ninst--;
	doc_renumber(s);
	return inst;
}

/* Swap the instances at positions a and b of a repeat. */
void
doc_swap_instances(struct doc_group *g, const struct fdef_node *repeat,
                   size_t a, size_t b)
{
	struct doc_slot *s = doc_slot(g, repeat);
	struct doc_group *t;

	if (a >= s->ninst || b >= s->ninst)
		return;
	t = s->inst[a];
	s->inst[a] = s->inst[b];
	s->inst[b] = t;
	doc_renumber(s);
}

/* The concrete path of a group instance (files.1.outline); caller frees. */
char *
doc_group_path(const struct doc_group *g)
{
	if (g->parent == NULL)
		return xstrdup("");
	return doc_path_of(g, g->def);
}

/* Find a group instance by the path doc_group_path() gave; NULL if gone. */
struct doc_group *
doc_find_group(struct doc *d, const char *path)
{
	char *copy = xstrdup(path), *save = NULL;
	struct doc_group *g = d->root;

	for (char *tok = strtok_r(copy, ".", &save); tok != NULL && g != NULL;
	     tok = strtok_r(NULL, ".", &save)) {
		const struct fdef_node *kid = fdef_child(g->def, tok);
		struct doc_slot *s;

		if (kid == NULL || kid->kind == FDEF_ITEM) {
			g = NULL;
			break;
		}
		s = doc_slot(g, kid);
		if (kid->kind == FDEF_GROUP) {
			g = s->grp;
			continue;
		}
		tok = strtok_r(NULL, ".", &save);
		{
			size_t k = tok ? doc_parse_index(tok) : 0;

			g = k >= 1 && k <= s->ninst ? s->inst[k - 1] : NULL;
		}
	}
	free(copy);
	return g;
}

/* Parse a 1-based instance number; 0 when it is not one. */
static size_t
doc_parse_index(const char *s)
{
	size_t v = 0;

	if (*s == '\0' || *s == '0')
		return 0;
	for (; *s; s++) {
		if (!isdigit((unsigned char)*s) || v > 100000)
			return 0;
		v = v * 10 + (size_t)(*s - '0');
	}
	return v;
}

/* Resolve a concrete path. DOC_APPEND adds the next entry of a repeat
 * (number count+1), never a gap of empty ones; DOC_PROBE adds every
 * missing one, to tell whether a path names an item at all. False with
 * *err (caller frees) when it cannot. */
bool
doc_resolve(struct doc *d, const char *path, enum doc_make create,
            struct doc_ptr *out, char **err)
{
	char *copy = xstrdup(path), *save = NULL, *tok;
	struct doc_group *g = d->root;
	const struct fdef_node *node = NULL;
	bool ok = false;

	*err = NULL;
	tok = strtok_r(copy, ".", &save);
	while (tok != NULL) {
		const struct fdef_node *kid = fdef_child(g->def, tok);
		struct doc_slot *s;

		if (kid == NULL || !fdef_in_version(kid, d->version)) {
			*err = xasprintf(
			        _("unknown item \"%s\" in path \"%s\" (see `hyoka fields`)"),
			        tok, path);
			goto out;
		}
		s = doc_slot(g, kid);
		tok = strtok_r(NULL, ".", &save);
		if (kid->kind == FDEF_ITEM) {
			if (tok != NULL) {
				*err = xasprintf(
				        _("\"%s\" is an item; nothing can follow it in path \"%s\""),
				        kid->key, path);
				goto out;
			}
			node = kid;
			break;
		}
		if (kid->kind == FDEF_GROUP) {
			if (tok == NULL) {
				*err = xasprintf(
				        _("\"%s\" is a section, not an item; add the item's key"),
				        path);
				goto out;
			}
			g = s->grp;
			continue;
		}
		{
			size_t k = tok ? doc_parse_index(tok) : 0;

			if (k == 0) {
				*err = xasprintf(
				        _("\"%s\" is a repeat block; give the number of the entry (1 to %zu) after it"),
				        kid->key, kid->max);
				goto out;
			}
			if (k > kid->max) {
				*err = xasprintf(
				        _("%s can have at most %zu entries (path \"%s\")"),
				        kid->title ? kid->title : kid->label,
				        kid->max, path);
				goto out;
			}
			if (k > s->ninst + 1 && create == DOC_APPEND) {
				*err = xasprintf(
				        _("entry %zu of \"%s\" cannot be made: there are %zu, so the next one is number %zu"),
				        k, kid->key, s->ninst, s->ninst + 1);
				goto out;
			}
			if (k > s->ninst) {
				if (create == DOC_FIND) {
					*err = xasprintf(
					        _("entry %zu of \"%s\" does not exist (there are %zu)"),
					        k, kid->key, s->ninst);
					goto out;
				}
				while (s->ninst < k)
					doc_add_instance(d, g, kid, s->ninst,
					                 NULL);
			}
			g = s->inst[k - 1];
			tok = strtok_r(NULL, ".", &save);
			if (tok == NULL) {
				*err = xasprintf(
				        _("\"%s\" is a block, not an item; add the item's key"),
				        path);
				goto out;
			}
		}
	}
	if (node == NULL) {
		if (*err == NULL)
			*err = xasprintf(_("\"%s\" does not name an item"),
			                 path);
		goto out;
	}
	out->g = g;
	out->node = node;
	ok = true;
out:
	free(copy);
	return ok;
}

/* Store a new value (taking its strings) at a resolved pointer.
 * Returns true when the value changed. */
bool
doc_set(struct doc *d, const struct doc_ptr *p, struct doc_value *v)
{
	struct doc_slot *s = doc_slot(p->g, p->node);
	bool same = s->val.n == v->n;

	(void)d;
	for (size_t i = 0; same && i < v->n; i++)
		same = strcmp(s->val.v[i], v->v[i]) == 0;
	if (same) {
		doc_value_clear(v);
		return false;
	}
	doc_value_take(&s->val, v->v, v->n);
	v->v = NULL;
	v->n = 0;
	/* An edited value needs no confirming any more. */
	doc_review_confirm(p->g, p->node);
	return true;
}

/* Find the instance that holds node's slot, seen from instance g; NULL
 * when node lies inside a repeat that g is not part of. Borrowed. */
const struct doc_group *
doc_holder(const struct doc_group *g, const struct fdef_node *node)
{
	const struct fdef_node *target = node->parent;

	for (const struct doc_group *h = g; h != NULL; h = h->parent) {
		const struct fdef_node *chain[32];
		size_t n = 0;
		const struct fdef_node *t = target;

		while (t != NULL && t != h->def && n < 32) {
			if (t->kind == FDEF_REPEAT)
				break;
			chain[n++] = t;
			t = t->parent;
		}
		if (t != h->def)
			continue;
		for (size_t i = n; i > 0; i--)
			h = doc_slot(h, chain[i - 1])->grp;
		return h;
	}
	return NULL;
}

static const struct doc_value doc_empty_value = {NULL, 0, 0, 0};

/* The value of node seen from instance g, empty when hidden. Borrowed. */
const struct doc_value *
doc_effective(const struct doc *d, const struct doc_group *g,
              const struct fdef_node *node)
{
	const struct doc_group *h = doc_holder(g, node);

	if (h == NULL || !doc_visible(d, h, node))
		return &doc_empty_value;
	return &doc_slot(h, node)->val;
}

/* Condition callback: the value of an item seen from an instance. */
static void
doc_env_get(void *ctx, const void *inst, const struct fdef_node *node,
            struct cond_value *out)
{
	const struct doc_value *v = doc_effective(ctx, inst, node);

	switch (fdef_types[node->type].shape) {
	case FS_LIST:
		out->type = CONDV_SET;
		out->set = v->v;
		out->nset = v->n;
		break;
	case FS_BOOL:
		out->type = CONDV_BOOL;
		out->b = v->n > 0;
		break;
	case FS_NUMBER:
		out->type = CONDV_NUM;
		out->n = v->n > 0 ? strtol(v->v[0], NULL, 10) : 0;
		break;
	default:
		out->type = CONDV_STR;
		out->s = v->n > 0 ? v->v[0] : "";
		break;
	}
}

/* Condition callback: instances of a repeat (or rows of a table). */
static size_t
doc_env_count(void *ctx, const void *inst, const struct fdef_node *node)
{
	const struct doc_group *h = doc_holder(inst, node);

	if (h == NULL || !doc_visible(ctx, h, node))
		return 0;
	if (node->kind == FDEF_REPEAT)
		return doc_slot(h, node)->ninst;
	if (fdef_types[node->type].shape == FS_ROWS)
		return doc_slot(h, node)->val.n / node->ncolumns;
	return doc_value_empty(&doc_slot(h, node)->val) ? 0 : 1;
}

/* Condition callback: one instance of a repeat. */
static const void *
doc_env_instance(void *ctx, const void *inst, const struct fdef_node *node,
                 size_t i)
{
	const struct doc_group *h = doc_holder(inst, node);

	(void)ctx;
	return doc_slot(h, node)->inst[i];
}

/* Record that a warning of rule about item (a key of g) is accepted for
 * reason while the rule reads values; replaces an earlier acceptance. */
void
doc_accept_add(struct doc_group *g, const char *rule, const char *item,
               const char *reason, const char *values)
{
	size_t i;

	for (i = 0; i < g->nacc; i++)
		if (strcmp(g->acc[i].rule, rule) == 0 &&
		    strcmp(g->acc[i].item, item) == 0)
			break;
	doc_accept_put(g, i, rule, item, reason, values);
}

/* Store an acceptance at index at of g's list: a new one at the end when
 * at == g->nacc, else a replacement of the reason and values there. */
void
doc_accept_put(struct doc_group *g, size_t at, const char *rule,
               const char *item, const char *reason, const char *values)
{
	struct doc_accept *a;

	if (at >= g->nacc) {
		if ((g->nacc & (g->nacc - 1)) == 0)
			g->acc =
			        xreallocarray(g->acc, g->nacc ? g->nacc * 2 : 1,
			                      sizeof *g->acc);
		a = &g->acc[g->nacc++];
		a->rule = xstrdup(rule);
		a->item = xstrdup(item);
	} else {
		a = &g->acc[at];
		free(a->reason);
		free(a->values);
	}
	a->reason = xstrdup(reason);
	a->values = xstrdup(values);
}

/* Remove acceptance i of g. */
void
doc_accept_remove(struct doc_group *g, size_t i)
{
	free(g->acc[i].rule);
	free(g->acc[i].item);
	free(g->acc[i].reason);
	free(g->acc[i].values);
	memmove(&g->acc[i], &g->acc[i + 1], (g->nacc - i - 1) * sizeof *g->acc);
	g->nacc--;
}

/* Mark item (a key of g) as imported with doubt, for reason; replaces an
 * earlier mark of the same item. */
void
doc_review_add(struct doc_group *g, const char *item, const char *reason)
{
	for (size_t i = 0; i < g->nrev; i++)
		if (strcmp(g->rev[i].item, item) == 0) {
			free(g->rev[i].reason);
			g->rev[i].reason = xstrdup(reason);
			return;
		}
	g->rev = xreallocarray(g->rev, g->nrev + 1, sizeof *g->rev);
	g->rev[g->nrev].item = xstrdup(item);
	g->rev[g->nrev].reason = xstrdup(reason);
	g->nrev++;
}

/* The review mark of node in g, or NULL when its value is confirmed.
 * Borrowed. */
const struct doc_review *
doc_review_of(const struct doc_group *g, const struct fdef_node *node)
{
	for (size_t i = 0; i < g->nrev; i++)
		if (strcmp(g->rev[i].item, node->key) == 0)
			return &g->rev[i];
	return NULL;
}

/* Confirm the imported value of node in g: drop its review mark. Returns
 * true when there was one. */
bool
doc_review_confirm(struct doc_group *g, const struct fdef_node *node)
{
	for (size_t i = 0; i < g->nrev; i++)
		if (strcmp(g->rev[i].item, node->key) == 0) {
			free(g->rev[i].item);
			free(g->rev[i].reason);
			memmove(&g->rev[i], &g->rev[i + 1],
			        (g->nrev - i - 1) * sizeof *g->rev);
			g->nrev--;
			return true;
		}
	return false;
}

/* Fill an evaluation environment for conditions over document d. */
void
doc_cond_env(const struct doc *d, struct cond_env *env)
{
	env->ctx = (void *)d;
	env->get = doc_env_get;
	env->count = doc_env_count;
	env->instance = doc_env_instance;
}

/* Tell whether a group instance is shown (all its ancestors shown). */
bool
doc_group_visible(const struct doc *d, const struct doc_group *g)
{
	if (g->parent == NULL)
		return true;
	return doc_visible(d, g->parent, g->def);
}

static bool doc_visible_now(const struct doc *d, const struct doc_group *g,
                            const struct fdef_node *node);

/* Tell whether child node of instance g is shown. Within one outermost
 * call every (instance, item) is evaluated once: conditions that read
 * items with conditions of their own cost linear, not exponential, time.
 * The memo lives in the document but changes nothing it holds. */
bool
doc_visible(const struct doc *d, const struct doc_group *g,
            const struct fdef_node *node)
{
	struct doc *memo = (struct doc *)d;
	struct doc_slot *s = doc_slot(g, node);
	bool r;

	if (memo->vis_depth == 0)
		memo->vis_epoch++;
	else if (s->vis_epoch == memo->vis_epoch)
		return s->vis;
	memo->vis_depth++;
	r = doc_visible_now(d, g, node);
	memo->vis_depth--;
	s->vis_epoch = memo->vis_epoch;
	s->vis = r;
	return r;
}

/* doc_visible() without the memo. */
static bool
doc_visible_now(const struct doc *d, const struct doc_group *g,
                const struct fdef_node *node)
{
	struct cond_env env;

	if (!fdef_in_version(node, d->version))
		return false;
	if (node->show != NULL || node->companion_of != NULL)
		doc_cond_env(d, &env);
	if (node->show != NULL && !cond_eval(node->show, &env, g))
		return false;
	if (node->companion_of != NULL) {
		const struct doc_value *v =
		        doc_effective(d, g, node->companion_of);
		const char *m = node->companion_of->members[node->member].label;
		bool on = false;

		for (size_t i = 0; i < v->n; i++)
			if (strcmp(v->v[i], m) == 0)
				on = true;
		if (!on)
			return false;
	}
	return doc_group_visible(d, g);
}

/* Tell whether a shown item of instance g must be answered. */
bool
doc_required(const struct doc *d, const struct doc_group *g,
             const struct fdef_node *node)
{
	struct cond_env env;

	if (node->required == NULL)
		return node->required_const;
	doc_cond_env(d, &env);
	return cond_eval(node->required, &env, g);
}
