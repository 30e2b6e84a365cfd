#include <config.h>
#include "docio.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <regex.h>
#include <unistd.h>
#include <string.h>
#include <yaml.h>

#include "fsave.h"
#include "i18n.h"
#include "sbuf.h"
#include "utf8.h"
#include "xalloc.h"
#include "ytree.h"

/* Limits for documents: see doc/document-format.md. */
/* The largest realistic assessment is about 2 MB with 60,000 values; the
 * limits keep a hostile file under 128 MiB of memory (the worst measured:
 * about 75 MiB, tests/cli/hostile.sh). */
static const struct ytree_limits docio_limits = {DOCIO_MAX_FILE, DOC_MAX_VALUE,
                                                 16, 300000};

struct docio_loader {
	struct doc *d;
	const char *name;
	struct diag_list *diags; /* the loader's own findings: given to the
	                            caller when the YAML was read whole */
	struct ytree_reader *r;
	bool failed;
};

/* Report a problem at a line and column of the document file. */
static void
docio_error_at(struct docio_loader *ld, int line, int col, const char *msg)
{
	diag_add(ld->diags, DIAG_ERROR, ld->name, line, col, "%s", msg);
	ld->failed = true;
}

/* Report a problem at a node of the document file. */
static void
docio_error(struct docio_loader *ld, const struct ytree *at, const char *msg)
{
	docio_error_at(ld, at ? at->line : 0, at ? at->col : 0, msg);
}

/* Describe the YAML shape expected for an item type. */
static const char *
docio_shape(const struct fdef_node *n)
{
	return _(fdef_types[n->type].shape_help);
}

/* Report a value of the wrong YAML shape for its item. */
static void
docio_wrong_shape(struct docio_loader *ld, const struct ytree *at,
                  const struct fdef_node *n)
{
	char *msg = xasprintf(_("%s (%s) must be %s here"), n->label, n->key,
	                      docio_shape(n));

	docio_error(ld, at, msg);
	free(msg);
}

/* Read a table value: a list of mappings keyed by column. */
static bool
docio_load_table(struct docio_loader *ld, const struct fdef_node *n,
                 const struct ytree *t, struct doc_value *out)
{
	char **v = NULL;
	size_t k = 0;

	if (t->kind != YT_SEQ) {
		docio_wrong_shape(ld, t, n);
		return false;
	}
	if (t->n > n->max) {
		char *msg = xasprintf(
		        _("%s can have at most %zu rows; this file has %zu"),
		        n->label, n->max, t->n);

		docio_error(ld, t->kids[n->max], msg);
		free(msg);
		return false;
	}
	v = xcalloc(t->n * n->ncolumns + 1, sizeof *v);
	for (size_t r = 0; r < t->n; r++) {
		const struct ytree *row = t->kids[r];

		for (size_t c = 0; c < n->ncolumns; c++)
			v[k + c] = xstrdup("");
		if (row->kind != YT_MAP) {
			k += n->ncolumns;
			docio_error(
			        ld, row,
			        _("a table row must be a mapping of column names to text"));
			continue;
		}
		for (size_t i = 0; i + 1 < row->n; i += 2) {
			size_t c;

			/* A column's old key (no of 別添1) is still read. */
			for (c = 0; c < n->ncolumns; c++)
				if (strcmp(n->columns[c].key,
				           row->kids[i]->s) == 0 ||
				    (n->columns[c].old_key != NULL &&
				     strcmp(n->columns[c].old_key,
				            row->kids[i]->s) == 0))
					break;
			if (c < n->ncolumns && v[k + c][0] != '\0') {
				char *msg = xasprintf(
				        _("the column \"%s\" of %s is given twice (as %s and %s)"),
				        n->columns[c].key, n->label,
				        n->columns[c].key,
				        n->columns[c].old_key
				                ? n->columns[c].old_key
				                : n->columns[c].key);

				docio_error(ld, row->kids[i], msg);
				free(msg);
			} else if (c == n->ncolumns) {
				char *msg = xasprintf(
				        _("unknown column \"%s\" in %s"),
				        row->kids[i]->s, n->label);

				docio_error(ld, row->kids[i], msg);
				free(msg);
			} else if (row->kids[i + 1]->kind != YT_SCALAR) {
				docio_error(ld, row->kids[i + 1],
				            _("a table cell must be text"));
			} else if (!ytree_is_null(row->kids[i + 1])) {
				free(v[k + c]);
				v[k + c] = xstrdup(row->kids[i + 1]->s);
			}
		}
		k += n->ncolumns;
	}
	doc_value_take(out, v, k);
	return !ld->failed;
}

/* Read one item's value from its YAML node and validate it; a scalar's
 * text is taken from ev, the event the node was read from, without a
 * copy. */
static void
docio_load_item(struct docio_loader *ld, const struct fdef_node *n,
                const struct ytree *t, yaml_event_t *ev, struct doc_value *out)
{
	char *err = NULL;

	out->line = t->line;
	out->col = t->col;
	if (ytree_is_null(t))
		return;
	if (fdef_types[n->type].shape == FS_ROWS) {
		if (!docio_load_table(ld, n, t, out))
			return;
	} else if (fdef_types[n->type].shape == FS_LIST) {
		char **v;

		if (t->kind != YT_SEQ) {
			docio_wrong_shape(ld, t, n);
			return;
		}
		v = xcalloc(t->n + 1, sizeof *v);
		for (size_t i = 0; i < t->n; i++) {
			if (t->kids[i]->kind != YT_SCALAR) {
				docio_wrong_shape(ld, t->kids[i], n);
				for (size_t j = 0; j < i; j++)
					free(v[j]);
				free(v);
				return;
			}
			v[i] = xstrdup(t->kids[i]->s);
		}
		doc_value_take(out, v, t->n);
	} else {
		char **v;

		if (t->kind != YT_SCALAR) {
			docio_wrong_shape(ld, t, n);
			return;
		}
		if (fdef_types[n->type].shape == FS_BOOL &&
		    strcmp(t->s, "false") == 0)
			return;
		v = xmalloc(sizeof *v);
		if (ev->type == YAML_SCALAR_EVENT &&
		    (char *)ev->data.scalar.value == t->s) {
			/* libyaml's buffer, which grew by doubling, cut to
			 * the text: the rest is reused for the next values. */
			v[0] = xreallocarray(t->s, t->len + 1, 1);
			ev->data.scalar.value = NULL;
		} else {
			v[0] = xstrdup(t->s);
		}
		doc_value_take(out, v, 1);
	}
	if (!doc_validate_value(ld->d, n, out, &err)) {
		const struct ytree *at = t;

		/* Point at the offending list element when there is one. */
		if (fdef_types[n->type].shape == FS_LIST)
			for (size_t i = 0; i < t->n; i++)
				if (fdef_member_index(n, t->kids[i]->s,
				                      ld->d->version) < 0) {
					at = t->kids[i];
					break;
				}
		docio_error(ld, at, err);
		free(err);
	}
}

/* Keep an unknown key and a copy of its value. */
static void
docio_keep(struct doc_extra **extra, size_t *nextra, const struct ytree *key,
           const struct ytree *val)
{
	*extra = xreallocarray(*extra, *nextra + 1, sizeof **extra);
	(*extra)[*nextra].key = xstrdup(key->s);
	(*extra)[*nextra].val = ytree_copy(val);
	(*nextra)++;
}

/* Hash a (rule, item) pair for docio_load_accepted(). */
static size_t
docio_accept_hash(const char *rule, const char *item)
{
	size_t h = 14695981039346656037u;

	for (const char *p = rule; *p; p++)
		h = (h ^ (unsigned char)*p) * 1099511628211u;
	h = (h ^ 0xff) * 1099511628211u;
	for (const char *p = item; *p; p++)
		h = (h ^ (unsigned char)*p) * 1099511628211u;
	return h;
}

/* Read the accepted warnings of a group: a list of {rule, item, reason,
 * values}. A later entry for the same rule and item replaces an earlier
 * one; a hash table of the entries keeps loading linear. */
static void
docio_load_accepted(struct docio_loader *ld, struct doc_group *g,
                    const struct ytree *t)
{
	static const char *const keys[] = {"rule", "item", "reason", "values"};
	size_t cap = 16, *slot;

	if (t->kind != YT_SEQ) {
		docio_error(
		        ld, t,
		        _("\"accepted\" must be a list of accepted warnings"));
		return;
	}
	while (cap < 2 * (t->n + g->nacc))
		cap *= 2;
	slot = xmalloc(cap * sizeof *slot);
	for (size_t i = 0; i < cap; i++)
		slot[i] = (size_t)-1;
	for (size_t i = 0; i < g->nacc; i++) {
		size_t h = docio_accept_hash(g->acc[i].rule, g->acc[i].item);

		while (slot[h & (cap - 1)] != (size_t)-1)
			h++;
		slot[h & (cap - 1)] = i;
	}
	for (size_t i = 0; i < t->n; i++) {
		const struct ytree *m = t->kids[i];
		const char *v[4] = {NULL, NULL, NULL, ""};
		size_t h, at;

		if (m->kind != YT_MAP) {
			docio_error(
			        ld, m,
			        _("an accepted warning must be a mapping with rule, item, reason and values"));
			break;
		}
		for (size_t k = 0; k + 1 < m->n; k += 2) {
			size_t j;

			for (j = 0; j < 4; j++)
				if (strcmp(m->kids[k]->s, keys[j]) == 0)
					break;
			if (j == 4 || m->kids[k + 1]->kind != YT_SCALAR) {
				char *msg = xasprintf(
				        _("unknown or malformed field \"%s\" in an accepted warning"),
				        m->kids[k]->s);

				docio_error(ld, m->kids[k], msg);
				free(msg);
				v[0] = NULL;
				break;
			}
			v[j] = m->kids[k + 1]->s;
		}
		if (ld->failed)
			break;
		if (v[0] == NULL || v[1] == NULL || v[2] == NULL ||
		    fdef_child(g->def, v[1]) == NULL) {
			docio_error(
			        ld, m,
			        _("an accepted warning needs a rule, the key of an item of this section, and a reason"));
			break;
		}
		h = docio_accept_hash(v[0], v[1]);
		for (;; h++) {
			at = slot[h & (cap - 1)];
			if (at == (size_t)-1 ||
			    (strcmp(g->acc[at].rule, v[0]) == 0 &&
			     strcmp(g->acc[at].item, v[1]) == 0))
				break;
		}
		if (at == (size_t)-1) {
			at = g->nacc;
			slot[h & (cap - 1)] = at;
		}
		doc_accept_put(g, at, v[0], v[1], v[2], v[3]);
	}
	free(slot);
}

/* Read the review marks of a group: a list of {item, reason}. */
static void
docio_load_review(struct docio_loader *ld, struct doc_group *g,
                  const struct ytree *t)
{
	if (t->kind != YT_SEQ) {
		docio_error(ld, t,
		            _("\"review\" must be a list of items to confirm "
		              "(item and reason)"));
		return;
	}
	for (size_t i = 0; i < t->n; i++) {
		const struct ytree *m = t->kids[i];
		const char *item = NULL, *reason = "";
		bool bad = m->kind != YT_MAP;

		for (size_t k = 0; !bad && k + 1 < m->n; k += 2) {
			const struct ytree *v = m->kids[k + 1];

			if (v->kind != YT_SCALAR)
				bad = true;
			else if (strcmp(m->kids[k]->s, "item") == 0)
				item = v->s;
			else if (strcmp(m->kids[k]->s, "reason") == 0)
				reason = v->s;
			else
				bad = true;
		}
		if (bad || item == NULL || fdef_child(g->def, item) == NULL ||
		    fdef_child(g->def, item)->kind != FDEF_ITEM) {
			docio_error(
			        ld, m,
			        _("an item to confirm needs the key of an "
			          "item of this section (item) and may have "
			          "a reason, nothing else"));
			return;
		}
		doc_review_add(g, item, reason);
	}
}

/* Read the baseline: the last published version of this document, a
 * mapping of file (a path) and published (its 公表日). */
static void
docio_load_baseline(struct docio_loader *ld, const struct ytree *v)
{
	const struct ytree *file =
	        v->kind == YT_MAP ? ytree_get(v, "file") : NULL;
	const struct ytree *pub =
	        v->kind == YT_MAP ? ytree_get(v, "published") : NULL;
	bool ok = file != NULL && file->kind == YT_SCALAR && file->s[0] &&
	          (pub == NULL || pub->kind == YT_SCALAR) &&
	          v->n == (pub != NULL ? 4u : 2u);

	if (!ok) {
		docio_error(
		        ld, v,
		        _("\"baseline\" must be a mapping with \"file:\" (the last published version) and \"published:\" (its 公表日)"));
		return;
	}
	ld->d->base_file = xstrdup(file->s);
	if (pub != NULL && pub->s[0] != '\0')
		ld->d->base_published = xstrdup(pub->s);
}

/* The 1-based line of an event. */
static int
docio_line(const yaml_event_t *ev)
{
	return (int)ev->start_mark.line + 1;
}

/* The 1-based column of an event. */
static int
docio_col(const yaml_event_t *ev)
{
	return (int)ev->start_mark.column + 1;
}

static bool docio_read_group(struct docio_loader *ld, struct doc_group *g,
                             yaml_event_t *ev);

/* Read the value that ev starts where a list or mapping belongs: nothing
 * when it is empty, else the error msg (freed here). False when the YAML
 * could not be read. */
static bool
docio_read_other(struct docio_loader *ld, yaml_event_t *ev, char *msg)
{
	const struct ytree *t = ytree_reader_value(ld->r, ev, false);

	if (t != NULL && !ytree_is_null(t))
		docio_error(ld, t, msg);
	free(msg);
	ytree_reader_reset(ld->r);
	return t != NULL;
}

/* Read the instances of a repeat block from the value that ev starts;
 * false when the YAML could not be read. */
static bool
docio_read_repeat(struct docio_loader *ld, struct doc_group *g,
                  const struct fdef_node *n, yaml_event_t *ev)
{
	size_t mark = ld->diags->n, count = 0;
	bool failed = ld->failed;
	int line = 0, col = 0;

	if (ev->type != YAML_SEQUENCE_START_EVENT)
		return docio_read_other(
		        ld, ev,
		        xasprintf(_("%s (%s) must be a list of blocks"),
		                  n->title ? n->title : n->label, n->key));
	if (!ytree_reader_enter(ld->r, ev))
		return false;
	for (;;) {
		yaml_event_t iev;
		bool ok;

		if (!ytree_reader_next(ld->r, &iev))
			return false;
		if (iev.type == YAML_SEQUENCE_END_EVENT) {
			yaml_event_delete(&iev);
			break;
		}
		if (count < n->max) {
			ok = docio_read_group(
			        ld, doc_add_instance(ld->d, g, n, count, NULL),
			        &iev);
		} else {
			if (count == n->max) {
				line = docio_line(&iev);
				col = docio_col(&iev);
			}
			ok = ytree_reader_value(ld->r, &iev, false) != NULL;
			ytree_reader_reset(ld->r);
		}
		yaml_event_delete(&iev);
		if (!ok)
			return false;
		count++;
	}
	if (!ytree_reader_leave(ld->r, docio_line(ev), docio_col(ev), false))
		return false;
	if (count > n->max) {
		/* Only this is said about a repeat with too many blocks. */
		char *msg = xasprintf(
		        _("%s can have at most %zu entries; this file has %zu. Remove the extra ones"),
		        n->title ? n->title : n->label, n->max, count);

		while (ld->diags->n > mark)
			diag_fini(&ld->diags->v[--ld->diags->n]);
		ld->failed = failed;
		docio_error_at(ld, line, col, msg);
		free(msg);
	}
	return true;
}

/* Read the value of key in group g (the root with top), that ev starts;
 * false when the YAML could not be read. */
static bool
docio_read_entry(struct docio_loader *ld, struct doc_group *g,
                 const struct ytree *key, yaml_event_t *ev, bool top)
{
	const struct fdef_node *n = fdef_child(g->def, key->s);
	const struct ytree *t;

	if (n != NULL && !fdef_in_version(n, ld->d->version))
		n = NULL;
	if (n != NULL && n->kind != FDEF_ITEM) {
		struct doc_slot *s = doc_slot(g, n);

		s->line = key->line;
		s->col = key->col;
		return n->kind == FDEF_GROUP ? docio_read_group(ld, s->grp, ev)
		                             : docio_read_repeat(ld, g, n, ev);
	}
	t = ytree_reader_value(ld->r, ev, false);
	if (t == NULL)
		return false;
	if (top &&
	    (strcmp(key->s, "hyoka") == 0 || strcmp(key->s, "form") == 0 ||
	     strcmp(key->s, "form_version") == 0)) {
		/* read before the rest */
	} else if (top && strcmp(key->s, DOCIO_BASELINE) == 0) {
		docio_load_baseline(ld, t);
	} else if (!top && n == NULL && strcmp(key->s, DOCIO_ACCEPTED) == 0) {
		docio_load_accepted(ld, g, t);
	} else if (!top && n == NULL && strcmp(key->s, DOCIO_REVIEW) == 0) {
		docio_load_review(ld, g, t);
	} else if (n == NULL) {
		if (top)
			docio_keep(&ld->d->extra, &ld->d->nextra, key, t);
		else
			docio_keep(&g->extra, &g->nextra, key, t);
	} else {
		struct doc_slot *s = doc_slot(g, n);

		s->line = key->line;
		s->col = key->col;
		docio_load_item(ld, n, t, ev, &s->val);
	}
	ytree_reader_reset(ld->r);
	return true;
}

/* Read the keys of a mapping into group g (the root with top) up to the
 * mapping's end. False when the YAML could not be read. */
static bool
docio_read_keys(struct docio_loader *ld, struct doc_group *g, bool top)
{
	for (;;) {
		yaml_event_t kev, vev;
		const struct ytree *key;
		bool ok;

		if (!ytree_reader_next(ld->r, &kev))
			return false;
		if (kev.type == YAML_MAPPING_END_EVENT) {
			yaml_event_delete(&kev);
			return true;
		}
		key = ytree_reader_value(ld->r, &kev, true);
		ok = key != NULL && ytree_reader_next(ld->r, &vev);
		if (ok) {
			ok = docio_read_entry(ld, g, key, &vev, top);
			yaml_event_delete(&vev);
		}
		yaml_event_delete(&kev);
		if (!ok)
			return false;
	}
}

/* Read the value that ev starts into a group instance: a mapping of item
 * keys. False when the YAML could not be read. */
static bool
docio_read_group(struct docio_loader *ld, struct doc_group *g, yaml_event_t *ev)
{
	g->line = docio_line(ev);
	g->col = docio_col(ev);
	if (ev->type != YAML_MAPPING_START_EVENT)
		return docio_read_other(
		        ld, ev,
		        xasprintf(_("%s must be a mapping of item keys"),
		                  g->def->title ? g->def->title
		                                : g->def->label));
	return ytree_reader_enter(ld->r, ev) && docio_read_keys(ld, g, false) &&
	       ytree_reader_leave(ld->r, g->line, g->col, false);
}

/* The form version of a document from its top-level values hyoka, form
 * and form_version (each NULL when missing; line, col: the top level),
 * or -1 with a diagnostic. */
static int
docio_head(const struct fdef *fd, const char *name, int line, int col,
           const struct ytree *const v[3], struct diag_list *diags)
{
	const struct ytree *t = v[0];
	int version;

	if (t == NULL || t->kind != YT_SCALAR ||
	    strcmp(t->s, DOCIO_FORMAT) != 0) {
		diag_add(
		        diags, DIAG_ERROR, name, t ? t->line : line,
		        t ? t->col : col, "%s",
		        t == NULL
		                ? _("this is not a hyoka document: the key \"hyoka: 1\" is missing")
		                : _("this document was written in a newer file format; update hyoka"));
		return -1;
	}
	t = v[1];
	if (t == NULL || t->kind != YT_SCALAR || strcmp(t->s, fd->id) != 0) {
		diag_add(
		        diags, DIAG_ERROR, name, t ? t->line : line,
		        t ? t->col : col,
		        _("this document is not for the form \"%s\" (key \"form\")"),
		        fd->id);
		return -1;
	}
	t = v[2];
	version = t && t->kind == YT_SCALAR ? fdef_version_find(fd, t->s) : -1;
	if (version < 0) {
		struct sbuf sb;

		sbuf_init(&sb);
		for (size_t i = 0; i < fd->nversions; i++)
			sbuf_addf(&sb, "%s%s", i ? ", " : "",
			          fd->versions[i].id);
		diag_add(
		        diags, DIAG_ERROR, name, t ? t->line : line,
		        t ? t->col : col,
		        _("unknown form version (key \"form_version\"); use one of: %s"),
		        sb.buf);
		sbuf_fini(&sb);
	}
	return version;
}

/* The form version of a document read whole as a tree (when its top level
 * does not begin with hyoka, form and form_version), or -1 with
 * diagnostics. */
static int
docio_head_tree(const struct fdef *fd, const char *name, const char *buf,
                size_t len, struct diag_list *diags)
{
	struct ytree *t = ytree_load_mem(name, buf, len, &docio_limits, diags);
	int version = -1;

	if (t == NULL)
		return -1;
	if (t->kind != YT_MAP) {
		diag_add(
		        diags, DIAG_ERROR, name, t->line, t->col, "%s",
		        _("this is not a hyoka document: the top level must be a mapping that starts with \"hyoka: 1\""));
	} else {
		const struct ytree *v[3] = {ytree_get(t, "hyoka"),
		                            ytree_get(t, "form"),
		                            ytree_get(t, "form_version")};

		version = docio_head(fd, name, t->line, t->col, v, diags);
	}
	ytree_free(&t);
	return version;
}

/* Read up to the top-level mapping and enter it; *line, *col: where it
 * starts. False when the top level is not a mapping or the YAML could
 * not be read. */
static bool
docio_read_top(struct docio_loader *ld, int *line, int *col)
{
	yaml_event_t ev;
	bool ok;

	do {
		if (!ytree_reader_next(ld->r, &ev))
			return false;
		ok = ev.type == YAML_STREAM_START_EVENT ||
		     ev.type == YAML_DOCUMENT_START_EVENT;
		if (ok)
			yaml_event_delete(&ev);
	} while (ok);
	*line = docio_line(&ev);
	*col = docio_col(&ev);
	ok = ev.type == YAML_MAPPING_START_EVENT &&
	     ytree_reader_enter(ld->r, &ev);
	yaml_event_delete(&ev);
	return ok;
}

/* Read hyoka, form and form_version, the first three keys of the top
 * level of a document as hyoka writes it; the form version, or -1 when
 * they are not there or not right (the document is then read whole
 * first, to say what is wrong where the tree loader would). */
static int
docio_read_head(struct docio_loader *ld, const struct fdef *fd, int line,
                int col)
{
	static const char *const names[3] = {"hyoka", "form", "form_version"};
	const struct ytree *v[3] = {NULL, NULL, NULL};
	yaml_event_t ev[6];
	size_t nev = 0, j = 0;
	int version = -1;

	/* The values borrow their text from their events, kept to the end. */
	while (nev < 6 && ytree_reader_next(ld->r, &ev[nev])) {
		const struct ytree *t;

		nev++;
		if (nev % 2 == 1) {
			t = ev[nev - 1].type == YAML_SCALAR_EVENT
			            ? ytree_reader_value(ld->r, &ev[nev - 1],
			                                 true)
			            : NULL;
			for (j = 0; t != NULL && j < 3; j++)
				if (strcmp(t->s, names[j]) == 0)
					break;
			if (t == NULL || j == 3 || v[j] != NULL)
				break;
		} else {
			v[j] = ytree_reader_value(ld->r, &ev[nev - 1], false);
			if (v[j] == NULL)
				break;
		}
	}
	if (nev == 6 && v[0] != NULL && v[1] != NULL && v[2] != NULL) {
		struct diag_list none;

		diag_list_init(&none);
		version = docio_head(fd, ld->name, line, col, v, &none);
		diag_list_fini(&none);
	}
	while (nev > 0)
		yaml_event_delete(&ev[--nev]);
	ytree_reader_reset(ld->r);
	return version;
}

/* Build a document from a YAML text, event by event; NULL with
 * diagnostics on error. Caller frees. */
static struct doc *
docio_read(const struct fdef *fd, const char *name, const char *buf, size_t len,
           struct diag_list *diags)
{
	struct diag_list own;
	struct docio_loader ld = {NULL, name, &own, NULL, false};
	int version = -1, line = 0, col = 0;
	bool ok;

	ld.r = ytree_reader_new(name, buf, len, &docio_limits, diags);
	if (ld.r == NULL)
		return NULL;
	if (docio_read_top(&ld, &line, &col))
		version = docio_read_head(&ld, fd, line, col);
	if (version < 0 && !ytree_reader_failed(ld.r)) {
		ytree_reader_free(&ld.r);
		version = docio_head_tree(fd, name, buf, len, diags);
		if (version >= 0) {
			ld.r = ytree_reader_new(name, buf, len, &docio_limits,
			                        diags);
			docio_read_top(&ld, &line, &col);
		}
	}
	if (version < 0 || ld.r == NULL || ytree_reader_failed(ld.r)) {
		ytree_reader_free(&ld.r);
		return NULL;
	}
	diag_list_init(&own);
	ld.d = doc_new(fd, (size_t)version);
	ld.d->root->line = line;
	ld.d->root->col = col;
	ok = docio_read_keys(&ld, ld.d->root, true) &&
	     ytree_reader_leave(ld.r, line, col, true) &&
	     ytree_reader_finish(ld.r);
	ytree_reader_free(&ld.r);
	if (ok)
		for (size_t i = 0; i < own.n; i++)
			diag_move(diags, &own.v[i]);
	else
		diag_list_fini(&own);
	if (!ok || ld.failed)
		doc_free(&ld.d);
	if (ok)
		free(own.v);
	return ld.d;
}

/* Load a document file; NULL with diagnostics on error. Caller frees. */
struct doc *
docio_load_file(const struct fdef *fd, const char *path,
                struct diag_list *diags)
{
	int file = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
	struct doc *d;

	if (file < 0) {
		diag_add(diags, DIAG_ERROR, path, 0, 0, _("cannot open: %s"),
		         strerror(errno));
		return NULL;
	}
	d = docio_load_fd(fd, file, path, diags, NULL);
	close(file);
	return d;
}

/* Load a document from an open file (read from its start); name is for
 * messages. *stamp (may be NULL) gets the identity of what was read, to
 * notice later changes by other programs. NULL with diagnostics on error.
 * Caller frees. */
struct doc *
docio_load_fd(const struct fdef *fd, int file, const char *name,
              struct diag_list *diags, struct fsave_stamp *stamp)
{
	size_t len, from = diags->n;
	const char *buf = ytree_read_fd(name, file, &docio_limits, &len, diags);
	struct doc *d;

	if (buf == NULL)
		return NULL;
	if (stamp != NULL)
		fsave_stamp_fd(file, buf, len, stamp);
	d = docio_load_mem(fd, name, buf, len, diags);
	if (!ytree_release(buf)) {
		doc_free(&d);
		ytree_say_shrunk(name, diags, from);
	}
	return d;
}

/* Load a document from memory; NULL with diagnostics on error. */
struct doc *
docio_load_mem(const struct fdef *fd, const char *name, const char *buf,
               size_t len, struct diag_list *diags)
{
	return docio_read(fd, name, buf, len, diags);
}

/* The emitter with what is counted on the way, so that hyoka never writes
 * a document its loader would refuse. */
struct docio_out {
	yaml_emitter_t em;
	size_t nodes;     /* scalars, lists and mappings */
	const char *mark; /* UTF-8 of the character that stands for U+FEFF,
	                     or NULL */
	struct sbuf tmp;  /* a scalar with U+FEFF replaced by mark */
	bool failed;      /* libyaml refused an event: emit no more */
};

/* Hand one event to libyaml, counting the values. After a refusal the
 * event is only freed: libyaml is not called again. */
static void
docio_event(struct docio_out *o, yaml_event_t *ev)
{
	if (o->failed) {
		yaml_event_delete(ev);
		return;
	}
	if (ev->type == YAML_SCALAR_EVENT ||
	    ev->type == YAML_SEQUENCE_START_EVENT ||
	    ev->type == YAML_MAPPING_START_EVENT)
		o->nodes++;
	if (!yaml_emitter_emit(&o->em, ev))
		o->failed = true;
}

/* Emit one scalar event. libyaml writes U+FEFF as the 6-byte escape
 * \uFEFF; with o->mark set, U+FEFF is replaced by that 3-byte character,
 * which docio_emit() turns back into the raw U+FEFF. */
static void
docio_scalar_event(struct docio_out *o, const char *s, size_t len, bool plain,
                   yaml_scalar_style_t style)
{
	yaml_event_t ev;

	if (o->mark != NULL && memmem(s, len, "\xEF\xBB\xBF", 3) != NULL) {
		sbuf_reset(&o->tmp);
		for (size_t i = 0; i < len; i++) {
			if (i + 3 <= len &&
			    memcmp(s + i, "\xEF\xBB\xBF", 3) == 0) {
				sbuf_add(&o->tmp, o->mark, 3);
				i += 2;
			} else {
				sbuf_addc(&o->tmp, s[i]);
			}
		}
		s = o->tmp.buf;
	}
	/* libyaml refuses text that is not UTF-8 and leaves ev as it was:
	 * never hand it over then (it would be freed twice). */
	if (!yaml_scalar_event_initialize(&ev, NULL, NULL, (yaml_char_t *)s,
	                                  (int)len, plain, 1, style)) {
		o->failed = true;
		return;
	}
	docio_event(o, &ev);
}

/* libyaml write handler appending to an sbuf. */
static int
docio_write(void *data, unsigned char *buf, size_t size)
{
	sbuf_add(data, (const char *)buf, size);
	return 1;
}

/* Tell whether a plain scalar would be read back as something other than
 * a string by YAML 1.1 tools (PyYAML, Ruby) or YAML 1.2 ones: booleans
 * and null (yes, no, on, off, ~), numbers in every base, sexagesimal and
 * exponent form, .inf and .nan, timestamps (2024-05-24), the merge key
 * << and the value key =. Such text is written quoted. */
static bool
docio_looks_special(const char *s)
{
	static const char pattern[] =
	        "^(y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|"
	        "FALSE|on|On|ON|off|Off|OFF|null|Null|NULL|~|<<|=|"
	        "[-+]?0b[01_]+|[-+]?0o?[0-7_]+|[-+]?0x[0-9a-fA-F_]+|"
	        "[-+]?[0-9][0-9_]*(:[0-5]?[0-9])*(\\.[0-9_]*)?"
	        "([eE][-+]?[0-9]+)?|"
	        "[-+]?\\.[0-9_]+([eE][-+]?[0-9]+)?|"
	        "[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)|"
	        "[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt \t].*)?)$";
	static regex_t re;
	static bool ready;

	/* Every alternative begins with one of these: most text (all
	 * Japanese) is told at its first byte. */
	if (s[0] == '\0' || strchr("yYnNtTfFoO~<=+-.0123456789", s[0]) == NULL)
		return false;
	if (!ready) {
		if (regcomp(&re, pattern, REG_EXTENDED | REG_NOSUB) != 0)
			return true; /* quoting is always safe */
		ready = true;
	}
	return regexec(&re, s, 0, NULL, 0) == 0;
}

static void docio_scalar(struct docio_out *o, const char *s,
                         yaml_scalar_style_t style);

/* Emit a mapping key: plain, or quoted when YAML 1.1 tools would read it
 * as something else (a column or unknown key such as no or on). */
static void
docio_key(struct docio_out *o, const char *key)
{
	docio_scalar(o, key,
	             docio_looks_special(key) ? YAML_SINGLE_QUOTED_SCALAR_STYLE
	                                      : YAML_PLAIN_SCALAR_STYLE);
}

/* Emit one scalar with a chosen style. */
static void
docio_scalar(struct docio_out *o, const char *s, yaml_scalar_style_t style)
{
	docio_scalar_event(o, s, strlen(s), true, style);
}

/* Emit a string value with the style that reads back as the same text. */
static void
docio_string(struct docio_out *o, const char *s)
{
	if (strchr(s, '\n') != NULL)
		docio_scalar(o, s, YAML_LITERAL_SCALAR_STYLE);
	else if (docio_looks_special(s))
		docio_scalar(o, s, YAML_SINGLE_QUOTED_SCALAR_STYLE);
	else
		docio_scalar(o, s, YAML_ANY_SCALAR_STYLE);
}

/* Emit the start of a block or flow collection. */
static void
docio_start(struct docio_out *o, bool map, bool flow)
{
	yaml_event_t ev;

	if (map)
		yaml_mapping_start_event_initialize(
		        &ev, NULL, NULL, 1,
		        flow ? YAML_FLOW_MAPPING_STYLE
		             : YAML_BLOCK_MAPPING_STYLE);
	else
		yaml_sequence_start_event_initialize(
		        &ev, NULL, NULL, 1,
		        flow ? YAML_FLOW_SEQUENCE_STYLE
		             : YAML_BLOCK_SEQUENCE_STYLE);
	docio_event(o, &ev);
}

/* Emit the end of a collection. */
static void
docio_end(struct docio_out *o, bool map)
{
	yaml_event_t ev;

	if (map)
		yaml_mapping_end_event_initialize(&ev);
	else
		yaml_sequence_end_event_initialize(&ev);
	docio_event(o, &ev);
}

/* Emit a kept subtree as it was read. */
static void
docio_emit_tree(struct docio_out *o, const struct ytree *t)
{
	if (t->kind == YT_SCALAR) {
		docio_scalar_event(o, t->s, t->len, t->plain_implicit,
		                   (yaml_scalar_style_t)t->style);
		return;
	}
	docio_start(o, t->kind == YT_MAP, t->n == 0);
	for (size_t i = 0; i < t->n; i++)
		docio_emit_tree(o, t->kids[i]);
	docio_end(o, t->kind == YT_MAP);
}

/* Tell whether a group instance holds anything worth writing. */
static bool
docio_group_has_content(const struct doc_group *g)
{
	if (g->nextra > 0 || g->nacc > 0 || g->nrev > 0)
		return true;
	for (size_t i = 0; i < g->def->nkids; i++) {
		const struct doc_slot *s = &g->slots[i];

		switch (g->def->kids[i]->kind) {
		case FDEF_ITEM:
			if (!doc_value_empty(&s->val))
				return true;
			break;
		case FDEF_GROUP:
			if (docio_group_has_content(s->grp))
				return true;
			break;
		case FDEF_REPEAT:
			if (s->ninst > 0)
				return true;
			break;
		}
	}
	return false;
}

/* Emit one item's value. */
static void
docio_emit_value(struct docio_out *o, const struct fdef_node *n,
                 const struct doc_value *v)
{
	switch (fdef_types[n->type].shape) {
	case FS_LIST:
		docio_start(o, false, false);
		for (size_t i = 0; i < v->n; i++)
			docio_string(o, v->v[i]);
		docio_end(o, false);
		break;
	case FS_ROWS:
		docio_start(o, false, false);
		for (size_t r = 0; r < v->n / n->ncolumns; r++) {
			bool any = false;

			for (size_t c = 0; c < n->ncolumns; c++)
				any |= v->v[r * n->ncolumns + c][0] != '\0';
			docio_start(o, true, !any);
			for (size_t c = 0; c < n->ncolumns; c++) {
				const char *cell = v->v[r * n->ncolumns + c];

				if (cell[0] == '\0')
					continue;
				docio_key(o, n->columns[c].key);
				docio_string(o, cell);
			}
			docio_end(o, true);
		}
		docio_end(o, false);
		break;
	case FS_BOOL:
	case FS_NUMBER:
		docio_scalar(o, v->v[0], YAML_PLAIN_SCALAR_STYLE);
		break;
	case FS_TEXT:
		docio_string(o, v->v[0]);
		break;
	}
}

static void docio_emit_group(struct docio_out *o, const struct doc_group *g);

/* Emit the known items of a group in form order, then its kept keys. */
static void
docio_emit_members(struct docio_out *o, const struct doc_group *g,
                   const struct doc_extra *extra, size_t nextra)
{
	for (size_t i = 0; i < g->def->nkids; i++) {
		const struct fdef_node *n = g->def->kids[i];
		const struct doc_slot *s = &g->slots[i];

		switch (n->kind) {
		case FDEF_ITEM:
			if (doc_value_empty(&s->val))
				continue;
			docio_key(o, n->key);
			docio_emit_value(o, n, &s->val);
			break;
		case FDEF_GROUP:
			if (!docio_group_has_content(s->grp))
				continue;
			docio_key(o, n->key);
			docio_emit_group(o, s->grp);
			break;
		case FDEF_REPEAT:
			if (s->ninst == 0)
				continue;
			docio_key(o, n->key);
			docio_start(o, false, false);
			for (size_t j = 0; j < s->ninst; j++)
				docio_emit_group(o, s->inst[j]);
			docio_end(o, false);
			break;
		}
	}
	if (g->nacc > 0) {
		docio_scalar(o, DOCIO_ACCEPTED, YAML_PLAIN_SCALAR_STYLE);
		docio_start(o, false, false);
		for (size_t i = 0; i < g->nacc; i++) {
			docio_start(o, true, false);
			docio_scalar(o, "rule", YAML_PLAIN_SCALAR_STYLE);
			docio_string(o, g->acc[i].rule);
			docio_scalar(o, "item", YAML_PLAIN_SCALAR_STYLE);
			docio_string(o, g->acc[i].item);
			docio_scalar(o, "reason", YAML_PLAIN_SCALAR_STYLE);
			docio_string(o, g->acc[i].reason);
			docio_scalar(o, "values", YAML_PLAIN_SCALAR_STYLE);
			docio_string(o, g->acc[i].values);
			docio_end(o, true);
		}
		docio_end(o, false);
	}
	if (g->nrev > 0) {
		docio_scalar(o, DOCIO_REVIEW, YAML_PLAIN_SCALAR_STYLE);
		docio_start(o, false, false);
		for (size_t i = 0; i < g->nrev; i++) {
			docio_start(o, true, false);
			docio_scalar(o, "item", YAML_PLAIN_SCALAR_STYLE);
			docio_string(o, g->rev[i].item);
			docio_scalar(o, "reason", YAML_PLAIN_SCALAR_STYLE);
			/* '' and not null: a reason is text. */
			if (g->rev[i].reason[0] == '\0')
				docio_scalar(o, "",
				             YAML_SINGLE_QUOTED_SCALAR_STYLE);
			else
				docio_string(o, g->rev[i].reason);
			docio_end(o, true);
		}
		docio_end(o, false);
	}
	for (size_t i = 0; i < nextra; i++) {
		docio_key(o, extra[i].key);
		docio_emit_tree(o, extra[i].val);
	}
}

/* Emit a group instance as a mapping ({} when empty). */
static void
docio_emit_group(struct docio_out *o, const struct doc_group *g)
{
	bool empty = !docio_group_has_content(g);

	docio_start(o, true, empty);
	docio_emit_members(o, g, g->extra, g->nextra);
	docio_end(o, true);
}

/* Write a document as YAML text with U+FEFF written as mark (NULL: as
 * libyaml escapes it); NULL when libyaml refuses the content. *nodes gets
 * the number of values. Caller frees. */
static char *
docio_emit_as(const struct doc *d, const char *mark, size_t *len, size_t *nodes)
{
	struct docio_out out = {.mark = mark};
	struct docio_out *o = &out;
	yaml_event_t ev;
	struct sbuf sb;

	sbuf_init(&sb);
	sbuf_init(&out.tmp);
	yaml_emitter_initialize(&o->em);
	yaml_emitter_set_output(&o->em, docio_write, &sb);
	yaml_emitter_set_unicode(&o->em, 1);
	yaml_emitter_set_width(&o->em, -1);
	yaml_emitter_set_indent(&o->em, 2);
	yaml_emitter_set_break(&o->em, YAML_LN_BREAK);
	yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING);
	docio_event(o, &ev);
	yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 1);
	docio_event(o, &ev);
	docio_start(o, true, false);
	docio_scalar(o, "hyoka", YAML_PLAIN_SCALAR_STYLE);
	docio_scalar(o, DOCIO_FORMAT, YAML_PLAIN_SCALAR_STYLE);
	docio_scalar(o, "form", YAML_PLAIN_SCALAR_STYLE);
	docio_string(o, d->fd->id);
	docio_scalar(o, "form_version", YAML_PLAIN_SCALAR_STYLE);
	docio_string(o, d->fd->versions[d->version].id);
	if (d->base_file != NULL) {
		docio_scalar(o, DOCIO_BASELINE, YAML_PLAIN_SCALAR_STYLE);
		docio_start(o, true, false);
		docio_scalar(o, "file", YAML_PLAIN_SCALAR_STYLE);
		docio_string(o, d->base_file);
		if (d->base_published != NULL) {
			docio_scalar(o, "published", YAML_PLAIN_SCALAR_STYLE);
			docio_string(o, d->base_published);
		}
		docio_end(o, true);
	}
	docio_emit_members(o, d->root, d->extra, d->nextra);
	docio_end(o, true);
	yaml_document_end_event_initialize(&ev, 1);
	docio_event(o, &ev);
	yaml_stream_end_event_initialize(&ev);
	docio_event(o, &ev);
	if (!o->failed)
		yaml_emitter_flush(&o->em);
	sbuf_fini(&out.tmp);
	*nodes = out.nodes;
	if (o->failed || o->em.error != YAML_NO_ERROR) {
		/* Values are validated on the way in; this is a safety net so
		 * that a broken text is never written over a good file. */
		yaml_emitter_delete(&o->em);
		sbuf_fini(&sb);
		*len = 0;
		return NULL;
	}
	yaml_emitter_delete(&o->em);
	*len = sb.len;
	return sbuf_detach(&sb);
}

/* A private-use character that occurs nowhere in text, to stand for
 * U+FEFF; false when every one does. */
static bool
docio_pick_mark(const char *text, size_t len, char mark[4])
{
	for (unsigned cp = 0xF8FF; cp >= 0xE000; cp--) {
		mark[utf8_encode(cp, mark)] = '\0';
		if (memmem(text, len, mark, 3) == NULL)
			return true;
	}
	return false;
}

/* docio_emit() that also counts the values written into *nodes. */
static char *
docio_emit_counted(const struct doc *d, size_t *len, size_t *nodes)
{
	char *text = docio_emit_as(d, NULL, len, nodes), *again;
	char mark[4];
	size_t len2;

	/* A U+FEFF in a value is written as its 3 bytes, not as the 6-byte
	 * escape libyaml would use: a document full of them must not double
	 * in size. */
	if (text == NULL || memmem(text, *len, "\\uFEFF", 6) == NULL ||
	    !docio_pick_mark(text, *len, mark))
		return text;
	again = docio_emit_as(d, mark, &len2, nodes);
	if (again == NULL)
		return text;
	for (char *p = again;
	     (p = memmem(p, len2 - (size_t)(p - again), mark, 3)) != NULL;
	     p += 3) {
		/* A U+FEFF at the start of a line would be read as a
		 * byte-order mark and dropped: keep the escapes then. */
		if (p == again || p[-1] == '\n') {
			free(again);
			return text;
		}
		memcpy(p, "\xEF\xBB\xBF", 3);
	}
	free(text);
	*len = len2;
	return again;
}

/* Write a document as YAML text; caller frees. *len gets its length.
 * NULL when libyaml refuses the content (nothing must be saved then). */
char *
docio_emit(const struct doc *d, size_t *len)
{
	size_t nodes;

	return docio_emit_counted(d, len, &nodes);
}

/* Write a document as YAML text for saving it as name: NULL with *err
 * (caller frees) when libyaml refuses the content or the text would be
 * over the limits of loading (hyoka never writes what it cannot read).
 * Caller frees. */
char *
docio_emit_checked(const struct doc *d, const char *name, size_t *len,
                   char **err)
{
	size_t nodes;
	char *text = docio_emit_counted(d, len, &nodes);

	*err = NULL;
	if (text == NULL)
		*err = xasprintf(
		        _("%s: the document could not be written as YAML; nothing was saved"),
		        name);
	else if (*len > docio_limits.max_file)
		*err = xasprintf(
		        _("%s would be %zu bytes long, over the limit of %zu bytes that hyoka can read; nothing was saved. Shorten the longest texts"),
		        name, *len, docio_limits.max_file);
	else if (nodes > docio_limits.max_nodes)
		*err = xasprintf(
		        _("%s would hold %zu values, over the limit of %zu that hyoka can read; nothing was saved"),
		        name, nodes, docio_limits.max_nodes);
	if (*err != NULL) {
		free(text);
		return NULL;
	}
	return text;
}
