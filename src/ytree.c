#include <config.h>
#include "ytree.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <yaml.h>

#include "i18n.h"
#include "utf8.h"
#include "xalloc.h"

struct ytree_loader {
	yaml_parser_t parser;
	const char *name;
	const struct ytree_limits *lim;
	struct diag_list *diags;
	int depth;
	bool failed;
};

/* Report an error at a libyaml mark (0-based) and mark the load failed. */
static void
ytree_error(struct ytree_loader *ld, yaml_mark_t mark, const char *msg)
{
	diag_add(ld->diags, DIAG_ERROR, ld->name, (int)mark.line + 1,
		(int)mark.column + 1, "%s", msg);
	ld->failed = true;
}

/* Allocate a node at a mark; caller owns it. */
static struct ytree *
ytree_new(enum ytree_kind kind, yaml_mark_t mark)
{
	struct ytree *t = xcalloc(1, sizeof *t);

	t->kind = kind;
	t->line = (int)mark.line + 1;
	t->col = (int)mark.column + 1;
	return t;
}

/* Append a child to a sequence or mapping node. */
static void
ytree_push(struct ytree *t, struct ytree *kid)
{
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 4;
		t->kids = xreallocarray(t->kids, t->cap, sizeof *t->kids);
	}
	t->kids[t->n++] = kid;
}

/* Free a tree and null the pointer. */
void
ytree_free(struct ytree **tp)
{
	struct ytree *t = tp ? *tp : NULL;

	if (t == NULL)
		return;
	for (size_t i = 0; i < t->n; i++)
		ytree_free(&t->kids[i]);
	free(t->kids);
	free(t->s);
	free(t);
	*tp = NULL;
}

static struct ytree *ytree_parse_node(struct ytree_loader *ld,
	yaml_event_t *ev);

/* Fetch the next event, reporting parser errors; false on failure. */
static bool
ytree_next(struct ytree_loader *ld, yaml_event_t *ev)
{
	if (yaml_parser_parse(&ld->parser, ev))
		return true;
	if (ld->parser.error == YAML_READER_ERROR) {
		yaml_mark_t m = {0, 0, 0};
		char *msg;

		/* The reader reports a byte offset; translate it into a line. */
		m.index = ld->parser.problem_offset;
		m.line = ld->parser.mark.line;
		m.column = ld->parser.mark.column;
		msg = xasprintf(_("the file is not valid UTF-8 text (%s at byte %zu); "
				  "save it as UTF-8 (Shift_JIS/CP932 files must be converted first)"),
			ld->parser.problem ? ld->parser.problem : "?",
			ld->parser.problem_offset);
		ytree_error(ld, m, msg);
		free(msg);
	} else {
		char *msg = xasprintf(_("YAML syntax error: %s%s%s"),
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
ytree_check_anchor(struct ytree_loader *ld, yaml_event_t *ev,
	const yaml_char_t *anchor)
{
	if (anchor == NULL)
		return true;
	ytree_error(ld, ev->start_mark,
		_("YAML anchors (&name) and aliases (*name) are not allowed in "
		  "hyoka files; write the value out in full"));
	return false;
}

/* Parse the children of a sequence or mapping until its end event. */
static bool
ytree_parse_children(struct ytree_loader *ld, struct ytree *t,
	yaml_event_type_t end)
{
	for (;;) {
		yaml_event_t ev;
		struct ytree *kid;

		if (!ytree_next(ld, &ev))
			return false;
		if (ev.type == end) {
			yaml_event_delete(&ev);
			return true;
		}
		kid = ytree_parse_node(ld, &ev);
		yaml_event_delete(&ev);
		if (kid == NULL)
			return false;
		if (t->kind == YT_MAP && t->n % 2 == 0) {
			if (kid->kind != YT_SCALAR) {
				yaml_mark_t m = {0, (size_t)kid->line - 1,
					(size_t)kid->col - 1};

				ytree_free(&kid);
				ytree_error(ld, m,
					_("a mapping key must be a plain text key"));
				return false;
			}
			for (size_t i = 0; i < t->n; i += 2) {
				if (strcmp(t->kids[i]->s, kid->s) == 0) {
					yaml_mark_t m = {0, (size_t)kid->line - 1,
						(size_t)kid->col - 1};
					char *msg = xasprintf(
						_("duplicate key \"%s\" (first used on line %d); "
						  "remove one of them"),
						kid->s, t->kids[i]->line);

					ytree_free(&kid);
					ytree_error(ld, m, msg);
					free(msg);
					return false;
				}
			}
		}
		ytree_push(t, kid);
	}
}

/* Build the node that starts with event ev; NULL on error. */
static struct ytree *
ytree_parse_node(struct ytree_loader *ld, yaml_event_t *ev)
{
	struct ytree *t;

	switch (ev->type) {
	case YAML_ALIAS_EVENT:
		ytree_check_anchor(ld, ev, ev->data.alias.anchor);
		return NULL;
	case YAML_SCALAR_EVENT:
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
		if (memchr(ev->data.scalar.value, '\0',
			    ev->data.scalar.length) != NULL) {
			ytree_error(ld, ev->start_mark,
				_("this value contains a NUL byte; remove it"));
			return NULL;
		}
		t = ytree_new(YT_SCALAR, ev->start_mark);
		t->s = xstrndup((const char *)ev->data.scalar.value,
			ev->data.scalar.length);
		t->len = ev->data.scalar.length;
		t->style = (int)ev->data.scalar.style;
		t->plain_implicit = ev->data.scalar.plain_implicit != 0;
		return t;
	case YAML_SEQUENCE_START_EVENT:
	case YAML_MAPPING_START_EVENT: {
		bool seq = ev->type == YAML_SEQUENCE_START_EVENT;
		const yaml_char_t *anchor = seq ? ev->data.sequence_start.anchor
						: ev->data.mapping_start.anchor;

		if (!ytree_check_anchor(ld, ev, anchor))
			return NULL;
		if (++ld->depth > ld->lim->max_depth) {
			char *msg = xasprintf(
				_("the structure is nested more than %d levels deep, "
				  "deeper than any hyoka file"),
				ld->lim->max_depth);

			ytree_error(ld, ev->start_mark, msg);
			free(msg);
			return NULL;
		}
		t = ytree_new(seq ? YT_SEQ : YT_MAP, ev->start_mark);
		if (!ytree_parse_children(ld, t,
			    seq ? YAML_SEQUENCE_END_EVENT
				: YAML_MAPPING_END_EVENT)) {
			ytree_free(&t);
			return NULL;
		}
		ld->depth--;
		return t;
	}
	default:
		ytree_error(ld, ev->start_mark, _("unexpected YAML event"));
		return NULL;
	}
}

/* Parse a whole stream that must hold exactly one document. */
static struct ytree *
ytree_parse_stream(struct ytree_loader *ld)
{
	struct ytree *root = NULL;
	yaml_event_t ev;
	int docs = 0;

	for (;;) {
		if (!ytree_next(ld, &ev))
			goto fail;
		if (ev.type == YAML_STREAM_END_EVENT) {
			yaml_event_delete(&ev);
			break;
		}
		if (ev.type == YAML_DOCUMENT_START_EVENT) {
			if (++docs > 1) {
				ytree_error(ld, ev.start_mark,
					_("the file holds more than one YAML "
					  "document (---); keep only one"));
				yaml_event_delete(&ev);
				goto fail;
			}
		} else if (ev.type != YAML_STREAM_START_EVENT &&
			   ev.type != YAML_DOCUMENT_END_EVENT) {
			root = ytree_parse_node(ld, &ev);
			if (root == NULL) {
				yaml_event_delete(&ev);
				goto fail;
			}
		}
		yaml_event_delete(&ev);
	}
	if (root == NULL) {
		yaml_mark_t m = {0, 0, 0};

		ytree_error(ld, m, _("the file is empty"));
	}
	return root;
fail:
	ytree_free(&root);
	return NULL;
}

/* Parse a buffer; NULL with diagnostics on error. Caller frees the tree. */
struct ytree *
ytree_load_mem(const char *name, const char *buf, size_t len,
	const struct ytree_limits *lim, struct diag_list *diags)
{
	struct ytree_loader ld;
	struct ytree *t;
	size_t bad;
	const char *body = buf;
	size_t blen = len;

	memset(&ld, 0, sizeof ld);
	ld.name = name;
	ld.lim = lim;
	ld.diags = diags;
	if (len > lim->max_file) {
		diag_add(diags, DIAG_ERROR, name, 0, 0,
			_("the file is %zu bytes long; the limit is %zu bytes"),
			len, lim->max_file);
		return NULL;
	}
	if (blen >= 3 && memcmp(body, "\xEF\xBB\xBF", 3) == 0) {
		body += 3;
		blen -= 3;
	}
	if (!utf8_valid(body, blen, &bad)) {
		int line = 1, col = 1;

		for (size_t i = 0; i < bad; i++) {
			if (body[i] == '\n') {
				line++;
				col = 1;
			} else if ((body[i] & 0xC0) != 0x80) {
				col++;
			}
		}
		diag_add(diags, DIAG_ERROR, name, line, col,
			_("the file is not valid UTF-8 text (byte 0x%02X); save "
			  "it as UTF-8 (Shift_JIS/CP932 files must be "
			  "converted first, e.g. iconv -f CP932 -t UTF-8)"),
			(unsigned char)body[bad]);
		return NULL;
	}
	if (memchr(body, '\0', blen) != NULL) {
		size_t off = (size_t)((const char *)memchr(body, '\0', blen) -
				      body);
		int line = 1, col = 1;

		for (size_t i = 0; i < off; i++) {
			if (body[i] == '\n') {
				line++;
				col = 1;
			} else if ((body[i] & 0xC0) != 0x80) {
				col++;
			}
		}
		diag_add(diags, DIAG_ERROR, name, line, col,
			_("the file contains a NUL byte; it is not a text file"));
		return NULL;
	}
	if (!yaml_parser_initialize(&ld.parser)) {
		diag_add(diags, DIAG_ERROR, name, 0, 0, "%s",
			_("cannot initialise the YAML parser"));
		return NULL;
	}
	yaml_parser_set_input_string(&ld.parser, (const unsigned char *)body,
		blen);
	t = ytree_parse_stream(&ld);
	yaml_parser_delete(&ld.parser);
	if (ld.failed)
		ytree_free(&t);
	return t;
}

/* Read and parse a file; NULL with diagnostics on error. Caller frees. */
struct ytree *
ytree_load_file(const char *path, const struct ytree_limits *lim,
	struct diag_list *diags)
{
	struct ytree *t;
	struct stat st;
	char *buf;
	size_t len = 0;
	int fd;

	fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
	if (fd < 0) {
		diag_add(diags, DIAG_ERROR, path, 0, 0, _("cannot open: %s"),
			strerror(errno));
		return NULL;
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		diag_add(diags, DIAG_ERROR, path, 0, 0, "%s",
			S_ISDIR(st.st_mode)
				? _("this is a folder, not a file; give the path of a .yaml file")
				: _("this is not a regular file; give the path of a .yaml file"));
		close(fd);
		return NULL;
	}
	if ((size_t)st.st_size > lim->max_file) {
		diag_add(diags, DIAG_ERROR, path, 0, 0,
			_("the file is %lld bytes long; the limit is %zu bytes"),
			(long long)st.st_size, lim->max_file);
		close(fd);
		return NULL;
	}
	buf = xmalloc((size_t)st.st_size + 1);
	while (len < (size_t)st.st_size) {
		ssize_t r = read(fd, buf + len, (size_t)st.st_size - len);

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		len += (size_t)r;
	}
	close(fd);
	buf[len] = '\0';
	t = ytree_load_mem(path, buf, len, lim, diags);
	free(buf);
	return t;
}

/* Look up a key in a mapping node; NULL when absent. Borrowed. */
const struct ytree *
ytree_get(const struct ytree *map, const char *key)
{
	if (map == NULL || map->kind != YT_MAP)
		return NULL;
	for (size_t i = 0; i + 1 < map->n; i += 2)
		if (strcmp(map->kids[i]->s, key) == 0)
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
