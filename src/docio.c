#include <config.h>
#include "docio.h"

#include <stdlib.h>
#include <regex.h>
#include <string.h>
#include <yaml.h>

#include "i18n.h"
#include "sbuf.h"
#include "xalloc.h"
#include "ytree.h"

/* Limits for documents: see doc/document-format.md. */
/* The largest realistic assessment is about 2 MB with 60,000 values; the
 * limits keep hostile files well under 64 MiB of memory. */
static const struct ytree_limits docio_limits = {16u << 20, DOC_MAX_VALUE, 16,
                                                 300000};

struct docio_loader {
	struct doc *d;
	const char *name;
	struct diag_list *diags;
	bool failed;
};

/* Report a problem at a node of the document file. */
static void
docio_error(struct docio_loader *ld, const struct ytree *at, const char *msg)
{
	diag_add(ld->diags, DIAG_ERROR, ld->name, at ? at->line : 0,
	         at ? at->col : 0, "%s", msg);
	ld->failed = true;
}

/* Describe the YAML shape expected for an item type. */
static const char *
docio_shape(const struct fdef_node *n)
{
	switch (n->type) {
	case FT_MULTI:
		return _("a list of checked labels");
	case FT_TABLE:
		return _("a list of rows");
	case FT_FLAG:
		return _("true or false");
	case FT_COUNT:
	case FT_NUMBER:
		return _("a number");
	default:
		return _("text");
	}
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
		char *msg = xasprintf(_("%s can have at most %zu rows; this "
		                        "file has %zu"),
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
			docio_error(ld, row,
			            _("a table row must be a mapping of column "
			              "names to text"));
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
				        _("the column \"%s\" of %s is given "
				          "twice (as %s and %s)"),
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

/* Read one item's value from its YAML node and validate it. */
static void
docio_load_item(struct docio_loader *ld, const struct fdef_node *n,
                const struct ytree *t, struct doc_value *out)
{
	char *err = NULL;

	out->line = t->line;
	out->col = t->col;
	if (ytree_is_null(t))
		return;
	if (n->type == FT_TABLE) {
		if (!docio_load_table(ld, n, t, out))
			return;
	} else if (n->type == FT_MULTI) {
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
		if (n->type == FT_FLAG && strcmp(t->s, "false") == 0)
			return;
		v = xmalloc(sizeof *v);
		v[0] = xstrdup(t->s);
		doc_value_take(out, v, 1);
	}
	if (!doc_validate_value(ld->d, n, out, &err)) {
		const struct ytree *at = t;

		/* Point at the offending list element when there is one. */
		if (n->type == FT_MULTI)
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
           struct ytree *const *val)
{
	*extra = xreallocarray(*extra, *nextra + 1, sizeof **extra);
	(*extra)[*nextra].key = xstrdup(key->s);
	(*extra)[*nextra].val = ytree_copy(*val);
	(*nextra)++;
}

static void docio_load_group(struct docio_loader *ld, struct doc_group *g,
                             struct ytree *t);

/* Read the accepted warnings of a group: a list of {rule, item, reason,
 * values}. */
static void
docio_load_accepted(struct docio_loader *ld, struct doc_group *g,
                    const struct ytree *t)
{
	static const char *const keys[] = {"rule", "item", "reason", "values"};

	if (t->kind != YT_SEQ) {
		docio_error(ld, t,
		            _("\"accepted\" must be a list of accepted "
		              "warnings"));
		return;
	}
	for (size_t i = 0; i < t->n; i++) {
		const struct ytree *m = t->kids[i];
		const char *v[4] = {NULL, NULL, NULL, ""};

		if (m->kind != YT_MAP) {
			docio_error(ld, m,
			            _("an accepted warning must be a mapping "
			              "with rule, item, reason and values"));
			return;
		}
		for (size_t k = 0; k + 1 < m->n; k += 2) {
			size_t j;

			for (j = 0; j < 4; j++)
				if (strcmp(m->kids[k]->s, keys[j]) == 0)
					break;
			if (j == 4 || m->kids[k + 1]->kind != YT_SCALAR) {
				char *msg = xasprintf(_("unknown or malformed "
				                        "field \"%s\" in an "
				                        "accepted warning"),
				                      m->kids[k]->s);

				docio_error(ld, m->kids[k], msg);
				free(msg);
				return;
			}
			v[j] = m->kids[k + 1]->s;
		}
		if (v[0] == NULL || v[1] == NULL || v[2] == NULL ||
		    fdef_child(g->def, v[1]) == NULL) {
			docio_error(ld, m,
			            _("an accepted warning needs a rule, the "
			              "key of an item of this section, and a "
			              "reason"));
			return;
		}
		doc_accept_add(g, v[0], v[1], v[2], v[3]);
		g->acc[g->nacc - 1].used = false;
	}
}

/* Read the instances of a repeat block. */
static void
docio_load_repeat(struct docio_loader *ld, struct doc_group *g,
                  const struct fdef_node *n, struct ytree *t)
{
	if (ytree_is_null(t))
		return;
	if (t->kind != YT_SEQ) {
		char *msg = xasprintf(_("%s (%s) must be a list of blocks"),
		                      n->title ? n->title : n->label, n->key);

		docio_error(ld, t, msg);
		free(msg);
		return;
	}
	if (t->n > n->max) {
		char *msg =
		        xasprintf(_("%s can have at most %zu entries; this "
		                    "file has %zu. Remove the extra ones"),
		                  n->title ? n->title : n->label, n->max, t->n);

		docio_error(ld, t->kids[n->max], msg);
		free(msg);
		return;
	}
	for (size_t i = 0; i < t->n; i++) {
		struct doc_group *inst = doc_add_instance(ld->d, g, n, i, NULL);

		docio_load_group(ld, inst, t->kids[i]);
	}
}

/* Read a mapping into a group instance. */
static void
docio_load_group(struct docio_loader *ld, struct doc_group *g, struct ytree *t)
{
	g->line = t->line;
	g->col = t->col;
	if (ytree_is_null(t))
		return;
	if (t->kind != YT_MAP) {
		char *msg = xasprintf(_("%s must be a mapping of item keys"),
		                      g->def->title ? g->def->title
		                                    : g->def->label);

		docio_error(ld, t, msg);
		free(msg);
		return;
	}
	for (size_t i = 0; i + 1 < t->n; i += 2) {
		struct ytree *key = t->kids[i];
		const struct fdef_node *n = fdef_child(g->def, key->s);
		struct doc_slot *s;

		if (n == NULL && strcmp(key->s, DOCIO_ACCEPTED) == 0) {
			docio_load_accepted(ld, g, t->kids[i + 1]);
			continue;
		}
		if (n == NULL || !fdef_in_version(n, ld->d->version)) {
			docio_keep(&g->extra, &g->nextra, key, &t->kids[i + 1]);
			continue;
		}
		s = doc_slot(g, n);
		s->line = key->line;
		s->col = key->col;
		switch (n->kind) {
		case FDEF_ITEM:
			docio_load_item(ld, n, t->kids[i + 1], &s->val);
			break;
		case FDEF_GROUP:
			docio_load_group(ld, s->grp, t->kids[i + 1]);
			break;
		case FDEF_REPEAT:
			docio_load_repeat(ld, g, n, t->kids[i + 1]);
			break;
		}
	}
}

/* Build a document from a parsed tree; NULL with diagnostics on error. */
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
		docio_error(ld, v,
		            _("\"baseline\" must be a mapping with \"file:\" "
		              "(the last published version) and "
		              "\"published:\" (its 公表日)"));
		return;
	}
	ld->d->base_file = xstrdup(file->s);
	if (pub != NULL && pub->s[0] != '\0')
		ld->d->base_published = xstrdup(pub->s);
}

static struct doc *
docio_from_tree(const struct fdef *fd, const char *name, struct ytree *t,
                struct diag_list *diags)
{
	struct docio_loader ld = {NULL, name, diags, false};
	const struct ytree *v;
	int version;

	if (t->kind != YT_MAP) {
		diag_add(
		        diags, DIAG_ERROR, name, t->line, t->col, "%s",
		        _("this is not a hyoka document: the top level must be "
		          "a mapping that starts with \"hyoka: 1\""));
		return NULL;
	}
	v = ytree_get(t, "hyoka");
	if (v == NULL || v->kind != YT_SCALAR ||
	    strcmp(v->s, DOCIO_FORMAT) != 0) {
		diag_add(
		        diags, DIAG_ERROR, name, v ? v->line : t->line,
		        v ? v->col : t->col, "%s",
		        v == NULL
		                ? _("this is not a hyoka document: the key "
		                    "\"hyoka: 1\" is missing")
		                : _("this document was written in a newer file "
		                    "format; update hyoka"));
		return NULL;
	}
	v = ytree_get(t, "form");
	if (v == NULL || v->kind != YT_SCALAR || strcmp(v->s, fd->id) != 0) {
		diag_add(diags, DIAG_ERROR, name, v ? v->line : t->line,
		         v ? v->col : t->col,
		         _("this document is not for the form \"%s\" (key "
		           "\"form\")"),
		         fd->id);
		return NULL;
	}
	v = ytree_get(t, "form_version");
	version = v && v->kind == YT_SCALAR ? fdef_version_find(fd, v->s) : -1;
	if (version < 0) {
		struct sbuf sb;

		sbuf_init(&sb);
		for (size_t i = 0; i < fd->nversions; i++)
			sbuf_addf(&sb, "%s%s", i ? ", " : "",
			          fd->versions[i].id);
		diag_add(diags, DIAG_ERROR, name, v ? v->line : t->line,
		         v ? v->col : t->col,
		         _("unknown form version (key \"form_version\"); use "
		           "one of: %s"),
		         sb.buf);
		sbuf_fini(&sb);
		return NULL;
	}
	ld.d = doc_new(fd, (size_t)version);
	ld.d->root->line = t->line;
	ld.d->root->col = t->col;
	for (size_t i = 0; i + 1 < t->n; i += 2) {
		struct ytree *key = t->kids[i];
		const struct fdef_node *n = fdef_child(fd->root, key->s);

		if (strcmp(key->s, "hyoka") == 0 ||
		    strcmp(key->s, "form") == 0 ||
		    strcmp(key->s, "form_version") == 0)
			continue;
		if (strcmp(key->s, DOCIO_BASELINE) == 0) {
			docio_load_baseline(&ld, t->kids[i + 1]);
			continue;
		}
		if (n == NULL || !fdef_in_version(n, ld.d->version)) {
			docio_keep(&ld.d->extra, &ld.d->nextra, key,
			           &t->kids[i + 1]);
			continue;
		}
		{
			struct doc_slot *s = doc_slot(ld.d->root, n);

			s->line = key->line;
			s->col = key->col;
			if (n->kind == FDEF_GROUP)
				docio_load_group(&ld, s->grp, t->kids[i + 1]);
			else if (n->kind == FDEF_REPEAT)
				docio_load_repeat(&ld, ld.d->root, n,
				                  t->kids[i + 1]);
			else
				docio_load_item(&ld, n, t->kids[i + 1],
				                &s->val);
		}
	}
	if (ld.failed)
		doc_free(&ld.d);
	return ld.d;
}

/* Load a document file; NULL with diagnostics on error. Caller frees. */
struct doc *
docio_load_file(const struct fdef *fd, const char *path,
                struct diag_list *diags)
{
	struct ytree *t = ytree_load_file(path, &docio_limits, diags);
	struct doc *d;

	if (t == NULL)
		return NULL;
	d = docio_from_tree(fd, path, t, diags);
	ytree_free(&t);
	return d;
}

/* Load a document from memory; NULL with diagnostics on error. */
struct doc *
docio_load_mem(const struct fdef *fd, const char *name, const char *buf,
               size_t len, struct diag_list *diags)
{
	struct ytree *t = ytree_load_mem(name, buf, len, &docio_limits, diags);
	struct doc *d;

	if (t == NULL)
		return NULL;
	d = docio_from_tree(fd, name, t, diags);
	ytree_free(&t);
	return d;
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

	if (!ready) {
		if (regcomp(&re, pattern, REG_EXTENDED | REG_NOSUB) != 0)
			return true; /* quoting is always safe */
		ready = true;
	}
	return regexec(&re, s, 0, NULL, 0) == 0;
}

static void docio_scalar(yaml_emitter_t *em, const char *s,
                         yaml_scalar_style_t style);

/* Emit a mapping key: plain, or quoted when YAML 1.1 tools would read it
 * as something else (a column or unknown key such as no or on). */
static void
docio_key(yaml_emitter_t *em, const char *key)
{
	docio_scalar(em, key,
	             docio_looks_special(key) ? YAML_SINGLE_QUOTED_SCALAR_STYLE
	                                      : YAML_PLAIN_SCALAR_STYLE);
}

/* Emit one scalar with a chosen style. */
static void
docio_scalar(yaml_emitter_t *em, const char *s, yaml_scalar_style_t style)
{
	yaml_event_t ev;

	yaml_scalar_event_initialize(&ev, NULL, NULL, (yaml_char_t *)s,
	                             (int)strlen(s), 1, 1, style);
	yaml_emitter_emit(em, &ev);
}

/* Emit a string value with the style that reads back as the same text. */
static void
docio_string(yaml_emitter_t *em, const char *s)
{
	if (strchr(s, '\n') != NULL)
		docio_scalar(em, s, YAML_LITERAL_SCALAR_STYLE);
	else if (docio_looks_special(s))
		docio_scalar(em, s, YAML_SINGLE_QUOTED_SCALAR_STYLE);
	else
		docio_scalar(em, s, YAML_ANY_SCALAR_STYLE);
}

/* Emit the start of a block or flow collection. */
static void
docio_start(yaml_emitter_t *em, bool map, bool flow)
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
	yaml_emitter_emit(em, &ev);
}

/* Emit the end of a collection. */
static void
docio_end(yaml_emitter_t *em, bool map)
{
	yaml_event_t ev;

	if (map)
		yaml_mapping_end_event_initialize(&ev);
	else
		yaml_sequence_end_event_initialize(&ev);
	yaml_emitter_emit(em, &ev);
}

/* Emit a kept subtree as it was read. */
static void
docio_emit_tree(yaml_emitter_t *em, const struct ytree *t)
{
	yaml_event_t ev;

	if (t->kind == YT_SCALAR) {
		yaml_scalar_event_initialize(
		        &ev, NULL, NULL, (yaml_char_t *)t->s, (int)t->len,
		        t->plain_implicit, 1, (yaml_scalar_style_t)t->style);
		yaml_emitter_emit(em, &ev);
		return;
	}
	docio_start(em, t->kind == YT_MAP, t->n == 0);
	for (size_t i = 0; i < t->n; i++)
		docio_emit_tree(em, t->kids[i]);
	docio_end(em, t->kind == YT_MAP);
}

/* Tell whether a group instance holds anything worth writing. */
static bool
docio_group_has_content(const struct doc_group *g)
{
	if (g->nextra > 0 || g->nacc > 0)
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
docio_emit_value(yaml_emitter_t *em, const struct fdef_node *n,
                 const struct doc_value *v)
{
	switch (n->type) {
	case FT_MULTI:
		docio_start(em, false, false);
		for (size_t i = 0; i < v->n; i++)
			docio_string(em, v->v[i]);
		docio_end(em, false);
		break;
	case FT_TABLE:
		docio_start(em, false, false);
		for (size_t r = 0; r < v->n / n->ncolumns; r++) {
			bool any = false;

			for (size_t c = 0; c < n->ncolumns; c++)
				any |= v->v[r * n->ncolumns + c][0] != '\0';
			docio_start(em, true, !any);
			for (size_t c = 0; c < n->ncolumns; c++) {
				const char *cell = v->v[r * n->ncolumns + c];

				if (cell[0] == '\0')
					continue;
				docio_key(em, n->columns[c].key);
				docio_string(em, cell);
			}
			docio_end(em, true);
		}
		docio_end(em, false);
		break;
	case FT_FLAG:
	case FT_COUNT:
	case FT_NUMBER:
		docio_scalar(em, v->v[0], YAML_PLAIN_SCALAR_STYLE);
		break;
	default:
		docio_string(em, v->v[0]);
		break;
	}
}

static void docio_emit_group(yaml_emitter_t *em, const struct doc_group *g);

/* Emit the known items of a group in form order, then its kept keys. */
static void
docio_emit_members(yaml_emitter_t *em, const struct doc_group *g,
                   const struct doc_extra *extra, size_t nextra)
{
	for (size_t i = 0; i < g->def->nkids; i++) {
		const struct fdef_node *n = g->def->kids[i];
		const struct doc_slot *s = &g->slots[i];

		switch (n->kind) {
		case FDEF_ITEM:
			if (doc_value_empty(&s->val))
				continue;
			docio_key(em, n->key);
			docio_emit_value(em, n, &s->val);
			break;
		case FDEF_GROUP:
			if (!docio_group_has_content(s->grp))
				continue;
			docio_key(em, n->key);
			docio_emit_group(em, s->grp);
			break;
		case FDEF_REPEAT:
			if (s->ninst == 0)
				continue;
			docio_key(em, n->key);
			docio_start(em, false, false);
			for (size_t j = 0; j < s->ninst; j++)
				docio_emit_group(em, s->inst[j]);
			docio_end(em, false);
			break;
		}
	}
	if (g->nacc > 0) {
		docio_scalar(em, DOCIO_ACCEPTED, YAML_PLAIN_SCALAR_STYLE);
		docio_start(em, false, false);
		for (size_t i = 0; i < g->nacc; i++) {
			docio_start(em, true, false);
			docio_scalar(em, "rule", YAML_PLAIN_SCALAR_STYLE);
			docio_string(em, g->acc[i].rule);
			docio_scalar(em, "item", YAML_PLAIN_SCALAR_STYLE);
			docio_string(em, g->acc[i].item);
			docio_scalar(em, "reason", YAML_PLAIN_SCALAR_STYLE);
			docio_string(em, g->acc[i].reason);
			docio_scalar(em, "values", YAML_PLAIN_SCALAR_STYLE);
			docio_string(em, g->acc[i].values);
			docio_end(em, true);
		}
		docio_end(em, false);
	}
	for (size_t i = 0; i < nextra; i++) {
		docio_key(em, extra[i].key);
		docio_emit_tree(em, extra[i].val);
	}
}

/* Emit a group instance as a mapping ({} when empty). */
static void
docio_emit_group(yaml_emitter_t *em, const struct doc_group *g)
{
	bool empty = !docio_group_has_content(g);

	docio_start(em, true, empty);
	docio_emit_members(em, g, g->extra, g->nextra);
	docio_end(em, true);
}

/* Write a document as YAML text; caller frees. *len gets its length.
 * NULL when libyaml refuses the content (nothing must be saved then). */
char *
docio_emit(const struct doc *d, size_t *len)
{
	yaml_emitter_t em;
	yaml_event_t ev;
	struct sbuf sb;

	sbuf_init(&sb);
	yaml_emitter_initialize(&em);
	yaml_emitter_set_output(&em, docio_write, &sb);
	yaml_emitter_set_unicode(&em, 1);
	yaml_emitter_set_width(&em, -1);
	yaml_emitter_set_indent(&em, 2);
	yaml_emitter_set_break(&em, YAML_LN_BREAK);
	yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING);
	yaml_emitter_emit(&em, &ev);
	yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 1);
	yaml_emitter_emit(&em, &ev);
	docio_start(&em, true, false);
	docio_scalar(&em, "hyoka", YAML_PLAIN_SCALAR_STYLE);
	docio_scalar(&em, DOCIO_FORMAT, YAML_PLAIN_SCALAR_STYLE);
	docio_scalar(&em, "form", YAML_PLAIN_SCALAR_STYLE);
	docio_string(&em, d->fd->id);
	docio_scalar(&em, "form_version", YAML_PLAIN_SCALAR_STYLE);
	docio_string(&em, d->fd->versions[d->version].id);
	if (d->base_file != NULL) {
		docio_scalar(&em, DOCIO_BASELINE, YAML_PLAIN_SCALAR_STYLE);
		docio_start(&em, true, false);
		docio_scalar(&em, "file", YAML_PLAIN_SCALAR_STYLE);
		docio_string(&em, d->base_file);
		if (d->base_published != NULL) {
			docio_scalar(&em, "published", YAML_PLAIN_SCALAR_STYLE);
			docio_string(&em, d->base_published);
		}
		docio_end(&em, true);
	}
	docio_emit_members(&em, d->root, d->extra, d->nextra);
	docio_end(&em, true);
	yaml_document_end_event_initialize(&ev, 1);
	yaml_emitter_emit(&em, &ev);
	yaml_stream_end_event_initialize(&ev);
	yaml_emitter_emit(&em, &ev);
	yaml_emitter_flush(&em);
	if (em.error != YAML_NO_ERROR) {
		/* Values are validated on the way in; this is a safety net so
		 * that a broken text is never written over a good file. */
		yaml_emitter_delete(&em);
		sbuf_fini(&sb);
		*len = 0;
		return NULL;
	}
	yaml_emitter_delete(&em);
	*len = sb.len;
	return sbuf_detach(&sb);
}
