/* A YAML document read into a tree of nodes with their positions.
 * Aliases and anchors are refused, duplicate keys are errors, and limits on
 * size and depth keep hostile input bounded. */
#ifndef HYOKA_YTREE_H
#define HYOKA_YTREE_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"

enum ytree_kind {
	YT_SCALAR,
	YT_SEQ,
	YT_MAP,
};

struct ytree_arena;

/* Nodes live in an arena owned by the root: freeing the root frees all. */
struct ytree {
	enum ytree_kind kind;
	char *s;    /* scalar text (UTF-8, may contain NUL-free text) */
	size_t len; /* scalar length in bytes */
	int style;  /* libyaml scalar style, for faithful re-emission */
	bool plain_implicit; /* plain scalar without tag */
	int line, col;       /* 1-based start position */
	struct ytree **kids; /* SEQ: items; MAP: key, value, key, value ... */
	size_t n;
	size_t cap;
	struct ytree_arena *arena; /* set on a root only */
};

struct ytree_limits {
	size_t max_file;   /* bytes */
	size_t max_scalar; /* bytes */
	int max_depth;
	size_t max_nodes; /* values (scalars, lists, mappings) */
};

/* A document read event by event (libyaml's events), with the checks of
 * the tree loader: the document loader builds its values as it reads. */
struct ytree_reader;
struct yaml_event_s;

struct ytree_reader *ytree_reader_new(const char *name, const char *buf,
                                      size_t len,
                                      const struct ytree_limits *lim,
                                      struct diag_list *diags);
void ytree_reader_free(struct ytree_reader **rp);
bool ytree_reader_failed(const struct ytree_reader *ld);
bool ytree_reader_next(struct ytree_reader *ld, struct yaml_event_s *ev);
bool ytree_reader_enter(struct ytree_reader *ld, struct yaml_event_s *ev);
bool ytree_reader_leave(struct ytree_reader *ld, int line, int col, bool root);
const struct ytree *ytree_reader_value(struct ytree_reader *ld,
                                       struct yaml_event_s *ev, bool key);
void ytree_reader_reset(struct ytree_reader *ld);
bool ytree_reader_finish(struct ytree_reader *ld);
const char *ytree_read_fd(const char *name, int fd,
                          const struct ytree_limits *lim, size_t *len,
                          struct diag_list *diags);
bool ytree_release(const char *buf);
void ytree_say_shrunk(const char *name, struct diag_list *diags, size_t from);
struct ytree *ytree_load_file(const char *path, const struct ytree_limits *lim,
                              struct diag_list *diags);
struct ytree *ytree_load_mem(const char *name, const char *buf, size_t len,
                             const struct ytree_limits *lim,
                             struct diag_list *diags);
void ytree_free(struct ytree **t);
struct ytree *ytree_copy(const struct ytree *t);
const struct ytree *ytree_get(const struct ytree *map, const char *key);
bool ytree_is_null(const struct ytree *t);

#endif
