/* The assessment document: typed values laid out on the form definition's
 * tree, with repeat instances, visibility and edits. */
#ifndef HYOKA_DOC_H
#define HYOKA_DOC_H

#include <stdbool.h>
#include <stddef.h>

#include "fdef.h"

struct ytree;

#define DOC_MAX_DEPTH 8
#define DOC_MAX_VALUE (1u << 20) /* bytes in one value */

/* One answer. v holds one string for scalar types, the checked labels of
 * a multi item, or rows*columns cells of a table (empty cell = ""). */
struct doc_value {
	char **v;
	size_t n;
	int line, col; /* where the value was read from, 0 when unknown */
};

struct doc_group;

struct doc_slot {
	struct doc_value val;    /* items */
	struct doc_group *grp;   /* groups */
	struct doc_group **inst; /* repeats */
	size_t ninst;
	int line, col;           /* position of the key in the file */
	unsigned long vis_epoch; /* doc_visible() memo: valid in this epoch */
	bool vis;
};

/* A key hyoka does not know, kept verbatim so that saving never drops it. */
struct doc_extra {
	char *key;
	struct ytree *val;
};

/* A warning accepted with a reason (kept in the group of its item). */
struct doc_accept {
	char *rule;
	char *item; /* key of the item in this group */
	char *reason;
	char *values; /* what the rule read when it was accepted */
};

/* An imported value that the clerk has to confirm (要確認): `hyoka import`
 * was not sure of it. It stays in the group of its item until the value is
 * changed (doc_set) or confirmed (doc_review_confirm). */
struct doc_review {
	char *item;   /* key of the item in this group */
	char *reason; /* why the import was not sure, for the clerk */
};

struct doc_group {
	const struct fdef_node *def; /* root, group, or repeat for instances */
	struct doc_group *parent;
	size_t index;           /* instance number (0-based) in a repeat */
	struct doc_slot *slots; /* one per def->kids */
	struct doc_extra *extra;
	size_t nextra;
	struct doc_accept *acc;
	size_t nacc;
	struct doc_review *rev;
	size_t nrev;
	int line, col;
};

struct doc {
	const struct fdef *fd;
	size_t version;
	struct doc_group *root;
	struct doc_extra *extra; /* unknown top-level keys */
	size_t nextra;
	char *base_file;      /* the last published version (a path), or NULL */
	char *base_published; /* its 公表日 as recorded, or NULL */
	const struct doc *base;  /* that version, loaded by the caller, or NULL;
	                            borrowed */
	unsigned long vis_epoch; /* one per outermost doc_visible() call */
	int vis_depth;
};

/* A resolved concrete path: the group instance holding the node. */
struct doc_ptr {
	struct doc_group *g;
	const struct fdef_node *node;
};

struct doc *doc_new(const struct fdef *fd, size_t version);
struct doc *doc_new_blank(const struct fdef *fd, size_t version);
void doc_free(struct doc **d);
struct doc_group *doc_group_new(const struct fdef_node *def,
                                struct doc_group *parent, size_t index);
void doc_group_free(struct doc_group **g);
struct doc_slot *doc_slot(const struct doc_group *g,
                          const struct fdef_node *node);
enum doc_make {
	DOC_FIND,   /* only existing entries */
	DOC_APPEND, /* add the next entry of a repeat when the path names it */
	DOC_PROBE,  /* add every missing entry (to check a path) */
};

bool doc_resolve(struct doc *d, const char *path, enum doc_make create,
                 struct doc_ptr *out, char **err);
bool doc_value_empty(const struct doc_value *v);
bool doc_value_blank(const struct doc_value *v);
void doc_value_clear(struct doc_value *v);
void doc_value_take(struct doc_value *v, char **strs, size_t n);
bool doc_text_ok(const char *text, const char *what, char **err);
bool doc_parse_input(const struct doc *d, const struct fdef_node *node,
                     const char *input, struct doc_value *out, char **err);
bool doc_validate_value(const struct doc *d, const struct fdef_node *node,
                        const struct doc_value *v, char **err);
char *doc_format_value(const struct fdef_node *node, const struct doc_value *v);
bool doc_set(struct doc *d, const struct doc_ptr *p, struct doc_value *v);
bool doc_visible(const struct doc *d, const struct doc_group *g,
                 const struct fdef_node *node);
bool doc_group_visible(const struct doc *d, const struct doc_group *g);
bool doc_group_empty(const struct doc_group *g);
bool doc_required(const struct doc *d, const struct doc_group *g,
                  const struct fdef_node *node);
const struct doc_value *doc_effective(const struct doc *d,
                                      const struct doc_group *g,
                                      const struct fdef_node *node);
size_t doc_indices(const struct doc_group *g, size_t *idx, size_t max);
char *doc_path_of(const struct doc_group *g, const struct fdef_node *node);
char *doc_fill(const struct doc_group *g, const char *tmpl);
char *doc_ref_of(const struct doc_group *g, const struct fdef_node *node);
struct doc_group *doc_add_instance(struct doc *d, struct doc_group *g,
                                   const struct fdef_node *repeat, size_t at,
                                   char **err);
void doc_remove_instance(struct doc_group *g, const struct fdef_node *repeat,
                         size_t at);
void doc_renumber(struct doc_slot *s);
void doc_insert_instance(struct doc_group *g, const struct fdef_node *repeat,
                         size_t at, struct doc_group *inst);
struct doc_group *doc_detach_instance(struct doc_group *g,
                                      const struct fdef_node *repeat,
                                      size_t at);
void doc_swap_instances(struct doc_group *g, const struct fdef_node *repeat,
                        size_t a, size_t b);
char *doc_group_path(const struct doc_group *g);
struct doc_group *doc_find_group(struct doc *d, const char *path);
const struct doc_group *doc_holder(const struct doc_group *g,
                                   const struct fdef_node *node);
void doc_accept_add(struct doc_group *g, const char *rule, const char *item,
                    const char *reason, const char *values);
void doc_accept_put(struct doc_group *g, size_t at, const char *rule,
                    const char *item, const char *reason, const char *values);
void doc_accept_remove(struct doc_group *g, size_t i);
void doc_review_add(struct doc_group *g, const char *item, const char *reason);
const struct doc_review *doc_review_of(const struct doc_group *g,
                                       const struct fdef_node *node);
bool doc_review_confirm(struct doc_group *g, const struct fdef_node *node);
void doc_cond_env(const struct doc *d, struct cond_env *env);

#endif
