#include <config.h>
#include "ytree.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <yaml.h>

#include "fmap.h"
#include "i18n.h"
#include "xalloc.h"

/* Memory for a whole tree, allocated in large blocks and freed at once:
 * one document has tens of thousands of nodes. */
struct ytree_arena {
	struct ytree_block {
		struct ytree_block *next;
		size_t used, size;
		max_align_t data[];
	} * blocks;
};

/* Allocate n bytes from an arena, not cleared. */
static void *
ytree_alloc_raw(struct ytree_arena *a, size_t n)
{
	struct ytree_block *b = a->blocks;

	n = (n + sizeof(max_align_t) - 1) / sizeof(max_align_t) *
	    sizeof(max_align_t);
	if (b == NULL || b->used + n > b->size) {
		size_t size = n > 65536 ? n : 65536;

		b = xmalloc(sizeof *b + size);
		b->size = size;
		b->used = 0;
		b->next = a->blocks;
		a->blocks = b;
	}
	b->used += n;
	return (char *)b->data + b->used - n;
}

/* Allocate n zeroed bytes from an arena. */
static void *
ytree_alloc(struct ytree_arena *a, size_t n)
{
	return memset(ytree_alloc_raw(a, n), 0, n);
}

/* A copy of the n bytes at s and a NUL in an arena (a scalar's text). */
static char *
ytree_alloc_text(struct ytree_arena *a, const void *s, size_t n)
{
	char *t = ytree_alloc_raw(a, n + 1);

	memcpy(t, s, n);
	t[n] = '\0';
	return t;
}

/* Empty an arena for reuse, keeping one block. */
static void
ytree_arena_reset(struct ytree_arena *a)
{
	while (a->blocks != NULL && a->blocks->next != NULL) {
		struct ytree_block *next = a->blocks->next;

		free(a->blocks);
		a->blocks = next;
	}
	if (a->blocks != NULL)
		a->blocks->used = 0;
}

/* Free an arena and every block in it. */
static void
ytree_arena_free(struct ytree_arena *a)
{
	while (a != NULL && a->blocks != NULL) {
		struct ytree_block *next = a->blocks->next;

		free(a->blocks);
		a->blocks = next;
	}
	free(a);
}

struct ytree_reader {
	struct ytree_arena *arena;
	const char *buf; /* the text being parsed, for error positions */
	size_t nodes;    /* values read so far */
	yaml_parser_t parser;
	const char *name;
	const struct ytree_limits *lim;
	struct diag_list *diags;
	int depth;
	int docs; /* documents begun */
	bool failed;
	struct ytree_keys *keys; /* the keys of the open mapping at each
	                            depth (1 to max_depth) */
};

/* The 1-based line and column (in characters) of a byte offset. */
static void
ytree_position(const char *buf, size_t off, int *line, int *col)
{
	*line = 1;
	*col = 1;
	for (size_t i = 0; i < off; i++) {
		if (buf[i] == '\n') {
			(*line)++;
			*col = 1;
		} else if ((buf[i] & 0xC0) != 0x80) {
			(*col)++;
		}
	}
}

/* Report an error at a libyaml mark (0-based) and mark the load failed. */
static void
ytree_error(struct ytree_reader *ld, yaml_mark_t mark, const char *msg)
{
	diag_add(ld->diags, DIAG_ERROR, ld->name, (int)mark.line + 1,
	         (int)mark.column + 1, "%s", msg);
	ld->failed = true;
}

/* Allocate a node at a mark in an arena. */
static struct ytree *
ytree_new(struct ytree_arena *a, enum ytree_kind kind, yaml_mark_t mark)
{
	struct ytree *t = ytree_alloc(a, sizeof *t);

	t->kind = kind;
	t->line = (int)mark.line + 1;
	t->col = (int)mark.column + 1;
	return t;
}

/* Append a child to a sequence or mapping node. */
static void
ytree_push(struct ytree_arena *a, struct ytree *t, struct ytree *kid)
{
	if (t->n == t->cap) {
		struct ytree **k;

		t->cap = t->cap ? t->cap * 2 : 4;
		k = ytree_alloc(a, t->cap * sizeof *k);
		if (t->n > 0)
			memcpy(k, t->kids, t->n * sizeof *k);
		t->kids = k;
	}
	t->kids[t->n++] = kid;
}

/* Free a whole tree (its root) and null the pointer. */
void
ytree_free(struct ytree **tp)
{
	struct ytree *t = tp ? *tp : NULL;

	if (t == NULL)
		return;
	ytree_arena_free(t->arena);
	*tp = NULL;
}

/* Copy a node and its subtree into a tree of its own. */
static struct ytree *
ytree_copy_in(struct ytree_arena *a, const struct ytree *t)
{
	struct ytree *c = ytree_alloc(a, sizeof *c);

	*c = *t;
	c->arena = NULL;
	if (t->s != NULL) {
		c->s = ytree_alloc_text(a, t->s, t->len);
	}
	c->kids = t->n ? ytree_alloc(a, t->n * sizeof *c->kids) : NULL;
	c->cap = t->n;
	for (size_t i = 0; i < t->n; i++)
		c->kids[i] = ytree_copy_in(a, t->kids[i]);
	return c;
}

/* Copy a subtree into a new tree that the caller frees with ytree_free(). */
struct ytree *
ytree_copy(const struct ytree *t)
{
	struct ytree_arena *a = xcalloc(1, sizeof *a);
	struct ytree *c = ytree_copy_in(a, t);

	c->arena = a;
	return c;
}

static struct ytree *ytree_parse_node(struct ytree_reader *ld,
                                      yaml_event_t *ev);

/* Fetch the next event, reporting parser errors; false on failure. */
static bool
ytree_next(struct ytree_reader *ld, yaml_event_t *ev)
{
	if (yaml_parser_parse(&ld->parser, ev))
		return true;
	if (ld->parser.error == YAML_READER_ERROR) {
		size_t off = ld->parser.problem_offset;
		int line, col;
		char *msg;

		/* libyaml checks the encoding as it reads (so hyoka does not
		 * read the text twice) and reports a byte offset. */
		ytree_position(ld->buf, off, &line, &col);
		if (ld->parser.problem != NULL &&
		    strstr(ld->parser.problem, "UTF-8") != NULL)
			msg = xasprintf(
			        _("the file is not valid UTF-8 text (byte 0x%02X); save it as UTF-8 (Shift_JIS/CP932 files must be converted first, e.g. iconv -f CP932 -t UTF-8)"),
			        (unsigned char)ld->buf[off]);
		else
			msg = xasprintf(
			        _("the file contains a control character (byte 0x%02X) that is not allowed; remove it"),
			        (unsigned char)ld->buf[off]);
		diag_add(ld->diags, DIAG_ERROR, ld->name, line, col, "%s", msg);
		ld->failed = true;
		free(msg);
	} else if (ld->parser.error == YAML_MEMORY_ERROR ||
	           ld->parser.problem == NULL) {
		yaml_mark_t m = {0, 0, 0};

		ytree_error(ld, m,
		            _("there is not enough memory to read this file"));
	} else {
		char *msg =
		        xasprintf(_("YAML syntax error: %s%s%s"),
		                  ld->parser.problem ? ld->parser.problem : "?",
		                  ld->parser.context ? " " : "",
		                  ld->parser.context ? ld->parser.context : "");

		ytree_error(ld, ld->parser.problem_mark, msg);
		free(msg);
	}
	return false;
}

/* Refuse anchors and tags we do not understand on a node event. */
static bool
ytree_check_anchor(struct ytree_reader *ld, yaml_event_t *ev,
                   const yaml_char_t *anchor)
{
	if (anchor == NULL)
		return true;
	ytree_error(
	        ld, ev->start_mark,
	        _("YAML anchors (&name) and aliases (*name) are not allowed in hyoka files; write the value out in full"));
	return false;
}

/* The keys of one mapping, hashed, to find a duplicate in constant time
 * (a mapping of 100,000 keys must not take minutes). */
struct ytree_keys {
	struct ytree_key {
		size_t off;   /* offset of the key in pool */
		int line;     /* where it was read */
		unsigned gen; /* in use when it is the set's generation */
	} * slot;
	size_t cap, n;
	char *pool; /* the keys, each with its NUL */
	size_t plen, pcap;
	unsigned gen;
};

/* Hash a key. */
static size_t
ytree_hash(const char *s)
{
	size_t h = 5381;

	for (; *s; s++)
		h = h * 33 + (unsigned char)*s;
	return h;
}

/* Add a key read at line to the set of its mapping; returns the line of
 * the earlier same key when it is a duplicate, else 0. */
static int
ytree_keys_add(struct ytree_keys *k, const char *key, int line)
{
	size_t i, len = strlen(key);

	if ((k->n + 1) * 2 > k->cap) {
		struct ytree_key *old = k->slot;
		size_t oldcap = k->cap;

		k->cap = k->cap ? k->cap * 2 : 16;
		k->slot = xcalloc(k->cap, sizeof *k->slot);
		for (size_t j = 0; j < oldcap; j++) {
			if (old[j].gen != k->gen)
				continue;
			i = ytree_hash(k->pool + old[j].off) & (k->cap - 1);
			while (k->slot[i].gen == k->gen)
				i = (i + 1) & (k->cap - 1);
			k->slot[i] = old[j];
		}
		free(old);
	}
	i = ytree_hash(key) & (k->cap - 1);
	while (k->slot[i].gen == k->gen) {
		if (strcmp(k->pool + k->slot[i].off, key) == 0)
			return k->slot[i].line;
		i = (i + 1) & (k->cap - 1);
	}
	if (k->plen + len + 1 > k->pcap) {
		k->pcap = (k->plen + len + 1) * 2;
		k->pool = xreallocarray(k->pool, k->pcap, 1);
	}
	memcpy(k->pool + k->plen, key, len + 1);
	k->slot[i].off = k->plen;
	k->slot[i].line = line;
	k->slot[i].gen = k->gen;
	k->plen += len + 1;
	k->n++;
	return 0;
}

/* Empty a key set for the next mapping, keeping its memory: a slot is
 * used only when it has the set's current generation. No memory. */
static void
ytree_keys_reset(struct ytree_keys *k)
{
	k->gen++;
	k->n = 0;
	k->plen = 0;
}

/* Check a mapping key just read (kid) against the keys of its mapping;
 * false with an error when it is not text or is a duplicate. */
static bool
ytree_check_key(struct ytree_reader *ld, struct ytree_keys *keys,
                const struct ytree *kid)
{
	yaml_mark_t m = {0, (size_t)kid->line - 1, (size_t)kid->col - 1};
	int first;

	if (kid->kind != YT_SCALAR) {
		ytree_error(ld, m, _("a mapping key must be a plain text key"));
		return false;
	}
	first = ytree_keys_add(keys, kid->s, kid->line);
	if (first != 0) {
		char *msg = xasprintf(
		        _("duplicate key \"%s\" (first used on line %d); remove one of them"),
		        kid->s, first);

		ytree_error(ld, m, msg);
		free(msg);
		return false;
	}
	return true;
}

/* Count one more value (a node read as a child) at node kid; false with
 * an error past the limit. */
static bool
ytree_count(struct ytree_reader *ld, int line, int col)
{
	if (++ld->nodes > ld->lim->max_nodes) {
		yaml_mark_t m = {0, (size_t)line - 1, (size_t)col - 1};
		char *msg = xasprintf(
		        _("the file holds more than %zu values, far more than any assessment"),
		        ld->lim->max_nodes);

		ytree_error(ld, m, msg);
		free(msg);
		return false;
	}
	return true;
}

/* Parse the children of a sequence or mapping until its end event. */
static bool
ytree_parse_children(struct ytree_reader *ld, struct ytree *t,
                     yaml_event_type_t end)
{
	struct ytree_keys *keys = &ld->keys[ld->depth]; /* emptied on entry */
	bool ok = true;

	for (;;) {
		yaml_event_t ev;
		struct ytree *kid;

		if (!ytree_next(ld, &ev)) {
			ok = false;
			break;
		}
		if (ev.type == end) {
			yaml_event_delete(&ev);
			break;
		}
		kid = ytree_parse_node(ld, &ev);
		yaml_event_delete(&ev);
		if (kid == NULL ||
		    (t->kind == YT_MAP && t->n % 2 == 0 &&
		     !ytree_check_key(ld, keys, kid)) ||
		    !ytree_count(ld, kid->line, kid->col)) {
			ok = false;
			break;
		}
		ytree_push(ld->arena, t, kid);
	}
	return ok;
}

/* The node of scalar event ev, its text copied into the arena or, without
 * copy, the event's own (valid while ev is). NULL with an error. */
static struct ytree *
ytree_scalar(struct ytree_reader *ld, yaml_event_t *ev, bool copy)
{
	struct ytree *t;

	if (!ytree_check_anchor(ld, ev, ev->data.scalar.anchor))
		return NULL;
	if (ev->data.scalar.length > ld->lim->max_scalar) {
		char *msg = xasprintf(
		        _("this value is %zu bytes long; the limit is %zu bytes"),
		        ev->data.scalar.length, ld->lim->max_scalar);

		ytree_error(ld, ev->start_mark, msg);
		free(msg);
		return NULL;
	}
	if (memchr(ev->data.scalar.value, '\0', ev->data.scalar.length) !=
	    NULL) {
		ytree_error(ld, ev->start_mark,
		            _("this value contains a NUL byte; remove it"));
		return NULL;
	}
	t = ytree_new(ld->arena, YT_SCALAR, ev->start_mark);
	t->s = copy ? ytree_alloc_text(ld->arena, ev->data.scalar.value,
	                               ev->data.scalar.length)
	            : (char *)ev->data.scalar.value;
	t->len = ev->data.scalar.length;
	t->style = (int)ev->data.scalar.style;
	t->plain_implicit = ev->data.scalar.plain_implicit != 0;
	return t;
}

/* Build the node that starts with event ev; NULL on error. */
static struct ytree *
ytree_parse_node(struct ytree_reader *ld, yaml_event_t *ev)
{
	struct ytree *t;

	switch (ev->type) {
	case YAML_ALIAS_EVENT:
		ytree_check_anchor(ld, ev, ev->data.alias.anchor);
		return NULL;
	case YAML_SCALAR_EVENT:
		return ytree_scalar(ld, ev, true);
	case YAML_SEQUENCE_START_EVENT:
	case YAML_MAPPING_START_EVENT: {
		bool seq = ev->type == YAML_SEQUENCE_START_EVENT;

		if (!ytree_reader_enter(ld, ev))
			return NULL;
		t = ytree_new(ld->arena, seq ? YT_SEQ : YT_MAP, ev->start_mark);
		if (!ytree_parse_children(ld, t,
		                          seq ? YAML_SEQUENCE_END_EVENT
		                              : YAML_MAPPING_END_EVENT))
			return NULL;
		ld->depth--;
		return t;
	}
	default:
		ytree_error(ld, ev->start_mark, _("unexpected YAML event"));
		return NULL;
	}
}

/* Read the rest of a stream that must hold exactly one document; with
 * want_root, that document's root, which must be there. */
static struct ytree *
ytree_parse_stream(struct ytree_reader *ld, bool want_root)
{
	struct ytree *root = NULL;
	yaml_event_t ev;

	for (;;) {
		if (!ytree_next(ld, &ev))
			return NULL;
		if (ev.type == YAML_STREAM_END_EVENT) {
			yaml_event_delete(&ev);
			break;
		}
		if (ev.type == YAML_DOCUMENT_START_EVENT) {
			if (++ld->docs > 1) {
				ytree_error(
				        ld, ev.start_mark,
				        _("the file holds more than one YAML document (---); keep only one"));
				yaml_event_delete(&ev);
				return NULL;
			}
		} else if (ev.type != YAML_STREAM_START_EVENT &&
		           ev.type != YAML_DOCUMENT_END_EVENT) {
			root = ytree_parse_node(ld, &ev);
			if (root == NULL) {
				yaml_event_delete(&ev);
				return NULL;
			}
		}
		yaml_event_delete(&ev);
	}
	if (root == NULL && want_root) {
		yaml_mark_t m = {0, 0, 0};

		ytree_error(ld, m, _("the file is empty"));
	}
	return root;
}

/* Start reading a buffer (borrowed until ytree_reader_free) within the
 * limits; NULL with diagnostics when it cannot be YAML text. Caller frees
 * with ytree_reader_free(). */
struct ytree_reader *
ytree_reader_new(const char *name, const char *buf, size_t len,
                 const struct ytree_limits *lim, struct diag_list *diags)
{
	struct ytree_reader *ld;
	const char *body = buf;
	size_t blen = len;

	if (len > lim->max_file) {
		diag_add(
		        diags, DIAG_ERROR, name, 0, 0,
		        _("the file is %zu bytes long; the limit is %zu bytes"),
		        len, lim->max_file);
		return NULL;
	}
	if (blen >= 3 && memcmp(body, "\xEF\xBB\xBF", 3) == 0) {
		body += 3;
		blen -= 3;
	}
	if ((blen >= 2 && (memcmp(body, "\xFF\xFE", 2) == 0 ||
	                   memcmp(body, "\xFE\xFF", 2) == 0)) ||
	    (blen >= 2 && body[0] != '\0' && body[1] == '\0') ||
	    (blen >= 2 && body[0] == '\0' && body[1] != '\0')) {
		diag_add(
		        diags, DIAG_ERROR, name, 1, 1, "%s",
		        _("the file is in UTF-16; hyoka reads UTF-8. Convert it with iconv -f UTF-16 -t UTF-8"));
		return NULL;
	}
	if (memchr(body, '\0', blen) != NULL) {
		size_t off =
		        (size_t)((const char *)memchr(body, '\0', blen) - body);
		int line, col;

		ytree_position(body, off, &line, &col);
		diag_add(
		        diags, DIAG_ERROR, name, line, col,
		        _("the file contains a NUL byte; it is not a text file"));
		return NULL;
	}
	ld = xcalloc(1, sizeof *ld);
	if (!yaml_parser_initialize(&ld->parser)) {
		diag_add(diags, DIAG_ERROR, name, 0, 0, "%s",
		         _("cannot initialise the YAML parser"));
		free(ld);
		return NULL;
	}
	yaml_parser_set_input_string(&ld->parser, (const unsigned char *)body,
	                             blen);
	ld->name = name;
	ld->lim = lim;
	ld->diags = diags;
	ld->buf = body;
	ld->arena = xcalloc(1, sizeof *ld->arena);
	ld->keys = xcalloc((size_t)lim->max_depth + 1, sizeof *ld->keys);
	return ld;
}

/* Free a reader and the values it built, and null the pointer. */
void
ytree_reader_free(struct ytree_reader **rp)
{
	struct ytree_reader *ld = *rp;

	if (ld == NULL)
		return;
	yaml_parser_delete(&ld->parser);
	ytree_arena_free(ld->arena);
	for (int i = 0; i <= ld->lim->max_depth; i++) {
		free(ld->keys[i].slot);
		free(ld->keys[i].pool);
	}
	free(ld->keys);
	free(ld);
	*rp = NULL;
}

/* Tell whether the reader has reported an error (it then reads no more). */
bool
ytree_reader_failed(const struct ytree_reader *ld)
{
	return ld->failed;
}

/* The next event of the stream, checked for anchors, sizes and depth as
 * the tree loader checks them; false after an error. The caller deletes
 * ev. A document start is counted (one document only). */
bool
ytree_reader_next(struct ytree_reader *ld, yaml_event_t *ev)
{
	if (ld->failed || !ytree_next(ld, ev))
		return false;
	if (ev->type == YAML_DOCUMENT_START_EVENT && ++ld->docs > 1) {
		ytree_error(
		        ld, ev->start_mark,
		        _("the file holds more than one YAML document (---); keep only one"));
		yaml_event_delete(ev);
		return false;
	}
	return true;
}

/* Enter the list or mapping that ev starts, to read its children event by
 * event; false with an error (anchor, depth). */
bool
ytree_reader_enter(struct ytree_reader *ld, yaml_event_t *ev)
{
	const yaml_char_t *anchor = ev->type == YAML_SEQUENCE_START_EVENT
	                                    ? ev->data.sequence_start.anchor
	                                    : ev->data.mapping_start.anchor;

	if (!ytree_check_anchor(ld, ev, anchor))
		return false;
	if (++ld->depth > ld->lim->max_depth) {
		char *msg = xasprintf(
		        _("the structure is nested more than %d levels deep, deeper than any hyoka file"),
		        ld->lim->max_depth);

		ytree_error(ld, ev->start_mark, msg);
		free(msg);
		return false;
	}
	ytree_keys_reset(&ld->keys[ld->depth]);
	return true;
}

/* Leave a list or mapping entered at line, col at its end event, counting
 * it as a child of its parent unless it is the root; false past the
 * limit. */
bool
ytree_reader_leave(struct ytree_reader *ld, int line, int col, bool root)
{
	ld->depth--;
	return root || ytree_count(ld, line, col);
}

/* The value that ev starts, read whole as a tree and counted as a child;
 * with key, it is a key of the mapping entered last and must be text,
 * not given before. A scalar's text is the event's (borrowed until the
 * caller deletes ev). NULL with an error. Borrowed: valid until
 * ytree_reader_reset(). */
const struct ytree *
ytree_reader_value(struct ytree_reader *ld, yaml_event_t *ev, bool key)
{
	struct ytree *t = ev->type == YAML_SCALAR_EVENT
	                          ? ytree_scalar(ld, ev, false)
	                          : ytree_parse_node(ld, ev);

	if (t == NULL ||
	    (key && !ytree_check_key(ld, &ld->keys[ld->depth], t)) ||
	    !ytree_count(ld, t->line, t->col))
		return NULL;
	return t;
}

/* Drop the values read so far, keeping their memory for the next ones. */
void
ytree_reader_reset(struct ytree_reader *ld)
{
	ytree_arena_reset(ld->arena);
}

/* Read the rest of the stream after the root; false with an error (a
 * second document, a syntax error). */
bool
ytree_reader_finish(struct ytree_reader *ld)
{
	ytree_parse_stream(ld, false);
	return !ld->failed;
}

/* Parse a buffer; NULL with diagnostics on error. Caller frees the tree. */
struct ytree *
ytree_load_mem(const char *name, const char *buf, size_t len,
               const struct ytree_limits *lim, struct diag_list *diags)
{
	struct ytree_reader *ld = ytree_reader_new(name, buf, len, lim, diags);
	struct ytree *t;

	if (ld == NULL)
		return NULL;
	t = ytree_parse_stream(ld, true);
	if (ld->failed || t == NULL) {
		ytree_reader_free(&ld);
		return NULL;
	}
	t->arena = ld->arena;
	ld->arena = NULL;
	ytree_reader_free(&ld);
	return t;
}

/* Read a whole regular file from fd (from its start), within the size
 * limit; name is for messages. The file is mapped (fmap) when it can be,
 * else read into memory; the byte after the text is a zero. NULL with a
 * diagnostic. Release with ytree_release. */
const char *
ytree_read_fd(const char *name, int fd, const struct ytree_limits *lim,
              size_t *len, struct diag_list *diags)
{
	struct stat st;
	const char *mapped;
	char *buf;

	*len = 0;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		diag_add(
		        diags, DIAG_ERROR, name, 0, 0, "%s",
		        S_ISDIR(st.st_mode)
		                ? _("this is a folder, not a file; give the path of a .yaml file in it (ls shows what a folder holds)")
		                : _("this is not a regular file; give the path of a .yaml file"));
		return NULL;
	}
	if ((size_t)st.st_size > lim->max_file) {
		diag_add(
		        diags, DIAG_ERROR, name, 0, 0,
		        _("the file is %lld bytes long; the limit is %zu bytes"),
		        (long long)st.st_size, lim->max_file);
		return NULL;
	}
	mapped = fmap_open(fd, (size_t)st.st_size);
	if (mapped != NULL) {
		*len = (size_t)st.st_size;
		return mapped;
	}
	/* Only st_size bytes: a file that grows while read stays bounded. */
	buf = xmalloc((size_t)st.st_size + 1);
	while (*len < (size_t)st.st_size) {
		ssize_t r = pread(fd, buf + *len, (size_t)st.st_size - *len,
		                  (off_t)*len);

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		*len += (size_t)r;
	}
	buf[*len] = '\0';
	return buf;
}

/* Release what ytree_read_fd gave; false when the file shrank while it
 * was read from its mapping (the text read is not the file's). */
bool
ytree_release(const char *buf)
{
	if (fmap_owns(buf))
		return fmap_close(buf);
	free((char *)buf);
	return true;
}

/* Say that name shrank while it was read, instead of what was said of
 * the text read (diags from entry from on). */
void
ytree_say_shrunk(const char *name, struct diag_list *diags, size_t from)
{
	for (size_t i = from; i < diags->n; i++)
		diag_fini(&diags->v[i]);
	diags->n = from;
	diag_add(
	        diags, DIAG_ERROR, name, 0, 0, "%s",
	        _("the file was shortened by another program while hyoka read it; check it and run the command again"));
}

/* Read and parse a file; NULL with diagnostics on error. Caller frees. */
struct ytree *
ytree_load_file(const char *path, const struct ytree_limits *lim,
                struct diag_list *diags)
{
	struct ytree *t;
	const char *buf;
	size_t len, from = diags->n;
	int fd;

	fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
	if (fd < 0) {
		diag_add(diags, DIAG_ERROR, path, 0, 0, _("cannot open: %s"),
		         strerror(errno));
		return NULL;
	}
	buf = ytree_read_fd(path, fd, lim, &len, diags);
	close(fd);
	if (buf == NULL)
		return NULL;
	t = ytree_load_mem(path, buf, len, lim, diags);
	if (!ytree_release(buf)) {
		ytree_free(&t);
		ytree_say_shrunk(path, diags, from);
	}
	return t;
}

/* Look up a key in a mapping node; NULL when absent. Borrowed. */
const struct ytree *
ytree_get(const struct ytree *map, const char *key)
{
	if (map == NULL || map->kind != YT_MAP)
		return NULL;
	/* The first byte tells most keys apart without a call. */
	for (size_t i = 0; i + 1 < map->n; i += 2)
		if (map->kids[i]->s[0] == key[0] &&
		    strcmp(map->kids[i]->s, key) == 0)
			return map->kids[i + 1];
	return NULL;
}

/* Tell whether a node is an empty plain scalar or ~/null. */
bool
ytree_is_null(const struct ytree *t)
{
	if (t == NULL)
		return true;
	if (t->kind != YT_SCALAR || !t->plain_implicit ||
	    t->style != YAML_PLAIN_SCALAR_STYLE)
		return false;
	return t->len == 0 || strcmp(t->s, "~") == 0 ||
	       strcmp(t->s, "null") == 0 || strcmp(t->s, "Null") == 0 ||
	       strcmp(t->s, "NULL") == 0;
}
