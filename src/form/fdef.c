#include <config.h>
#include "fdef.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "fbuiltin.h"
#include "i18n.h"
#include "jtext.h"
#include "sbuf.h"
#include "xalloc.h"
#include "ytree.h"

struct fdef_loader {
	struct fdef *fd;
	const char *file;
	struct diag_list *diags;
	bool failed;
};

/* The field types (fdef.h). */
const struct fdef_type_info fdef_types[FT_NTYPES] = {
        [FT_NONE] = {"", FS_TEXT, N_("text"), FI_TYPED, true, false, true},
        [FT_LINE] = {"line", FS_TEXT, N_("text"), FI_TYPED, true, false, true},
        [FT_TEXT] = {"text", FS_TEXT, N_("text"), FI_TYPED, false, false, true},
        [FT_CHOICE] = {"choice", FS_TEXT, N_("text"), FI_PICK, true, false,
                       false},
        [FT_MULTI] = {"multi", FS_LIST, N_("a list of checked labels"),
                      FI_CHECK, true, false, false},
        [FT_FLAG] = {"flag", FS_BOOL, N_("true or false"), FI_CHECK, true,
                     false, false},
        [FT_COUNT] = {"count", FS_NUMBER, N_("a number"), FI_TYPED, true, true,
                      false},
        [FT_DATE] = {"date", FS_TEXT, N_("text"), FI_TYPED, true, true, false},
        [FT_NUMBER] = {"number", FS_NUMBER, N_("a number"), FI_TYPED, true,
                       true, false},
        [FT_TABLE] = {"table", FS_ROWS, N_("a list of rows"), FI_TYPED, false,
                      false, false},
};

/* Name a type as printed by `hyoka fields`. Static string. */
const char *
fdef_type_name(enum fdef_type t)
{
	return fdef_types[t].name;
}

/* Report an error at a YAML node of the form definition. */
static void
fdef_error(struct fdef_loader *ld, const struct ytree *at, const char *fmt,
           const char *arg)
{
	char *msg = xasprintf(fmt, arg ? arg : "");

	diag_add(ld->diags, DIAG_ERROR, ld->file, at ? at->line : 0,
	         at ? at->col : 0, "%s", msg);
	free(msg);
	ld->failed = true;
}

/* Read a scalar field as a new string, or NULL when absent. */
static char *
fdef_str(struct fdef_loader *ld, const struct ytree *map, const char *key)
{
	const struct ytree *v = ytree_get(map, key);

	if (v == NULL)
		return NULL;
	if (v->kind != YT_SCALAR) {
		fdef_error(ld, v, _("\"%s\" must be a text value"), key);
		return NULL;
	}
	return xstrdup(v->s);
}

/* Read a true/false field; absent gives def. */
static bool
fdef_bool(struct fdef_loader *ld, const struct ytree *map, const char *key,
          bool def)
{
	const struct ytree *v = ytree_get(map, key);

	if (v == NULL)
		return def;
	if (v->kind == YT_SCALAR && strcmp(v->s, "true") == 0)
		return true;
	if (v->kind == YT_SCALAR && strcmp(v->s, "false") == 0)
		return false;
	fdef_error(ld, v, _("\"%s\" must be true or false"), key);
	return def;
}

/* Refuse fields that are not in the allowed list. */
static void
fdef_check_fields(struct fdef_loader *ld, const struct ytree *map,
                  const char *const *allowed)
{
	for (size_t i = 0; i + 1 < map->n; i += 2) {
		bool ok = false;

		for (size_t j = 0; allowed[j] != NULL && !ok; j++)
			ok = strcmp(map->kids[i]->s, allowed[j]) == 0;
		if (!ok)
			fdef_error(
			        ld, map->kids[i],
			        _("unknown field \"%s\" in the form definition"),
			        map->kids[i]->s);
	}
}

/* Turn a list of version ids into a bit mask; all versions when absent. */
static unsigned
fdef_versions(struct fdef_loader *ld, const struct ytree *map)
{
	const struct ytree *v = ytree_get(map, "versions");
	unsigned mask = 0;

	if (v == NULL)
		return ~0u;
	if (v->kind != YT_SEQ) {
		fdef_error(ld, v, _("\"%s\" must be a list of version ids"),
		           "versions");
		return ~0u;
	}
	for (size_t i = 0; i < v->n; i++) {
		int k = v->kids[i]->kind == YT_SCALAR
		                ? fdef_version_find(ld->fd, v->kids[i]->s)
		                : -1;

		if (k < 0)
			fdef_error(ld, v->kids[i],
			           _("unknown form version \"%s\""),
			           v->kids[i]->kind == YT_SCALAR ? v->kids[i]->s
			                                         : "?");
		else
			mask |= 1u << k;
	}
	return mask;
}

/* Read an item's example: one text, or one per form version (a mapping
 * from version ids to texts, for an example that differs between them). */
static void
fdef_example(struct fdef_loader *ld, struct fdef_node *n, const struct ytree *v)
{
	if (v == NULL)
		return;
	if (v->kind == YT_SCALAR) {
		n->example = xstrdup(v->s);
		return;
	}
	if (v->kind != YT_MAP) {
		fdef_error(
		        ld, v,
		        _("\"%s\" must be a text value or a mapping from form versions to texts"),
		        "example");
		return;
	}
	n->examples = xcalloc(ld->fd->nversions + 1, sizeof *n->examples);
	n->nexamples = ld->fd->nversions;
	for (size_t i = 0; i + 1 < v->n; i += 2) {
		const struct ytree *key = v->kids[i], *text = v->kids[i + 1];
		int k = key->kind == YT_SCALAR
		                ? fdef_version_find(ld->fd, key->s)
		                : -1;

		if (k < 0 || text->kind != YT_SCALAR) {
			fdef_error(ld, key, _("unknown form version \"%s\""),
			           key->kind == YT_SCALAR ? key->s : "?");
			continue;
		}
		free(n->examples[k]);
		n->examples[k] = xstrdup(text->s);
	}
}

/* The example of an item for a form version, or NULL. Borrowed. */
const char *
fdef_example_for(const struct fdef_node *n, size_t version)
{
	return n->examples != NULL ? n->examples[version] : n->example;
}

/* Tell whether a key is a valid ASCII item key. */
static bool
fdef_key_ok(const char *k)
{
	if (!islower((unsigned char)k[0]))
		return false;
	for (; *k; k++)
		if (!islower((unsigned char)*k) &&
		    !isdigit((unsigned char)*k) && *k != '_')
			return false;
	return true;
}

/* Add a child node to a parent's list. */
static void
fdef_add_kid(struct fdef_node *parent, struct fdef_node *kid)
{
	parent->kids = xreallocarray(parent->kids, parent->nkids + 1,
	                             sizeof *parent->kids);
	kid->index = parent->nkids;
	kid->parent = parent;
	parent->kids[parent->nkids++] = kid;
}

static void fdef_load_items(struct fdef_loader *ld, struct fdef_node *parent,
                            const struct ytree *list, const char *ref_prefix);

/* Read the options, members or columns of an item. */
static void
fdef_load_values(struct fdef_loader *ld, struct fdef_node *n,
                 const struct ytree *map)
{
	const struct ytree *v;

	if ((v = ytree_get(map, "options")) != NULL) {
		if (v->kind != YT_SEQ || v->n == 0) {
			fdef_error(ld, v, _("\"%s\" must be a non-empty list"),
			           "options");
			return;
		}
		n->options = xcalloc(v->n, sizeof *n->options);
		for (size_t i = 0; i < v->n; i++) {
			if (v->kids[i]->kind != YT_SCALAR) {
				fdef_error(ld, v->kids[i], "%s",
				           _("an option must be a text value"));
				continue;
			}
			n->options[n->noptions++] = xstrdup(v->kids[i]->s);
		}
	}
	if ((v = ytree_get(map, "members")) != NULL) {
		static const char *const fields[] = {
		        "label", "group", "exclusive", "versions", NULL};

		if (v->kind != YT_SEQ || v->n == 0) {
			fdef_error(ld, v, _("\"%s\" must be a non-empty list"),
			           "members");
			return;
		}
		n->members = xcalloc(v->n, sizeof *n->members);
		for (size_t i = 0; i < v->n; i++) {
			const struct ytree *m = v->kids[i];
			struct fdef_member *mem = &n->members[n->nmembers];

			if (m->kind != YT_MAP) {
				fdef_error(
				        ld, m, "%s",
				        _("a member must be a mapping with a label"));
				continue;
			}
			fdef_check_fields(ld, m, fields);
			mem->label = fdef_str(ld, m, "label");
			if (mem->label == NULL) {
				fdef_error(ld, m, _("a member needs a \"%s\""),
				           "label");
				continue;
			}
			mem->group = fdef_str(ld, m, "group");
			mem->exclusive = fdef_bool(ld, m, "exclusive", false);
			mem->versions = fdef_versions(ld, m);
			n->nmembers++;
		}
	}
	if ((v = ytree_get(map, "columns")) != NULL) {
		static const char *const column_fields[] = {"key", "label",
		                                            "old_key", NULL};

		if (v->kind != YT_SEQ || v->n == 0) {
			fdef_error(ld, v, _("\"%s\" must be a non-empty list"),
			           "columns");
			return;
		}
		n->columns = xcalloc(v->n, sizeof *n->columns);
		for (size_t i = 0; i < v->n; i++) {
			const struct ytree *m = v->kids[i];
			struct fdef_column *col = &n->columns[n->ncolumns];

			if (m->kind != YT_MAP) {
				fdef_error(ld, m, "%s",
				           _("a column must be a mapping"));
				continue;
			}
			fdef_check_fields(ld, m, column_fields);
			col->key = fdef_str(ld, m, "key");
			col->label = fdef_str(ld, m, "label");
			col->old_key = fdef_str(ld, m, "old_key");
			if (col->key == NULL || !fdef_key_ok(col->key) ||
			    col->label == NULL ||
			    (col->old_key != NULL &&
			     !fdef_key_ok(col->old_key))) {
				fdef_error(
				        ld, m, "%s",
				        _("a column needs an ASCII \"key\" and a \"label\""));
				free(col->key);
				free(col->label);
				free(col->old_key);
				memset(col, 0, sizeof *col);
				continue;
			}
			n->ncolumns++;
		}
	}
}

/* Check that an item has what its type needs. */
static void
fdef_check_item(struct fdef_loader *ld, struct fdef_node *n,
                const struct ytree *map)
{
	if (n->type == FT_CHOICE && n->noptions == 0)
		fdef_error(ld, map, _("choice item \"%s\" has no options"),
		           n->key);
	if (n->type == FT_MULTI && n->nmembers == 0)
		fdef_error(ld, map, _("multi item \"%s\" has no members"),
		           n->key);
	if (n->type == FT_TABLE && n->ncolumns == 0)
		fdef_error(ld, map, _("table item \"%s\" has no columns"),
		           n->key);
	if (n->type != FT_CHOICE && n->noptions > 0)
		fdef_error(ld, map,
		           _("only choice items have options (\"%s\")"),
		           n->key);
	if (n->type != FT_MULTI && n->nmembers > 0)
		fdef_error(ld, map, _("only multi items have members (\"%s\")"),
		           n->key);
}

/* The roles C code looks nodes up by (doc/form-definition.md). */
static const char *const fdef_roles[] = {
        "change_log",    "change_date",  "change_item",
        "change_before", "change_after", "change_timing",
        "change_reason", "published",    NULL};

/* Read a node's role: one of fdef_roles, each on one node only. */
static void
fdef_load_role(struct fdef_loader *ld, struct fdef_node *n,
               const struct ytree *map)
{
	size_t k;

	n->role = fdef_str(ld, map, "role");
	if (n->role == NULL)
		return;
	for (k = 0; fdef_roles[k] != NULL; k++)
		if (strcmp(n->role, fdef_roles[k]) == 0)
			break;
	if (fdef_roles[k] == NULL)
		fdef_error(
		        ld, ytree_get(map, "role"),
		        _("unknown role \"%s\" (see doc/form-definition.md)"),
		        n->role);
}

/* Refuse a role given to two nodes. */
static void
fdef_check_roles(struct fdef_loader *ld)
{
	for (size_t i = 0; i < ld->fd->nall; i++)
		for (size_t k = 0; k < i && ld->fd->all[i]->role != NULL; k++)
			if (ld->fd->all[k]->role != NULL &&
			    strcmp(ld->fd->all[k]->role,
			           ld->fd->all[i]->role) == 0) {
				struct ytree at = {0};

				at.line = ld->fd->all[i]->line;
				at.col = ld->fd->all[i]->col;
				fdef_error(ld, &at,
				           _("the role \"%s\" is given twice"),
				           ld->fd->all[i]->role);
			}
}

/* Read the suggested explanations of an item: a list of mappings with
 * timing, important, text and label. */
static void
fdef_load_presets(struct fdef_loader *ld, struct fdef_node *n,
                  const struct ytree *map)
{
	static const char *const fields[] = {"timing", "important", "text",
	                                     "label", NULL};
	const struct ytree *v = ytree_get(map, "presets");

	if (v == NULL)
		return;
	if (v->kind != YT_SEQ) {
		fdef_error(ld, v, _("\"%s\" must be a list"), "presets");
		return;
	}
	n->presets = xcalloc(v->n + 1, sizeof *n->presets);
	for (size_t i = 0; i < v->n; i++) {
		const struct ytree *m = v->kids[i];
		struct fdef_preset *pr = &n->presets[n->npresets];

		if (m->kind != YT_MAP) {
			fdef_error(ld, m, "%s",
			           _("a preset must be a mapping"));
			continue;
		}
		fdef_check_fields(ld, m, fields);
		pr->timing = fdef_str(ld, m, "timing");
		pr->text = fdef_str(ld, m, "text");
		pr->important = fdef_bool(ld, m, "important", false);
		pr->label = fdef_str(ld, m, "label");
		if (pr->timing == NULL || pr->text == NULL) {
			fdef_error(ld, m, "%s",
			           _("a preset needs \"timing\" and \"text\""));
			free(pr->timing);
			free(pr->text);
			free(pr->label);
			continue;
		}
		n->npresets++;
	}
}

/* Build a node from one entry of an items list; NULL on error. */
static struct fdef_node *
fdef_load_node(struct fdef_loader *ld, struct fdef_node *parent,
               const struct ytree *map, const char *ref_prefix)
{
	static const char *const fields[] = {"key",
	                                     "kind",
	                                     "type",
	                                     "label",
	                                     "title",
	                                     "short",
	                                     "ref",
	                                     "ref_prefix",
	                                     "name_prefix",
	                                     "name_item",
	                                     "important",
	                                     "optional_mark",
	                                     "show",
	                                     "show_reason",
	                                     "required",
	                                     "required_reason",
	                                     "rule",
	                                     "versions",
	                                     "help",
	                                     "example",
	                                     "mistakes",
	                                     "options",
	                                     "members",
	                                     "companion_of",
	                                     "member",
	                                     "month_allowed",
	                                     "columns",
	                                     "max",
	                                     "min",
	                                     "max_rows",
	                                     "instance_label",
	                                     "items",
	                                     "per_version",
	                                     "role",
	                                     "presets",
	                                     "unit",
	                                     "blank_text",
	                                     NULL};
	struct fdef_node *n;
	char *kind, *type, *ref, *prefix;
	const struct ytree *v;

	if (map->kind != YT_MAP) {
		fdef_error(ld, map, "%s", _("an item must be a mapping"));
		return NULL;
	}
	fdef_check_fields(ld, map, fields);
	n = xcalloc(1, sizeof *n);
	n->line = map->line;
	n->col = map->col;
	n->key = fdef_str(ld, map, "key");
	if (n->key == NULL || !fdef_key_ok(n->key)) {
		fdef_error(
		        ld, map,
		        _("every item needs a \"key\" of lower-case ASCII letters, digits and _ (got \"%s\")"),
		        n->key);
		n->key = n->key ? n->key : xstrdup("?");
	}
	if (strcmp(n->key, "accepted") == 0)
		fdef_error(
		        ld, map,
		        _("the key \"%s\" is reserved for accepted warnings"),
		        n->key);
	for (size_t i = 0; i < parent->nkids; i++)
		if (strcmp(parent->kids[i]->key, n->key) == 0)
			fdef_error(
			        ld, map,
			        _("the key \"%s\" is used twice in the same section"),
			        n->key);
	kind = fdef_str(ld, map, "kind");
	if (kind == NULL || strcmp(kind, "item") == 0)
		n->kind = FDEF_ITEM;
	else if (strcmp(kind, "group") == 0)
		n->kind = FDEF_GROUP;
	else if (strcmp(kind, "repeat") == 0)
		n->kind = FDEF_REPEAT;
	else
		fdef_error(
		        ld, ytree_get(map, "kind"),
		        _("unknown kind \"%s\" (use group, repeat, heading or item)"),
		        kind);
	free(kind);
	type = fdef_str(ld, map, "type");
	if (n->kind == FDEF_ITEM) {
		for (size_t t = FT_NONE + 1; t < FT_NTYPES; t++)
			if (type != NULL &&
			    strcmp(type, fdef_types[t].name) == 0)
				n->type = (enum fdef_type)t;
		if (n->type == FT_NONE) {
			struct sbuf names;
			char *msg;

			sbuf_init(&names);
			for (size_t t = FT_NONE + 1; t < FT_NTYPES; t++)
				sbuf_addf(&names, "%s%s", names.len ? ", " : "",
				          fdef_types[t].name);
			msg = xasprintf(
			        _("item needs a type: one of %s (got \"%s\")"),
			        names.buf, type ? type : "");
			fdef_error(ld, map, "%s", msg);
			free(msg);
			sbuf_fini(&names);
		}
	} else if (type != NULL) {
		fdef_error(ld, map, _("a %s has no type"),
		           n->kind == FDEF_GROUP ? "group" : "repeat");
	}
	free(type);
	n->label = fdef_str(ld, map, "label");
	n->title = fdef_str(ld, map, "title");
	n->short_name = fdef_str(ld, map, "short");
	if (n->label == NULL && n->title != NULL)
		n->label = xstrdup(n->title);
	if (n->label == NULL) {
		fdef_error(ld, map, _("item \"%s\" has no label"), n->key);
		n->label = xstrdup(n->key);
	}
	ref = fdef_str(ld, map, "ref");
	prefix = fdef_str(ld, map, "ref_prefix");
	n->ref = xasprintf("%s%s", ref_prefix, ref ? ref : "");
	n->ref_local = n->ref + strlen(ref_prefix);
	free(ref);
	n->name_prefix = fdef_str(ld, map, "name_prefix");
	if (n->name_prefix != NULL && n->kind != FDEF_REPEAT)
		fdef_error(ld, ytree_get(map, "name_prefix"),
		           _("only a repeat has a \"%s\""), "name_prefix");
	n->instance_label = fdef_str(ld, map, "instance_label");
	n->help = fdef_str(ld, map, "help");
	fdef_example(ld, n, ytree_get(map, "example"));
	n->mistakes = fdef_str(ld, map, "mistakes");
	n->show_reason = fdef_str(ld, map, "show_reason");
	n->rule = fdef_str(ld, map, "rule");
	n->required_reason = fdef_str(ld, map, "required_reason");
	n->important = fdef_bool(ld, map, "important", parent->important);
	n->optional_mark =
	        fdef_bool(ld, map, "optional_mark", parent->optional_mark);
	n->month_allowed = fdef_bool(ld, map, "month_allowed", false);
	n->per_version = fdef_bool(ld, map, "per_version", false);
	n->unit = fdef_str(ld, map, "unit");
	n->blank_text = fdef_str(ld, map, "blank_text");
	fdef_load_role(ld, n, map);
	fdef_load_presets(ld, n, map);
	n->versions = fdef_versions(ld, map) & parent->versions;
	n->required_const = !n->optional_mark && n->type != FT_FLAG;
	n->nrepeats = parent->nrepeats + (n->kind == FDEF_REPEAT);
	if ((v = ytree_get(map, "max")) != NULL ||
	    (v = ytree_get(map, "max_rows")) != NULL) {
		char *end;
		long m = v->kind == YT_SCALAR ? strtol(v->s, &end, 10) : 0;

		if (v->kind != YT_SCALAR || *end != '\0' || m < 1 || m > 100000)
			fdef_error(
			        ld, v,
			        _("\"%s\" must be a number from 1 to 100000"),
			        "max");
		n->max = (size_t)(m > 0 ? m : 1);
	} else if (n->kind == FDEF_REPEAT || n->type == FT_TABLE) {
		fdef_error(ld, map,
		           _("repeat block or table \"%s\" needs \"max\""),
		           n->key);
	}
	if ((v = ytree_get(map, "min")) != NULL) {
		char *end;
		long m = v->kind == YT_SCALAR ? strtol(v->s, &end, 10) : -1;

		if (n->kind != FDEF_REPEAT || v->kind != YT_SCALAR ||
		    *end != '\0' || m < 0 || (size_t)m > n->max)
			fdef_error(
			        ld, v,
			        _("\"%s\" must be a number from 0 to max, on a repeat"),
			        "min");
		else
			n->min = (size_t)m;
	}
	fdef_add_kid(parent, n);
	n->path = parent->path[0]
	                  ? xasprintf("%s.%s%s", parent->path, n->key,
	                              n->kind == FDEF_REPEAT ? ".*" : "")
	                  : xasprintf("%s%s", n->key,
	                              n->kind == FDEF_REPEAT ? ".*" : "");
	if (n->kind == FDEF_ITEM) {
		fdef_load_values(ld, n, map);
		fdef_check_item(ld, n, map);
		if (ytree_get(map, "items") != NULL)
			fdef_error(ld, map,
			           _("an item cannot hold items (\"%s\")"),
			           n->key);
	} else {
		char *sub = xasprintf("%s%s", ref_prefix, prefix ? prefix : "");

		v = ytree_get(map, "items");
		if (v == NULL)
			fdef_error(ld, map, _("section \"%s\" has no items"),
			           n->key);
		else
			fdef_load_items(ld, n, v, sub);
		free(sub);
	}
	free(prefix);
	return n;
}

/* Tell whether an entry of an items list is a heading over items. */
static bool
fdef_is_heading(const struct ytree *map)
{
	const struct ytree *k =
	        map->kind == YT_MAP ? ytree_get(map, "kind") : NULL;

	return k != NULL && k->kind == YT_SCALAR &&
	       strcmp(k->s, "heading") == 0;
}

/* Load a heading and the items under it, which become children of
 * parent like any other. */
static void
fdef_load_heading(struct fdef_loader *ld, struct fdef_node *parent,
                  const struct ytree *map, const char *ref_prefix)
{
	static const char *const fields[] = {"kind", "label", "ref", "items",
	                                     NULL};
	const struct ytree *items = ytree_get(map, "items");
	struct fdef_heading *h = xcalloc(1, sizeof *h);
	char *ref;
	size_t before = parent->nkids;

	fdef_check_fields(ld, map, fields);
	h->line = map->line;
	h->col = map->col;
	h->label = fdef_str(ld, map, "label");
	ref = fdef_str(ld, map, "ref");
	h->ref = ref ? xasprintf("%s%s", ref_prefix, ref) : NULL;
	free(ref);
	ld->fd->headings =
	        xreallocarray(ld->fd->headings, ld->fd->nheadings + 1,
	                      sizeof *ld->fd->headings);
	ld->fd->headings[ld->fd->nheadings++] = h;
	if (h->label == NULL)
		fdef_error(ld, map, _("a heading needs a \"%s\""), "label");
	if (items == NULL || items->kind != YT_SEQ || items->n == 0) {
		fdef_error(ld, map, _("a heading needs a list of \"%s\""),
		           "items");
		return;
	}
	for (size_t i = 0; i < items->n; i++) {
		const struct ytree *m = items->kids[i];
		const struct ytree *k =
		        m->kind == YT_MAP ? ytree_get(m, "kind") : NULL;

		/* Only items: a heading is one row of the printed form over
		 * the rows that follow, never over a section. */
		if (k != NULL &&
		    (k->kind != YT_SCALAR || strcmp(k->s, "item") != 0)) {
			fdef_error(ld, m,
			           _("a heading holds items only (got \"%s\")"),
			           k->kind == YT_SCALAR ? k->s : "?");
			continue;
		}
		fdef_load_node(ld, parent, m, ref_prefix);
	}
	for (size_t i = before; i < parent->nkids; i++)
		parent->kids[i]->heading = h;
	if (parent->nkids > before)
		h->first = parent->kids[before];
}

/* Load every node of an items list under parent. */
static void
fdef_load_items(struct fdef_loader *ld, struct fdef_node *parent,
                const struct ytree *list, const char *ref_prefix)
{
	if (list->kind != YT_SEQ) {
		fdef_error(ld, list, _("\"%s\" must be a list"), "items");
		return;
	}
	for (size_t i = 0; i < list->n; i++)
		if (fdef_is_heading(list->kids[i]))
			fdef_load_heading(ld, parent, list->kids[i],
			                  ref_prefix);
		else
			fdef_load_node(ld, parent, list->kids[i], ref_prefix);
}

/* The entries of an items list in the order their nodes were made, the
 * items under a heading in its place. Caller frees the array. */
static const struct ytree **
fdef_flat_items(const struct ytree *list, size_t *n)
{
	const struct ytree **v = NULL;

	*n = 0;
	if (list == NULL || list->kind != YT_SEQ)
		return NULL;
	for (size_t i = 0; i < list->n; i++) {
		const struct ytree *m = list->kids[i];
		const struct ytree *sub =
		        fdef_is_heading(m) ? ytree_get(m, "items") : NULL;
		size_t k = sub != NULL && sub->kind == YT_SEQ ? sub->n : 1;

		v = xreallocarray(v, *n + k + 1, sizeof *v);
		for (size_t j = 0; j < k; j++)
			v[(*n)++] = sub != NULL ? sub->kids[j] : m;
	}
	return v;
}

/* Tell whether an item is the name of its block, printed in the block's
 * heading row (委託事項1 <its name>). No memory. */
bool
fdef_names_block(const struct fdef_node *n)
{
	return n->parent != NULL && n->parent->kind == FDEF_REPEAT &&
	       n->parent->name_item == n;
}

/* Find the child of a node with a given key; NULL when absent. */
const struct fdef_node *
fdef_child(const struct fdef_node *n, const char *key)
{
	for (size_t i = 0; i < n->nkids; i++)
		if (strcmp(n->kids[i]->key, key) == 0)
			return n->kids[i];
	return NULL;
}

/* Walk a dotted path down from n through groups; NULL when not found. */
static const struct fdef_node *
fdef_descend(const struct fdef_node *n, const char *path, bool cross_repeat)
{
	char *copy = xstrdup(path), *save = NULL;
	const struct fdef_node *cur = n;

	for (char *tok = strtok_r(copy, ".", &save); tok != NULL && cur;
	     tok = strtok_r(NULL, ".", &save)) {
		if (strcmp(tok, "*") == 0 && cur->kind == FDEF_REPEAT)
			continue;
		if (cur != n && cur->kind == FDEF_REPEAT && !cross_repeat) {
			cur = NULL;
			break;
		}
		if (cur->kind == FDEF_ITEM) {
			cur = NULL;
			break;
		}
		cur = fdef_child(cur, tok);
	}
	free(copy);
	return cur;
}

/* Resolve a path relative to scope, as the condition language defines:
 * among scope's siblings, then outward. NULL when unknown. */
const struct fdef_node *
fdef_resolve(const struct fdef_node *scope, const char *path)
{
	for (const struct fdef_node *s = scope; s != NULL && s->parent != NULL;
	     s = s->parent) {
		const struct fdef_node *r =
		        fdef_descend(s->parent, path, false);

		if (r != NULL)
			return r;
	}
	return NULL;
}

/* Condition-parser callback around fdef_resolve(). */
static const struct fdef_node *
fdef_resolve_cb(void *ctx, const struct fdef_node *scope, const char *path)
{
	(void)ctx;
	return fdef_resolve(scope, path);
}

/* Find a node by its starred path (files.*.outline.name); NULL if unknown. */
const struct fdef_node *
fdef_find(const struct fdef *fd, const char *path)
{
	return fdef_descend(fd->root, path, true);
}

struct fdef_reader_arg {
	struct fdef_node *reader;
};

/* Record that the reader's conditions read node. */
static void
fdef_add_reader(void *arg, const struct fdef_node *node)
{
	struct fdef_node *target = (struct fdef_node *)node;
	struct fdef_node *reader = ((struct fdef_reader_arg *)arg)->reader;

	for (size_t i = 0; i < target->nreaders; i++)
		if (target->readers[i] == reader)
			return;
	target->readers = xreallocarray(target->readers, target->nreaders + 1,
	                                sizeof *target->readers);
	target->readers[target->nreaders++] = reader;
}

/* Parse one condition field of a node. */
static struct cond *
fdef_load_cond(struct fdef_loader *ld, const struct ytree *v,
               const struct fdef_node *scope)
{
	struct cond_source src = {ld->file, v->line, v->col, fdef_resolve_cb,
	                          NULL};

	if (v->kind != YT_SCALAR) {
		fdef_error(ld, v, "%s", _("a condition must be a text value"));
		return NULL;
	}
	if (v->style != 1 && v->style != 0)
		src.col++;
	{
		struct cond *c = cond_parse(v->s, scope, &src, ld->diags);

		if (c == NULL)
			ld->failed = true;
		return c;
	}
}

/* A label as change logs are matched against it: without blanks, a
 * leading circled number and a trailing ※. Caller frees. */
static char *
fdef_match_text(const char *s)
{
	char *t = xmalloc(strlen(s) + 1), *w = t;
	const char *p = s;
	size_t len;

	for (; *p; p++) {
		if (*p == ' ' || *p == '\t' || *p == '\n')
			continue;
		if (strncmp(p, "　", 3) == 0) {
			p += 2;
			continue;
		}
		*w++ = *p;
	}
	*w = '\0';
	w = t;
	w += jtext_circled_prefix(w);
	len = strlen(w);
	if (len >= 3 && strcmp(w + len - 3, "※") == 0)
		len -= 3;
	w = xstrndup(w, len);
	free(t);
	return w;
}

/* Second pass: conditions, companions and the document order index. */
static void
fdef_link(struct fdef_loader *ld, struct fdef_node *n, const struct ytree *map)
{
	const struct ytree *v;

	if (map != NULL) {
		if ((v = ytree_get(map, "name_item")) != NULL) {
			const struct fdef_node *k =
			        v->kind == YT_SCALAR ? fdef_child(n, v->s)
			                             : NULL;

			if (n->kind != FDEF_REPEAT || k == NULL ||
			    k->kind != FDEF_ITEM || k->type != FT_LINE)
				fdef_error(
				        ld, v,
				        _("\"%s\" must name a line item of this repeat"),
				        "name_item");
			else
				n->name_item = k;
		}
		if ((v = ytree_get(map, "show")) != NULL)
			n->show = fdef_load_cond(ld, v, n);
		if ((v = ytree_get(map, "required")) != NULL) {
			if (v->kind == YT_SCALAR && strcmp(v->s, "true") == 0)
				n->required_const = true;
			else if (v->kind == YT_SCALAR &&
			         strcmp(v->s, "false") == 0)
				n->required_const = false;
			else
				n->required = fdef_load_cond(ld, v, n);
		}
		if ((v = ytree_get(map, "companion_of")) != NULL) {
			char *member = fdef_str(ld, map, "member");
			const struct fdef_node *m =
			        v->kind == YT_SCALAR
			                ? fdef_child(n->parent, v->s)
			                : NULL;
			long k;

			if (m == NULL || m->type != FT_MULTI) {
				fdef_error(
				        ld, v,
				        _("companion_of must name a multi item in the same section (\"%s\")"),
				        v->kind == YT_SCALAR ? v->s : "?");
			} else if (member == NULL ||
			           (k = fdef_member_index(m, member,
			                                  (size_t)-1)) < 0) {
				fdef_error(
				        ld, map,
				        _("\"member\" must name a member of the companion's item (\"%s\")"),
				        member);
			} else if (n->type != FT_LINE && n->type != FT_COUNT &&
			           n->type != FT_TEXT) {
				fdef_error(
				        ld, map,
				        _("a companion must be a line, text or count item (\"%s\")"),
				        n->key);
			} else {
				n->companion_of = (struct fdef_node *)m;
				n->member = (size_t)k;
			}
			free(member);
		}
	}
	n->match_label = fdef_match_text(n->label);
	n->match_title = fdef_match_text(n->title ? n->title : n->label);
	n->id = ld->fd->nall;
	ld->fd->all = xreallocarray(ld->fd->all, ld->fd->nall + 1,
	                            sizeof *ld->fd->all);
	ld->fd->all[ld->fd->nall++] = n;
	{
		size_t nflat;
		const struct ytree **flat = fdef_flat_items(
		        map ? ytree_get(map, "items") : NULL, &nflat);

		for (size_t i = 0; i < n->nkids; i++)
			fdef_link(ld, n->kids[i], i < nflat ? flat[i] : NULL);
		free(flat);
	}
}

/* qsort comparison of nodes by label. */
static int
fdef_label_cmp(const void *a, const void *b)
{
	return strcmp((*(struct fdef_node *const *)a)->label,
	              (*(struct fdef_node *const *)b)->label);
}

/* Mark the items whose label another item also has (リスクに対する措置の
 * 内容): people need more than the label to know which one is meant. */
static void
fdef_mark_shared_labels(struct fdef *fd)
{
	struct fdef_node **v = xcalloc(fd->nall + 1, sizeof *v);
	size_t n = 0;

	for (size_t i = 0; i < fd->nall; i++)
		if (fd->all[i]->kind == FDEF_ITEM)
			v[n++] = fd->all[i];
	if (n > 1)
		qsort(v, n, sizeof *v, fdef_label_cmp);
	for (size_t i = 1; i < n; i++)
		if (strcmp(v[i - 1]->label, v[i]->label) == 0)
			v[i - 1]->label_shared = v[i]->label_shared = true;
	free(v);
}

/* Record the readers of every condition of a node. */
static void
fdef_index_readers(struct fdef_node *n)
{
	struct fdef_reader_arg arg = {n};

	cond_reads(n->show, fdef_add_reader, &arg);
	cond_reads(n->required, fdef_add_reader, &arg);
	if (n->companion_of != NULL)
		fdef_add_reader(&arg, n->companion_of);
}

enum { FDEF_WHITE, FDEF_GREY, FDEF_BLACK };

/* The longest chain of conditions that the visibility of an item may
 * depend on (show conditions, ticked boxes, the groups around it): the
 * depth to which a document's visibility is evaluated. */
#define FDEF_SHOW_CHAIN_MAX 200

struct fdef_cycle {
	unsigned char *color;
	unsigned *depth; /* of a BLACK node: its longest chain */
	unsigned best;   /* the longest chain of the deps seen so far */
	unsigned level;  /* of the search */
	const struct fdef_node *found; /* on a cycle */
	const struct fdef_node *deep;  /* at the end of too long a chain */
};

static bool fdef_visit(struct fdef_cycle *cy, const struct fdef_node *n);

/* Visit one dependency of a node's visibility. */
static void
fdef_visit_dep(void *arg, const struct fdef_node *dep)
{
	struct fdef_cycle *cy = arg;

	if (cy->found == NULL && cy->deep == NULL && !fdef_visit(cy, dep) &&
	    cy->depth[dep->id] > cy->best)
		cy->best = cy->depth[dep->id];
}

/* Depth-first search for a cycle through show conditions, or a chain
 * longer than FDEF_SHOW_CHAIN_MAX; its recursion is no deeper than that. */
static bool
fdef_visit(struct fdef_cycle *cy, const struct fdef_node *n)
{
	unsigned outer;

	if (cy->color[n->id] == FDEF_BLACK)
		return false;
	if (cy->color[n->id] == FDEF_GREY) {
		cy->found = n;
		return true;
	}
	if (cy->level >= FDEF_SHOW_CHAIN_MAX) {
		cy->deep = n;
		return true;
	}
	cy->color[n->id] = FDEF_GREY;
	cy->level++;
	outer = cy->best;
	cy->best = 0;
	cond_reads(n->show, fdef_visit_dep, cy);
	if (n->companion_of != NULL)
		fdef_visit_dep(cy, n->companion_of);
	if (n->parent != NULL)
		fdef_visit_dep(cy, n->parent);
	cy->depth[n->id] = cy->best + 1;
	cy->best = outer;
	cy->level--;
	cy->color[n->id] = FDEF_BLACK;
	if (cy->depth[n->id] > FDEF_SHOW_CHAIN_MAX && cy->deep == NULL)
		cy->deep = n;
	return cy->found != NULL || cy->deep != NULL;
}

/* Refuse conditions that depend on themselves, or on chains too long to
 * evaluate in bounded stack. */
static void
fdef_check_cycles(struct fdef_loader *ld)
{
	struct fdef_cycle cy = {0};

	cy.color = xcalloc(ld->fd->nall, 1);
	cy.depth = xcalloc(ld->fd->nall, sizeof *cy.depth);
	for (size_t i = 0;
	     i < ld->fd->nall && cy.found == NULL && cy.deep == NULL; i++)
		fdef_visit(&cy, ld->fd->all[i]);
	if (cy.found != NULL) {
		diag_add(
		        ld->diags, DIAG_ERROR, ld->file, cy.found->line,
		        cy.found->col,
		        _("the show condition of \"%s\" depends on itself through other conditions"),
		        cy.found->path);
		ld->failed = true;
	} else if (cy.deep != NULL) {
		diag_add(
		        ld->diags, DIAG_ERROR, ld->file, cy.deep->line,
		        cy.deep->col,
		        _("whether \"%s\" is shown depends on a chain of more than %d conditions; make the chain shorter"),
		        cy.deep->path, FDEF_SHOW_CHAIN_MAX);
		ld->failed = true;
	}
	free(cy.depth);
	free(cy.color);
}

/* Collect the reads of a check into its list. */
static void
fdef_check_read(void *arg, const struct fdef_node *node)
{
	struct fdef_check *c = arg;

	for (size_t i = 0; i < c->nreads; i++)
		if (c->reads[i] == node)
			return;
	c->reads = xreallocarray(c->reads, c->nreads + 1, sizeof *c->reads);
	c->reads[c->nreads++] = node;
}

/* The texts a threshold check puts together into {detail}. */
static const char *const fdef_threshold_texts[] = {
        "target",       "many",        "few",      "no_incident",
        "count_unsure", "count_blank", "incident", "incident_blank",
        "full",         "either",      NULL};

/* The texts with which a change_ref check says why a row names no one
 * item: two or many readings (more: the list cut short), nothing, or a
 * part, file or block that is not there. */
static const char *const fdef_change_ref_texts[] = {
        "two",     "many",     "more",     "nothing",       "no_part",
        "no_file", "no_files", "no_block", "no_file_block", NULL};

/* The text with which a change_timing check cuts short the list of the
 * items a row names. */
static const char *const fdef_change_timing_texts[] = {"more", NULL};

static const struct {
	const char *name;
	enum fdef_check_kind kind;
	const char *const nodes[4]; /* node parameters, in order */
	bool list_last;             /* the last node parameter is a list */
	const char *const *texts;   /* the texts: it needs, or NULL */
} fdef_check_kinds[] = {
        {"when", CK_WHEN, {NULL}, false, NULL},
        {"date_order", CK_DATE_ORDER, {"earlier", "later", NULL}, false, NULL},
        {"threshold",
         CK_THRESHOLD,
         {"target", "result", "incident", "handlers"},
         true,
         fdef_threshold_texts},
        {"contains", CK_CONTAINS, {"text", "must_contain", NULL}, false, NULL},
        {"same", CK_SAME, {"over", "item", NULL}, false, NULL},
        {"lines_match",
         CK_LINES_MATCH,
         {"list", "over", "item", NULL},
         false,
         NULL},
        {"change_timing",
         CK_CHANGE_TIMING,
         {"item", "timing", "reason", NULL},
         false,
         fdef_change_timing_texts},
        {"personal_name", CK_PERSONAL_NAME, {"text", NULL}, false, NULL},
        {"reminder", CK_REMINDER, {"date", NULL}, false, NULL},
        {"reciprocal",
         CK_RECIPROCAL,
         {"over", "name", "text", "members"},
         false,
         NULL},
        {"change_ref",
         CK_CHANGE_REF,
         {"item", NULL},
         false,
         fdef_change_ref_texts},
        {"change_current",
         CK_CHANGE_CURRENT,
         {"item", "after", "date", NULL},
         false,
         NULL},
        {"change_baseline", CK_CHANGE_BASELINE, {NULL}, false, NULL},
        {"derive", CK_DERIVE, {"from", "over", NULL}, false, NULL},
};

/* Name a check kind. Static string. */
const char *
fdef_check_kind_name(enum fdef_check_kind k)
{
	for (size_t i = 0;
	     i < sizeof fdef_check_kinds / sizeof fdef_check_kinds[0]; i++)
		if (fdef_check_kinds[i].kind == k)
			return fdef_check_kinds[i].name;
	return "?";
}

/* Resolve one node parameter of a check and record it. */
static void
fdef_check_node(struct fdef_loader *ld, struct fdef_check *c,
                const struct fdef_node *from, const struct ytree *v)
{
	const struct fdef_node *n = NULL;

	if (v->kind == YT_SCALAR)
		n = strchr(v->s, '*') != NULL ? fdef_find(ld->fd, v->s)
		                              : fdef_resolve(from, v->s);
	if (n == NULL) {
		fdef_error(ld, v, _("unknown item \"%s\""),
		           v->kind == YT_SCALAR ? v->s : "?");
		return;
	}
	c->nodes = xreallocarray(c->nodes, c->nnodes + 1, sizeof *c->nodes);
	c->nodes[c->nnodes++] = n;
	fdef_check_read(c, n);
}

/* Read a list of words (or one word) into a check. */
static void
fdef_check_words(struct fdef_loader *ld, struct fdef_check *c,
                 const struct ytree *v)
{
	size_t n = v->kind == YT_SEQ ? v->n : 1;

	for (size_t i = 0; i < n; i++) {
		const struct ytree *w = v->kind == YT_SEQ ? v->kids[i] : v;

		if (w->kind != YT_SCALAR) {
			fdef_error(ld, w,
			           _("\"%s\" must be a list of text values"),
			           "finds");
			return;
		}
		c->words = xreallocarray(c->words, c->nwords + 1,
		                         sizeof *c->words);
		c->words[c->nwords++] = xstrdup(w->s);
	}
}

/* Read a whole number of a check's parameter into *out. */
static bool
fdef_check_long(struct fdef_loader *ld, const struct ytree *v, const char *name,
                long *out)
{
	char *end;

	if (v != NULL && v->kind == YT_SCALAR) {
		*out = strtol(v->s, &end, 10);
		if (v->s[0] != '\0' && *end == '\0' && *out >= 0)
			return true;
	}
	fdef_error(ld, v, _("\"%s\" must be a whole number"), name);
	return false;
}

/* Read the parameters of a threshold check: the answers about incidents,
 * the least people of each handlers option, the limit and the message
 * for when the data cannot decide. */
static void
fdef_check_threshold(struct fdef_loader *ld, struct fdef_check *c,
                     const struct ytree *m)
{
	const struct ytree *v = ytree_get(m, "handler_bounds");
	char *sev = fdef_str(ld, m, "unsure_severity");

	c->value_no = fdef_str(ld, m, "no_incident_value");
	c->unsure_message = fdef_str(ld, m, "unsure_message");
	c->unsure_sev = DIAG_INFO;
	if (sev != NULL && strcmp(sev, "warning") == 0)
		c->unsure_sev = DIAG_WARNING;
	else if (sev != NULL && strcmp(sev, "info") != 0)
		fdef_error(ld, m, _("unknown severity \"%s\""), sev);
	free(sev);
	if (c->nnodes < 4)
		return;
	if (c->value == NULL || c->value_no == NULL ||
	    fdef_option_index(c->nodes[2], c->value) < 0 ||
	    fdef_option_index(c->nodes[2], c->value_no) < 0)
		fdef_error(
		        ld, m, "%s",
		        _("a threshold check needs incident_value and no_incident_value, options of its incident item"));
	if (c->unsure_message == NULL)
		fdef_error(ld, m, _("this check needs \"%s\""),
		           "unsure_message");
	if (!fdef_check_long(ld, ytree_get(m, "handler_limit"), "handler_limit",
	                     &c->limit))
		return;
	if (v == NULL || v->kind != YT_SEQ || v->n == 0) {
		fdef_error(ld, v ? v : m,
		           _("\"%s\" must be a list of whole numbers"),
		           "handler_bounds");
		return;
	}
	c->bounds = xcalloc(v->n, sizeof *c->bounds);
	for (size_t i = 0; i < v->n; i++) {
		if (!fdef_check_long(ld, v->kids[i], "handler_bounds",
		                     &c->bounds[i]))
			return;
		if (i > 0 && c->bounds[i] <= c->bounds[i - 1]) {
			fdef_error(ld, v->kids[i],
			           _("\"%s\" must grow from option to option"),
			           "handler_bounds");
			return;
		}
		c->nbounds++;
	}
	for (size_t h = 3; h < c->nnodes; h++)
		if (c->nodes[h]->type != FT_CHOICE ||
		    c->nodes[h]->noptions != c->nbounds)
			fdef_error(
			        ld, v,
			        _("\"%s\" needs one number for each option of the handlers items"),
			        "handler_bounds");
}

/* Read the named texts of a check (texts:) and make sure it has those its
 * kind needs (NULL-terminated). */
static void
fdef_check_texts(struct fdef_loader *ld, struct fdef_check *c,
                 const struct ytree *m, const char *const *need)
{
	const struct ytree *v = ytree_get(m, "texts");

	if (v != NULL && v->kind == YT_MAP) {
		c->texts = xcalloc(v->n / 2 + 1, sizeof *c->texts);
		for (size_t i = 0; i + 1 < v->n; i += 2) {
			if (v->kids[i + 1]->kind != YT_SCALAR)
				continue;
			c->texts[c->ntexts].key = xstrdup(v->kids[i]->s);
			c->texts[c->ntexts].text = xstrdup(v->kids[i + 1]->s);
			c->ntexts++;
		}
	}
	for (size_t i = 0; need != NULL && need[i] != NULL; i++)
		if (fdef_check_text(c, need[i]) == NULL)
			fdef_error(
			        ld, v ? v : m,
			        _("this check needs the text \"%s\" under texts:"),
			        need[i]);
}

/* Read what each checkbox member of a reciprocal check stands for. */
static void
fdef_check_aliases(struct fdef_loader *ld, struct fdef_check *c,
                   const struct ytree *v)
{
	const struct fdef_node *members = c->nnodes > 3 ? c->nodes[3] : NULL;

	if (v->kind != YT_MAP || members == NULL) {
		fdef_error(
		        ld, v,
		        _("\"%s\" must map members of \"members\" to lists of words"),
		        "same_as");
		return;
	}
	c->aliases = xcalloc(v->n / 2 + 1, sizeof *c->aliases);
	for (size_t i = 0; i + 1 < v->n; i += 2) {
		const struct ytree *w = v->kids[i + 1];
		struct fdef_alias *a = &c->aliases[c->naliases];

		if (fdef_member_index(members, v->kids[i]->s, (size_t)-1) < 0 ||
		    w->kind != YT_SEQ) {
			fdef_error(
			        ld, v->kids[i],
			        _("\"%s\" must map members of \"members\" to lists of words"),
			        "same_as");
			continue;
		}
		a->member = xstrdup(v->kids[i]->s);
		a->words = xcalloc(w->n + 1, sizeof *a->words);
		for (size_t k = 0; k < w->n; k++)
			if (w->kids[k]->kind == YT_SCALAR)
				a->words[a->nwords++] = xstrdup(w->kids[k]->s);
		c->naliases++;
	}
}

/* A named text of a check; NULL when it has none. Borrowed. */
const char *
fdef_check_text(const struct fdef_check *c, const char *key)
{
	for (size_t i = 0; i < c->ntexts; i++)
		if (strcmp(c->texts[i].key, key) == 0)
			return c->texts[i].text;
	return NULL;
}

/* Read a text or a list of texts of a check into a new array. */
static void
fdef_check_list(const struct ytree *v, char ***out, size_t *n)
{
	for (size_t i = 0; i < (v->kind == YT_SEQ ? v->n : 1); i++) {
		const struct ytree *w = v->kind == YT_SEQ ? v->kids[i] : v;

		if (w->kind != YT_SCALAR)
			continue;
		*out = xreallocarray(*out, *n + 1, sizeof **out);
		(*out)[(*n)++] = xstrdup(w->s);
	}
}

/* Make sure a change_timing check can tell the 提出時期 of a change
 * without ※ (事後): the first preset of its reason item with important:
 * false, whose timing is an option of its timing item. */
static void
fdef_check_later(struct fdef_loader *ld, const struct fdef_check *c,
                 const struct ytree *m)
{
	const struct fdef_node *timing = c->nodes[1], *reason = c->nodes[2];

	for (size_t i = 0; i < reason->npresets; i++)
		if (!reason->presets[i].important &&
		    fdef_option_index(timing, reason->presets[i].timing) >= 0)
			return;
	fdef_error(
	        ld, m,
	        _("a change_timing check needs a preset of its reason item with important: false whose timing is an option of \"%s\""),
	        timing->key);
}

/* Read the kind-specific parameters of a check. */
static void
fdef_check_params(struct fdef_loader *ld, struct fdef_check *c,
                  const struct ytree *m, size_t k)
{
	const struct fdef_node *inner =
	        c->scope->nkids ? c->scope->kids[0] : c->scope;
	const struct fdef_node *over = NULL;

	for (size_t i = 0; i < 4 && fdef_check_kinds[k].nodes[i]; i++) {
		const char *pname = fdef_check_kinds[k].nodes[i];
		const struct ytree *v = ytree_get(m, pname);
		bool last_list =
		        fdef_check_kinds[k].list_last &&
		        (i == 3 || fdef_check_kinds[k].nodes[i + 1] == NULL);
		/* "item" of same/lines_match is read inside "over". */
		const struct fdef_node *from =
		        over != NULL && (strcmp(pname, "item") == 0 ||
		                         strcmp(pname, "name") == 0 ||
		                         strcmp(pname, "text") == 0 ||
		                         strcmp(pname, "members") == 0)
		                ? (over->nkids ? over->kids[0] : over)
		                : inner;

		if (v == NULL) {
			if (strcmp(pname, "must_contain") == 0 ||
			    strcmp(pname, "members") == 0 ||
			    c->kind == CK_DERIVE)
				continue;
			fdef_error(ld, m, _("this check needs \"%s\""), pname);
			return;
		}
		if (last_list && v->kind == YT_SEQ) {
			for (size_t j = 0; j < v->n; j++)
				fdef_check_node(ld, c, from, v->kids[j]);
		} else {
			fdef_check_node(ld, c, from, v);
		}
		if (strcmp(pname, "over") == 0 && c->nnodes > 0) {
			over = c->nodes[c->nnodes - 1];
			if (over->kind != FDEF_REPEAT)
				fdef_error(ld, v,
				           _("\"%s\" must name a repeat block"),
				           "over");
		}
	}
	if (ytree_get(m, "finds") != NULL)
		fdef_check_words(ld, c, ytree_get(m, "finds"));
	if (ytree_get(m, "tail_after") != NULL)
		fdef_check_list(ytree_get(m, "tail_after"), &c->tails,
		                &c->ntails);
	if (ytree_get(m, "must_end_with") != NULL)
		fdef_check_list(ytree_get(m, "must_end_with"), &c->ends,
		                &c->nends);
	c->value = fdef_str(ld, m,
	                    c->kind == CK_DERIVE             ? "value"
	                    : ytree_get(m, "incident_value") ? "incident_value"
	                                                     : "strip_suffix");
	if (c->kind == CK_DERIVE &&
	    ((ytree_get(m, "from") != NULL) == (c->value != NULL) ||
	     (ytree_get(m, "over") != NULL && ytree_get(m, "from") == NULL)))
		fdef_error(
		        ld, m, "%s",
		        _("a derive check needs either from (with over for a list) or value"));
	if (ytree_get(m, "months") != NULL) {
		const struct ytree *v = ytree_get(m, "months");
		char *end;

		c->months =
		        v->kind == YT_SCALAR ? (int)strtol(v->s, &end, 10) : 0;
		if (c->months <= 0 || v->kind != YT_SCALAR || *end != '\0')
			fdef_error(ld, v,
			           _("\"%s\" must be a number of months"),
			           "months");
	}
	fdef_check_texts(ld, c, m, fdef_check_kinds[k].texts);
	if (c->kind == CK_THRESHOLD)
		fdef_check_threshold(ld, c, m);
	if (c->kind == CK_RECIPROCAL && ytree_get(m, "same_as") != NULL)
		fdef_check_aliases(ld, c, ytree_get(m, "same_as"));
	if (c->kind == CK_CONTAINS && c->nnodes < 2 && c->nwords == 0 &&
	    c->nends == 0)
		fdef_error(
		        ld, m, "%s",
		        _("a contains check needs must_contain, finds or must_end_with"));
	if (c->kind == CK_REMINDER && c->months == 0)
		fdef_error(ld, m, _("a reminder needs \"%s\""), "months");
	if (c->kind == CK_CHANGE_TIMING && c->nnodes == 3)
		fdef_check_later(ld, c, m);
}

/* Load the checks list. */
static void
fdef_load_checks(struct fdef_loader *ld, const struct ytree *list)
{
	static const char *const fields[] = {"id",
	                                     "kind",
	                                     "severity",
	                                     "scope",
	                                     "at",
	                                     "when",
	                                     "message",
	                                     "statement",
	                                     "reads",
	                                     "earlier",
	                                     "later",
	                                     "target",
	                                     "result",
	                                     "incident",
	                                     "incident_value",
	                                     "handlers",
	                                     "no_incident_value",
	                                     "handler_bounds",
	                                     "handler_limit",
	                                     "unsure_message",
	                                     "unsure_severity",
	                                     "texts",
	                                     "same_as",
	                                     "must_end_with",
	                                     "text",
	                                     "must_contain",
	                                     "strip_suffix",
	                                     "finds",
	                                     "over",
	                                     "item",
	                                     "list",
	                                     "timing",
	                                     "reason",
	                                     "date",
	                                     "months",
	                                     "name",
	                                     "after",
	                                     "tail_after",
	                                     "members",
	                                     "from",
	                                     "value",
	                                     NULL};

	if (list->kind != YT_SEQ) {
		fdef_error(ld, list, _("\"%s\" must be a list"), "checks");
		return;
	}
	ld->fd->checks = xcalloc(list->n ? list->n : 1, sizeof *ld->fd->checks);
	for (size_t i = 0; i < list->n; i++) {
		const struct ytree *m = list->kids[i];
		struct fdef_check *c = &ld->fd->checks[ld->fd->nchecks];
		char *sev, *scope, *at, *kind;
		const struct ytree *when;
		size_t k = 0;

		if (m->kind != YT_MAP) {
			fdef_error(ld, m, "%s", _("a check must be a mapping"));
			continue;
		}
		fdef_check_fields(ld, m, fields);
		c->line = m->line;
		c->col = m->col;
		c->id = fdef_str(ld, m, "id");
		c->message = fdef_str(ld, m, "message");
		c->statement = fdef_str(ld, m, "statement");
		sev = fdef_str(ld, m, "severity");
		scope = fdef_str(ld, m, "scope");
		at = fdef_str(ld, m, "at");
		kind = fdef_str(ld, m, "kind");
		when = ytree_get(m, "when");
		if (kind != NULL) {
			for (k = 0; k < sizeof fdef_check_kinds /
			                        sizeof fdef_check_kinds[0];
			     k++)
				if (strcmp(kind, fdef_check_kinds[k].name) == 0)
					break;
			if (k == sizeof fdef_check_kinds /
			                 sizeof fdef_check_kinds[0]) {
				fdef_error(ld, ytree_get(m, "kind"),
				           _("unknown kind of check \"%s\""),
				           kind);
				k = 0;
			}
		}
		c->kind = fdef_check_kinds[k].kind;
		/* The differences from the baseline: any item. */
		c->reads_all = c->kind == CK_CHANGE_BASELINE;
		if (sev == NULL || strcmp(sev, "error") == 0)
			c->sev = DIAG_ERROR;
		else if (strcmp(sev, "warning") == 0)
			c->sev = DIAG_WARNING;
		else if (strcmp(sev, "info") == 0)
			c->sev = DIAG_INFO;
		else
			fdef_error(ld, m, _("unknown severity \"%s\""), sev);
		c->scope = scope && scope[0] ? fdef_find(ld->fd, scope)
		                             : ld->fd->root;
		if (c->scope == NULL || c->scope->kind == FDEF_ITEM) {
			fdef_error(
			        ld, m,
			        _("check scope \"%s\" is not a section or repeat"),
			        scope);
		} else if (c->id == NULL || c->message == NULL ||
		           (c->kind == CK_WHEN &&
		            (when == NULL || at == NULL))) {
			fdef_error(
			        ld, m, "%s",
			        _("a check needs id, message, and for a condition check at and when"));
		} else {
			const struct fdef_node *inner =
			        c->scope->nkids ? c->scope->kids[0] : c->scope;

			if (when != NULL) {
				c->when = fdef_load_cond(ld, when, inner);
				cond_reads(c->when, fdef_check_read, c);
			}
			if (c->kind != CK_WHEN)
				fdef_check_params(ld, c, m, k);
			if (at != NULL) {
				c->at = fdef_resolve(inner, at);
				if (c->at == NULL)
					fdef_error(ld, ytree_get(m, "at"),
					           _("unknown item \"%s\""),
					           at);
				/* An offer goes when its item is filled. */
				else if (c->kind == CK_DERIVE)
					fdef_check_read(c, c->at);
			} else if (c->kind == CK_DERIVE) {
				fdef_error(ld, m, _("this check needs \"%s\""),
				           "at");
			} else if (c->nnodes > 0) {
				c->at = c->nodes[0];
			}
		}
		free(sev);
		free(scope);
		free(at);
		free(kind);
		ld->fd->nchecks++;
	}
}

/* Load the statements of the rules that items carry out. */
static void
fdef_load_rules(struct fdef_loader *ld, const struct ytree *list)
{
	static const char *const fields[] = {"id", "statement", NULL};

	if (list->kind != YT_SEQ) {
		fdef_error(ld, list, _("\"%s\" must be a list"), "rules");
		return;
	}
	ld->fd->rules = xcalloc(list->n + 1, sizeof *ld->fd->rules);
	for (size_t i = 0; i < list->n; i++) {
		const struct ytree *m = list->kids[i];
		struct fdef_rule *r = &ld->fd->rules[ld->fd->nrules];

		if (m->kind != YT_MAP) {
			fdef_error(ld, m, "%s", _("a rule must be a mapping"));
			continue;
		}
		fdef_check_fields(ld, m, fields);
		r->id = fdef_str(ld, m, "id");
		r->statement = fdef_str(ld, m, "statement");
		if (r->id == NULL || r->statement == NULL) {
			fdef_error(ld, m, "%s",
			           _("a rule needs an id and a statement"));
			free(r->id);
			free(r->statement);
			memset(r, 0, sizeof *r);
			continue;
		}
		if (fdef_rule_find(ld->fd, r->id) != NULL)
			fdef_error(ld, m, _("the rule \"%s\" is listed twice"),
			           r->id);
		ld->fd->nrules++;
	}
}

/* Find the statement of a rule that items carry out; NULL when none. */
const struct fdef_rule *
fdef_rule_find(const struct fdef *fd, const char *id)
{
	for (size_t i = 0; i < fd->nrules; i++)
		if (strcmp(fd->rules[i].id, id) == 0)
			return &fd->rules[i];
	return NULL;
}

/* Every rule: of an item must be described, by a rule's statement or by
 * a check of the same id, so that `hyoka rules` says what it is. */
static void
fdef_check_rule_tags(struct fdef_loader *ld)
{
	for (size_t i = 0; i < ld->fd->nall; i++) {
		const struct fdef_node *n = ld->fd->all[i];
		bool known = n->rule == NULL ||
		             fdef_rule_find(ld->fd, n->rule) != NULL;

		for (size_t k = 0; k < ld->fd->nchecks && !known; k++)
			known = ld->fd->checks[k].id != NULL &&
			        strcmp(ld->fd->checks[k].id, n->rule) == 0;
		if (!known) {
			diag_add(
			        ld->diags, DIAG_ERROR, ld->file, n->line,
			        n->col,
			        _("the rule \"%s\" of \"%s\" has no statement under rules:"),
			        n->rule, n->path);
			ld->failed = true;
		}
	}
}

/* Read an item path of the print: section; NULL (reported) if unknown. */
static const struct fdef_node *
fdef_print_item(struct fdef_loader *ld, const struct ytree *map,
                const char *key)
{
	const struct ytree *v = ytree_get(map, key);
	const struct fdef_node *n =
	        v && v->kind == YT_SCALAR ? fdef_find(ld->fd, v->s) : NULL;

	if (n == NULL || n->kind != FDEF_ITEM)
		fdef_error(ld, v ? v : map,
		           _("\"%s\" of print must be the path of an item"),
		           key);
	return n;
}

/* Load the print: section (the printed layout's words and marks). */
static void
fdef_load_print(struct fdef_loader *ld, const struct ytree *map)
{
	static const char *const fields[] = {
	        "header",     "file_name", "contents",   "chosen",
	        "choices",    "checked",   "unchecked",  "companion",
	        "count",      "range",     "ranges",     "file_heading",
	        "file_sheet", "join",      "csv_header", NULL};
	static const char *const words[] = {
	        "contents",   "choices", "checked", "unchecked",
	        "companion",  "count",   "range",   "file_heading",
	        "file_sheet", "join",    "chosen"};
	struct fdef_print *p = &ld->fd->print;
	char **strs[] = {&p->contents,  &p->choices,      &p->checked,
	                 &p->unchecked, &p->companion,    &p->count,
	                 &p->range,     &p->file_heading, &p->file_sheet,
	                 &p->join,      &p->chosen};
	const struct ytree *v;

	if (map->kind != YT_MAP) {
		fdef_error(ld, map, _("\"%s\" must be a mapping"), "print");
		return;
	}
	fdef_check_fields(ld, map, fields);
	p->header = fdef_print_item(ld, map, "header");
	p->file_name = fdef_print_item(ld, map, "file_name");
	for (size_t i = 0; i < sizeof strs / sizeof strs[0]; i++) {
		*strs[i] = fdef_str(ld, map, words[i]);
		if (*strs[i] == NULL)
			fdef_error(ld, map, _("print needs \"%s\""), words[i]);
	}
	v = ytree_get(map, "csv_header");
	if (v == NULL || v->kind != YT_SEQ || v->n != 3) {
		fdef_error(ld, v ? v : map,
		           _("\"%s\" must list the three column names"),
		           "csv_header");
	} else {
		for (size_t i = 0; i < 3; i++)
			p->csv_header[i] = xstrdup(v->kids[i]->kind == YT_SCALAR
			                                   ? v->kids[i]->s
			                                   : "");
	}
	v = ytree_get(map, "ranges");
	if (v == NULL || v->kind != YT_SEQ || v->n == 0) {
		fdef_error(ld, v ? v : map,
		           _("\"%s\" must list the last block of each group"),
		           "ranges");
		return;
	}
	p->ranges = xcalloc(v->n, sizeof *p->ranges);
	for (size_t i = 0; i < v->n; i++) {
		char *end = NULL;
		long k = v->kids[i]->kind == YT_SCALAR
		                 ? strtol(v->kids[i]->s, &end, 10)
		                 : 0;

		if (end == NULL || *end != '\0' || k < 1 ||
		    (i > 0 && (size_t)k <= p->ranges[i - 1])) {
			fdef_error(ld, v->kids[i],
			           _("\"%s\" must be increasing whole numbers"),
			           "ranges");
			return;
		}
		p->ranges[p->nranges++] = (size_t)k;
	}
	p->present = !ld->failed;
}

/* Load the top level of a form definition. */
static void
fdef_load_top(struct fdef_loader *ld, const struct ytree *t)
{
	static const char *const fields[] = {
	        "form",  "title", "versions", "default_version",
	        "items", "rules", "checks",   "print",
	        NULL};
	const struct ytree *v;
	char *def;

	if (t->kind != YT_MAP) {
		fdef_error(ld, t, "%s",
		           _("a form definition must be a mapping"));
		return;
	}
	fdef_check_fields(ld, t, fields);
	ld->fd->id = fdef_str(ld, t, "form");
	ld->fd->title = fdef_str(ld, t, "title");
	if (ld->fd->id == NULL || !fdef_key_ok(ld->fd->id))
		fdef_error(ld, t, "%s", _("\"form\" must be an ASCII id"));
	v = ytree_get(t, "versions");
	if (v == NULL || v->kind != YT_SEQ || v->n == 0 || v->n > 16) {
		fdef_error(ld, v ? v : t, "%s",
		           _("\"versions\" must list 1 to 16 versions"));
		return;
	}
	ld->fd->versions = xcalloc(v->n, sizeof *ld->fd->versions);
	for (size_t i = 0; i < v->n; i++) {
		struct fdef_version *fv = &ld->fd->versions[i];

		if (v->kids[i]->kind != YT_MAP) {
			fdef_error(ld, v->kids[i], "%s",
			           _("a version must be a mapping"));
			return;
		}
		fv->id = fdef_str(ld, v->kids[i], "id");
		fv->label = fdef_str(ld, v->kids[i], "label");
		fv->description = fdef_str(ld, v->kids[i], "description");
		fv->mark = fdef_str(ld, v->kids[i], "mark");
		if (fv->id == NULL || fv->label == NULL) {
			fdef_error(ld, v->kids[i], "%s",
			           _("a version needs an id and a label"));
			free(fv->id);
			free(fv->label);
			free(fv->description);
			free(fv->mark);
			memset(fv, 0, sizeof *fv);
			return;
		}
		if (fdef_version_find(ld->fd, fv->id) >= 0) {
			/* Documents name their version by id: two versions
			 * with one id could not be told apart. */
			fdef_error(ld, v->kids[i],
			           _("the version id \"%s\" is used twice"),
			           fv->id);
			free(fv->id);
			free(fv->label);
			free(fv->description);
			free(fv->mark);
			memset(fv, 0, sizeof *fv);
			return;
		}
		ld->fd->nversions++;
	}
	def = fdef_str(ld, t, "default_version");
	ld->fd->default_version = ld->fd->nversions - 1;
	if (def != NULL) {
		int k = fdef_version_find(ld->fd, def);

		if (k < 0)
			fdef_error(ld, ytree_get(t, "default_version"),
			           _("unknown form version \"%s\""), def);
		else
			ld->fd->default_version = (size_t)k;
		free(def);
	}
	ld->fd->root = xcalloc(1, sizeof *ld->fd->root);
	ld->fd->root->kind = FDEF_GROUP;
	ld->fd->root->key = xstrdup("");
	ld->fd->root->path = xstrdup("");
	ld->fd->root->label = xstrdup(ld->fd->title ? ld->fd->title : "");
	ld->fd->root->ref = xstrdup("");
	ld->fd->root->ref_local = ld->fd->root->ref;
	ld->fd->root->versions = ~0u;
	v = ytree_get(t, "items");
	if (v == NULL) {
		fdef_error(ld, t, "%s", _("the form has no items"));
		return;
	}
	fdef_load_items(ld, ld->fd->root, v, "");
	if (ld->failed)
		return;
	fdef_link(ld, ld->fd->root, t);
	if (ld->failed)
		return;
	for (size_t i = 0; i < ld->fd->nall; i++)
		fdef_index_readers(ld->fd->all[i]);
	fdef_check_roles(ld);
	fdef_mark_shared_labels(ld->fd);
	fdef_check_cycles(ld);
	if ((v = ytree_get(t, "rules")) != NULL)
		fdef_load_rules(ld, v);
	if ((v = ytree_get(t, "checks")) != NULL)
		fdef_load_checks(ld, v);
	fdef_check_rule_tags(ld);
	if ((v = ytree_get(t, "print")) != NULL)
		fdef_load_print(ld, v);
}

/* Load a form definition from a parsed tree. */
static struct fdef *
fdef_from_tree(const char *name, const struct ytree *t, struct diag_list *diags)
{
	struct fdef_loader ld = {xcalloc(1, sizeof(struct fdef)), name, diags,
	                         false};

	ld.fd->file = xstrdup(name);
	fdef_load_top(&ld, t);
	if (ld.failed)
		fdef_free(&ld.fd);
	return ld.fd;
}

static const struct ytree_limits fdef_limits = {4u << 20, 1u << 20, 64, 300000};

/* Load a form definition file; NULL with diagnostics on error. */
struct fdef *
fdef_load(const char *path, struct diag_list *diags)
{
	struct ytree *t = ytree_load_file(path, &fdef_limits, diags);
	struct fdef *fd;

	if (t == NULL)
		return NULL;
	fd = fdef_from_tree(path, t, diags);
	ytree_free(&t);
	return fd;
}

/* Load the form compiled in (fbuiltin.h): the tree of forms/jyuten.yaml
 * made at build time, no YAML read. Caller frees. */
struct fdef *
fdef_load_builtin(struct diag_list *diags)
{
	return fdef_from_tree("jyuten.yaml", fbuiltin_root, diags);
}

/* Load a form definition from memory (tests, fuzzing). Caller frees. */
struct fdef *
fdef_load_mem(const char *name, const char *buf, size_t len,
              struct diag_list *diags)
{
	struct ytree *t = ytree_load_mem(name, buf, len, &fdef_limits, diags);
	struct fdef *fd;

	if (t == NULL)
		return NULL;
	fd = fdef_from_tree(name, t, diags);
	ytree_free(&t);
	return fd;
}

/* Free one node and its subtree. */
static void
fdef_node_free(struct fdef_node *n)
{
	if (n == NULL)
		return;
	for (size_t i = 0; i < n->nkids; i++)
		fdef_node_free(n->kids[i]);
	free(n->kids);
	free(n->key);
	free(n->label);
	free(n->title);
	free(n->short_name);
	free(n->ref);
	free(n->name_prefix);
	free(n->path);
	free(n->instance_label);
	free(n->help);
	free(n->example);
	for (size_t i = 0; i < n->nexamples; i++)
		free(n->examples[i]);
	free(n->examples);
	free(n->mistakes);
	for (size_t i = 0; i < n->noptions; i++)
		free(n->options[i]);
	free(n->options);
	for (size_t i = 0; i < n->nmembers; i++) {
		free(n->members[i].label);
		free(n->members[i].group);
	}
	free(n->members);
	for (size_t i = 0; i < n->ncolumns; i++) {
		free(n->columns[i].key);
		free(n->columns[i].label);
		free(n->columns[i].old_key);
	}
	free(n->columns);
	cond_free(&n->show);
	cond_free(&n->required);
	free(n->show_reason);
	free(n->required_reason);
	free(n->rule);
	free(n->role);
	free(n->unit);
	free(n->blank_text);
	for (size_t i = 0; i < n->npresets; i++) {
		free(n->presets[i].timing);
		free(n->presets[i].text);
		free(n->presets[i].label);
	}
	free(n->presets);
	free(n->match_label);
	free(n->match_title);
	free(n->readers);
	free(n);
}

/* The node the form gives a role (change_item ...), or NULL. Borrowed. */
const struct fdef_node *
fdef_role(const struct fdef *fd, const char *role)
{
	for (size_t i = 0; i < fd->nall; i++)
		if (fd->all[i]->role != NULL &&
		    strcmp(fd->all[i]->role, role) == 0)
			return fd->all[i];
	return NULL;
}

/* Free a form definition and null the pointer. */
void
fdef_free(struct fdef **fdp)
{
	struct fdef *fd = fdp ? *fdp : NULL;

	if (fd == NULL)
		return;
	fdef_node_free(fd->root);
	for (size_t i = 0; i < fd->nversions; i++) {
		free(fd->versions[i].id);
		free(fd->versions[i].label);
		free(fd->versions[i].description);
		free(fd->versions[i].mark);
	}
	free(fd->versions);
	free(fd->print.contents);
	free(fd->print.choices);
	free(fd->print.checked);
	free(fd->print.unchecked);
	free(fd->print.companion);
	free(fd->print.count);
	free(fd->print.range);
	free(fd->print.file_heading);
	free(fd->print.file_sheet);
	free(fd->print.join);
	free(fd->print.chosen);
	for (size_t i = 0; i < 3; i++)
		free(fd->print.csv_header[i]);
	free(fd->print.ranges);
	for (size_t i = 0; i < fd->nchecks; i++) {
		free(fd->checks[i].id);
		free(fd->checks[i].message);
		free(fd->checks[i].statement);
		free(fd->checks[i].nodes);
		for (size_t k = 0; k < fd->checks[i].nwords; k++)
			free(fd->checks[i].words[k]);
		free(fd->checks[i].words);
		free(fd->checks[i].value);
		for (size_t k = 0; k < fd->checks[i].ntails; k++)
			free(fd->checks[i].tails[k]);
		free(fd->checks[i].tails);
		for (size_t k = 0; k < fd->checks[i].nends; k++)
			free(fd->checks[i].ends[k]);
		free(fd->checks[i].ends);
		free(fd->checks[i].value_no);
		free(fd->checks[i].bounds);
		free(fd->checks[i].unsure_message);
		for (size_t k = 0; k < fd->checks[i].ntexts; k++) {
			free(fd->checks[i].texts[k].key);
			free(fd->checks[i].texts[k].text);
		}
		free(fd->checks[i].texts);
		for (size_t k = 0; k < fd->checks[i].naliases; k++) {
			struct fdef_alias *a = &fd->checks[i].aliases[k];

			free(a->member);
			for (size_t w = 0; w < a->nwords; w++)
				free(a->words[w]);
			free(a->words);
		}
		free(fd->checks[i].aliases);
		cond_free(&fd->checks[i].when);
		free(fd->checks[i].reads);
	}
	free(fd->checks);
	for (size_t i = 0; i < fd->nrules; i++) {
		free(fd->rules[i].id);
		free(fd->rules[i].statement);
	}
	free(fd->rules);
	for (size_t i = 0; i < fd->nheadings; i++) {
		free(fd->headings[i]->label);
		free(fd->headings[i]->ref);
		free(fd->headings[i]);
	}
	free(fd->headings);
	free(fd->all);
	free(fd->file);
	free(fd->id);
	free(fd->title);
	free(fd);
	*fdp = NULL;
}

/* Find a version by id; -1 when unknown. */
int
fdef_version_find(const struct fdef *fd, const char *id)
{
	for (size_t i = 0; i < fd->nversions; i++)
		if (strcmp(fd->versions[i].id, id) == 0)
			return (int)i;
	return -1;
}

/* Tell whether a node exists in a form version. */
bool
fdef_in_version(const struct fdef_node *n, size_t version)
{
	return (n->versions >> version) & 1u;
}

/* Tell whether a member exists in a form version. */
bool
fdef_member_in_version(const struct fdef_member *m, size_t version)
{
	return (m->versions >> version) & 1u;
}

/* Replace each * of a template with the next index (1-based); caller frees.
 * The text between stars is copied in one piece. */
char *
fdef_fill_stars(const char *tmpl, const size_t *idx, size_t nidx)
{
	struct sbuf sb;
	size_t k = 0;
	const char *p = tmpl, *star;

	sbuf_init(&sb);
	while (k < nidx && (star = strchr(p, '*')) != NULL) {
		char num[24];
		size_t at = sizeof num, v = idx[k++] + 1;

		sbuf_add(&sb, p, (size_t)(star - p));
		do
			num[--at] = (char)('0' + v % 10);
		while ((v /= 10) > 0);
		sbuf_add(&sb, num + at, sizeof num - at);
		p = star + 1;
	}
	sbuf_adds(&sb, p);
	return sbuf_detach(&sb);
}

/* The reference of a node with repeat indices (0-based) filled in. */
char *
fdef_ref_at(const struct fdef_node *n, const size_t *idx, size_t nidx)
{
	return fdef_fill_stars(n->ref, idx, nidx);
}

/* The label of a node, with the last index filled into instance labels. */
char *
fdef_label_at(const struct fdef_node *n, const size_t *idx, size_t nidx)
{
	if (strchr(n->label, '*') == NULL || nidx == 0)
		return xstrdup(n->label);
	return fdef_fill_stars(n->label, idx + nidx - 1, 1);
}

/* Index of an option of a choice item; -1 when not an option. */
long
fdef_option_index(const struct fdef_node *n, const char *s)
{
	for (size_t i = 0; i < n->noptions; i++)
		if (strcmp(n->options[i], s) == 0)
			return (long)i;
	return -1;
}

/* Index of a member in a version ((size_t)-1: any version); -1 if none. */
long
fdef_member_index(const struct fdef_node *n, const char *s, size_t version)
{
	for (size_t i = 0; i < n->nmembers; i++)
		if (strcmp(n->members[i].label, s) == 0 &&
		    (version == (size_t)-1 ||
		     fdef_member_in_version(&n->members[i], version)))
			return (long)i;
	return -1;
}
