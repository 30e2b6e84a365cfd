#include <config.h>
#include "cli.h"

#include <errno.h>
#include <fcntl.h>
#include <langinfo.h>
#include <libgen.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "charset.h"
#include "docio.h"
#include "ed.h"
#include "edhost.h"
#include "i18n.h"
#include "name.h"
#include "replay.h"
#include "sbuf.h"
#include "session.h"
#include "tui.h"
#include "utf8.h"
#include "wareki.h"
#include "xalloc.h"

/* How long the editor waits for a command writing the file. */
#define CMD_EDIT_WAIT_MS 3000

/* qsort comparison of strings. */
static int
cmd_cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Collect "path<TAB>value<TAB>name" lines for every non-empty item of g:
 * the path sorts, path and value compare, the name (name.h) is shown. */
static void
cmd_collect(const struct doc_group *g, struct sbuf *out)
{
	for (size_t i = 0; i < g->def->nkids; i++) {
		const struct fdef_node *n = g->def->kids[i];
		const struct doc_slot *s = &g->slots[i];

		if (n->kind == FDEF_GROUP) {
			cmd_collect(s->grp, out);
		} else if (n->kind == FDEF_REPEAT) {
			for (size_t j = 0; j < s->ninst; j++)
				cmd_collect(s->inst[j], out);
		} else if (!doc_value_empty(&s->val)) {
			char *p = doc_path_of(g, n);
			char *v = doc_format_value(n, &s->val);
			char *name = name_item(g, n);

			for (char *q = v; *q; q++)
				if (*q == '\n' || *q == '\t')
					*q = ' ';
			sbuf_addf(out, "%s\t%s\t%s\n", p, v, name);
			free(p);
			free(v);
			free(name);
		}
	}
}

/* Split text into its lines, sorted; caller frees the array and text. */
static char **
cmd_sorted_lines(char *text, size_t *n)
{
	char **v = NULL, *save = NULL;

	*n = 0;
	for (char *l = strtok_r(text, "\n", &save); l != NULL;
	     l = strtok_r(NULL, "\n", &save)) {
		v = xreallocarray(v, *n + 1, sizeof *v);
		v[(*n)++] = l;
	}
	if (*n > 1)
		qsort(v, *n, sizeof *v, cmd_cmp_str);
	return v;
}

/* The length of a collected line without its name. */
static size_t
cmd_line_key(const char *line)
{
	return (size_t)(strrchr(line, '\t') - line);
}

/* Print the names of the items that differ between an old and a new
 * document (at most max of them); returns how many differ. */
static size_t
cmd_print_diff(const struct doc *a, const struct doc *b, size_t max)
{
	struct sbuf sa, sb;
	char **la, **lb;
	size_t na, nb, i = 0, j = 0, n = 0;

	sbuf_init(&sa);
	sbuf_init(&sb);
	cmd_collect(a->root, &sa);
	cmd_collect(b->root, &sb);
	la = cmd_sorted_lines(sa.buf, &na);
	lb = cmd_sorted_lines(sb.buf, &nb);
	while (i < na || j < nb) {
		size_t pa = i < na ? strcspn(la[i], "\t") : 0;
		size_t pb = j < nb ? strcspn(lb[j], "\t") : 0;
		int c = i >= na   ? 1
		        : j >= nb ? -1
		                  : strncmp(la[i], lb[j], pa < pb ? pb : pa);
		const char *line = c <= 0 ? la[i] : lb[j];

		if (c == 0 && cmd_line_key(la[i]) == cmd_line_key(lb[j]) &&
		    strncmp(la[i], lb[j], cmd_line_key(la[i])) == 0) {
			i++;
			j++;
			continue;
		}
		if (n < max)
			cli_say(stderr, "  %s\n", strrchr(line, '\t') + 1);
		n++;
		if (c <= 0)
			i++;
		if (c >= 0)
			j++;
	}
	if (n > max)
		cli_say(stderr, _("  ... and %zu more\n"), n - max);
	free(la);
	free(lb);
	sbuf_fini(&sa);
	sbuf_fini(&sb);
	return n;
}

/* A value in one line for a message: line breaks as spaces, at most 24
 * characters (then …), 「」 around it; (空欄) for none. Caller frees. */
static char *
cmd_short_value(const struct fdef_node *n, const struct doc_value *v)
{
	char *s = doc_format_value(n, v), *r;
	size_t fit, used;

	if (s[0] == '\0') {
		free(s);
		return xstrdup(_("(empty)"));
	}
	for (char *q = s; *q; q++)
		if (*q == '\n' || *q == '\t')
			*q = ' ';
	{
		/* No escape sequence of a value reaches the terminal. */
		char *safe = utf8_escape(s, "");

		free(s);
		s = safe;
	}
	fit = utf8_fit(s, strlen(s), 48, &used);
	r = xasprintf("「%.*s%s」", (int)fit, s, s[fit] ? "…" : "");
	free(s);
	return r;
}

struct cmd_changes {
	const struct doc *doc;
	size_t n, max;
};

/* Say one changed item of instance g: its name as people read it (the
 * printed reference and label), the old and the new value. */
static void
cmd_say_change(struct cmd_changes *cc, const struct doc_group *g,
               const struct fdef_node *n, const struct doc_value *a,
               const struct doc_value *b)
{
	char *name = name_item(g, n);
	char *va = cmd_short_value(n, a), *vb = cmd_short_value(n, b);

	if (cc->n < cc->max)
		cli_say(stderr, "  %s: %s → %s\n", name, va, vb);
	cc->n++;
	free(name);
	free(va);
	free(vb);
}

/* Walk two instances of the same part of the form side by side and say
 * what differs: items, and the number of blocks of a repeat. */
static void
cmd_changes_in(struct cmd_changes *cc, const struct doc_group *a,
               const struct doc_group *b)
{
	for (size_t i = 0; i < b->def->nkids; i++) {
		const struct fdef_node *n = b->def->kids[i];
		const struct doc_slot *sa = &a->slots[i], *sb = &b->slots[i];

		if (!fdef_in_version(n, cc->doc->version))
			continue;
		if (n->kind == FDEF_GROUP) {
			cmd_changes_in(cc, sa->grp, sb->grp);
		} else if (n->kind == FDEF_REPEAT) {
			size_t k =
			        sa->ninst < sb->ninst ? sa->ninst : sb->ninst;

			for (size_t j = 0; j < k; j++)
				cmd_changes_in(cc, sa->inst[j], sb->inst[j]);
			if (sa->ninst != sb->ninst) {
				char *name = name_item(b, n);

				if (cc->n < cc->max)
					cli_say(stderr,
					        _("  %s: %zu block(s) → %zu\n"),
					        name, sa->ninst, sb->ninst);
				free(name);
				cc->n++;
			}
		} else {
			char *va = doc_format_value(n, &sa->val);
			char *vb = doc_format_value(n, &sb->val);

			if (strcmp(va, vb) != 0)
				cmd_say_change(cc, b, n, &sa->val, &sb->val);
			free(va);
			free(vb);
		}
	}
}

/* Say what a recovery file would change, item by item as the form prints
 * them (at most max lines); returns how many changes there are. */
static size_t
cmd_print_changes(const struct doc *a, const struct doc *b, size_t max)
{
	struct cmd_changes cc = {b, 0, max};

	if (a->version != b->version) {
		cli_say(stderr, "  %s → %s\n",
		        a->fd->versions[a->version].label,
		        b->fd->versions[b->version].label);
		return 1;
	}
	cmd_changes_in(&cc, a->root, b->root);
	if (cc.n > max)
		cli_say(stderr, _("  ... and %zu more\n"), cc.n - max);
	return cc.n;
}

/* A lock's time (2026-12-01T10:30) as 令和8年12月1日 10時30分. Caller
 * frees. */
static char *
cmd_when(const char *iso)
{
	int y, mo, d, h, mi;
	struct wareki_date w;
	char *date, *r;

	if (sscanf(iso, "%d-%d-%dT%d:%d", &y, &mo, &d, &h, &mi) != 5 ||
	    !wareki_from_gregorian(y, mo, d, &w) ||
	    (date = wareki_format(&w)) == NULL)
		return xstrdup(iso);
	r = xasprintf(_("%s %d:%02d"), date, h, mi);
	free(date);
	return r;
}

/* Load a recovery file found for a document; NULL with messages. An
 * unfinished entry (a date half typed when the editor stopped) goes to
 * *unfinished (caller frees), else NULL. Caller frees. */
static struct doc *
cmd_load_recovery(struct cli *c, const struct session_recovery *r,
                  char **unfinished)
{
	struct diag_list dl;
	struct doc *d;
	size_t len;
	char *err = NULL, *text = session_read_recovery(r, &len, &err);

	*unfinished = NULL;
	if (text == NULL) {
		cli_error("%s", err);
		free(err);
		return NULL;
	}
	if (strncmp(text, ED_UNFINISHED, strlen(ED_UNFINISHED)) == 0)
		*unfinished =
		        xstrndup(text + strlen(ED_UNFINISHED),
		                 strcspn(text, "\n") - strlen(ED_UNFINISHED));
	diag_list_init(&dl);
	d = docio_load_mem(c->fd, r->path, text, len, &dl);
	if (d == NULL) {
		cli_print_diags(&dl);
		cli_error(_("the recovery file %s could not be read"), r->path);
		free(*unfinished);
		*unfinished = NULL;
	}
	diag_list_fini(&dl);
	free(text);
	return d;
}

/* Say when a recovery file was written. */
static void
cmd_say_written(const struct session_recovery *r)
{
	char iso[32], *when;
	struct tm tm;

	localtime_r(&r->written, &tm);
	strftime(iso, sizeof iso, "%Y-%m-%dT%H:%M", &tm);
	when = cmd_when(iso);
	cli_say(stderr, _("  (the recovery file was written at %s)\n"), when);
	free(when);
}

/* The name for people of the item of an unfinished entry PATH<TAB>TEXT
 * in document d (its path when d has no such item). Caller frees. */
static char *
cmd_unfinished_name(struct doc *d, const char *unfinished)
{
	char *path = xstrndup(unfinished, strcspn(unfinished, "\t"));
	struct doc_ptr p;
	char *err = NULL, *name;

	if (d != NULL && doc_resolve(d, path, false, &p, &err)) {
		name = name_item(p.g, p.node);
		free(path);
		return name;
	}
	free(err);
	return path;
}

/* In the recovery offer: the entry that was being typed, if any
 * (unfinished may be NULL), by the name of its item in d. */
static void
cmd_say_typing(struct doc *d, const char *unfinished)
{
	const char *tab;
	char *name;

	if (unfinished == NULL)
		return;
	tab = strchr(unfinished, '\t');
	name = cmd_unfinished_name(d, unfinished);
	cli_say(stderr,
	        _("  %s: 「%s」 was being typed (not a value yet: type it again after restoring)\n"),
	        name, tab ? tab + 1 : "");
	free(name);
}

/* Say what an unfinished entry of a recovery file of d was. */
static void
cmd_say_unfinished(struct doc *d, const char *unfinished)
{
	const char *tab = strchr(unfinished, '\t');
	char *name = cmd_unfinished_name(d, unfinished);

	cli_error(_("an entry was being typed when the editor stopped and is "
	            "not a value yet: %s 「%s」; type it again"),
	          name, tab ? tab + 1 : "");
	free(name);
}

/* hyoka recover FILE: apply the recovery file without the editor. A
 * recovery file written before the document was last saved would undo
 * that later work: it is not applied here (the editor offers it, saying
 * so). */
static int
cmd_recover(struct cli *c, int argc, char **argv)
{
	struct session s;
	struct session_recovery r;
	struct doc *d = NULL, *rd;
	char *warn = NULL, *unfinished = NULL;
	size_t n;
	int rc = CLI_OK;

	if (argc != 1)
		return cli_usage_error(c);
	if (!cli_lock(&s, argv[0]))
		return CLI_BAD;
	if (s.fd >= 0 || access(argv[0], F_OK) == 0) {
		d = cli_load_locked(c, &s);
		if (d == NULL) {
			session_fini(&s);
			return CLI_BAD;
		}
	}
	if (!session_find_recovery(&s, &r, &warn)) {
		if (warn != NULL)
			cli_error("%s", warn);
		cli_error(_("there is nothing to recover for %s"), argv[0]);
		free(warn);
		doc_free(&d);
		session_fini(&s);
		return CLI_BAD;
	}
	rd = cmd_load_recovery(c, &r, &unfinished);
	if (rd == NULL) {
		rc = CLI_BAD;
	} else if (d != NULL && !r.current) {
		cli_error(_("the recovery file of %s was written before %s was "
		            "last saved; restoring it would undo these later "
		            "changes:"),
		          argv[0], argv[0]);
		cmd_print_diff(rd, d, 50);
		cmd_say_written(&r);
		cli_error(_("nothing was changed. Open the file in the editor "
		            "(hyoka %s) to choose"),
		          argv[0]);
		rc = CLI_BAD;
	} else {
		cli_say(stderr,
		        _("restoring %s from its recovery file; these "
		          "items change:\n"),
		        argv[0]);
		n = d ? cmd_print_diff(d, rd, 50) : 0;
		if (d != NULL && n == 0)
			cli_say(stderr, "%s\n", _("  (nothing differs)"));
		if (d != NULL ? cli_save_locked(&s, rd)
		              : cli_save(rd, argv[0], FSAVE_CREATE))
			unlink(r.path);
		else
			rc = CLI_BAD;
		if (rc == CLI_OK && unfinished != NULL)
			cmd_say_unfinished(rd, unfinished);
	}
	free(unfinished);
	session_recovery_fini(&r);
	doc_free(&d);
	doc_free(&rd);
	session_fini(&s);
	return rc;
}

/* Ask a question on the terminal; the answer is one of the keys in valid
 * (other keys are ignored), as in the editor: no Enter needed, and Enter
 * alone gives '\n', the default. An Enter typed right after the key (as
 * the prompts used to want) is dropped so that it does not reach the
 * editor. Without a terminal, the first letter of a line. 0 at the end of
 * the input. */
static int
cmd_ask(const char *question, const char *valid)
{
	struct termios old, raw;
	unsigned char ch = 0;
	ssize_t n;

	cli_say(stderr, "%s", question);
	fflush(stderr);
	if (!isatty(STDIN_FILENO) || tcgetattr(STDIN_FILENO, &old) != 0) {
		char line[16];

		return fgets(line, sizeof line, stdin) ? line[0] : 0;
	}
	raw = old;
	raw.c_lflag &= ~(tcflag_t)(ICANON | ECHO);
	raw.c_cc[VMIN] = 1;
	raw.c_cc[VTIME] = 0;
	tcsetattr(STDIN_FILENO, TCSANOW, &raw);
	do {
		while ((n = read(STDIN_FILENO, &ch, 1)) < 0 && errno == EINTR)
			;
		if (ch == '\r')
			ch = '\n';
	} while (n == 1 && ch != '\n' && (ch == 0 || !strchr(valid, ch)));
	if (n == 1 && ch != '\n') {
		struct pollfd p = {STDIN_FILENO, POLLIN, 0};
		unsigned char next;

		/* The Enter the prompts used to want, typed right after. */
		if (poll(&p, 1, 300) == 1) {
			ssize_t dropped = read(STDIN_FILENO, &next, 1);

			(void)dropped;
		}
	}
	tcsetattr(STDIN_FILENO, TCSANOW, &old);
	if (n != 1)
		return 0;
	cli_say(stderr, "%c\n", ch >= 0x21 && ch < 0x7f ? ch : ' ');
	return ch;
}

/* Ask on the terminal whether to create a missing file. */
static bool
cmd_ask_create(const char *file)
{
	char *q;
	int a;

	if (!isatty(STDIN_FILENO) || !cli_folder_exists(file))
		return false;
	q = xasprintf(
	        _("%s does not exist. Create a new assessment there? [y/N] "),
	        file);
	a = cmd_ask(q, "yYnN");
	free(q);
	return a == 'y' || a == 'Y';
}

/* Read a whole file into a string; NULL with a message. Caller frees. */
static char *
cmd_read_text(const char *path)
{
	FILE *fp = fopen(path, "r");
	size_t len;
	char *s;

	if (fp == NULL) {
		cli_error(_("cannot read %s: %s"), path, strerror(errno));
		return NULL;
	}
	s = cli_slurp(fp, DOCIO_MAX_FILE, &len);
	fclose(fp);
	if (s == NULL)
		cli_error(_("%s is longer than %u bytes; that is not a list of "
		            "keys"),
		          path, DOCIO_MAX_FILE);
	else if (strlen(s) != len)
		cli_error(_("%s holds a NUL byte; that is not a list of keys"),
		          path);
	if (s != NULL && strlen(s) != len) {
		free(s);
		s = NULL;
	}
	return s;
}

/* Parse --size COLSxROWS. */
static bool
cmd_parse_size(const char *s, int *cols, int *rows)
{
	char *end;
	long c = strtol(s, &end, 10), r;

	if (*end != 'x')
		return false;
	r = strtol(end + 1, &end, 10);
	if (*end != '\0' || c < 20 || c > 1000 || r < 5 || r > 1000)
		return false;
	*cols = (int)c;
	*rows = (int)r;
	return true;
}

/* Run key replay on the editor and write the final screen. */
static int
cmd_replay(struct cli *c, struct ed *e)
{
	struct diag_list dl;
	uint32_t *keys = NULL;
	size_t nkeys = 0;
	const char *replay = cli_opt(c, "replay"), *size = cli_opt(c, "size");
	const char *dump = cli_opt(c, "dump");
	int cols = 80, rows = 24, rc = CLI_OK;
	char *text, *screen;

	if (size != NULL && !cmd_parse_size(size, &cols, &rows)) {
		cli_error(_("--size must be COLSxROWS such as 80x24 (got "
		            "\"%s\")"),
		          size);
		return CLI_BAD;
	}
	text = cmd_read_text(replay);
	if (text == NULL)
		return CLI_BAD;
	diag_list_init(&dl);
	if (!replay_parse(replay, text, &keys, &nkeys, &dl)) {
		cli_print_diags(&dl);
		diag_list_fini(&dl);
		free(text);
		return CLI_BAD;
	}
	diag_list_fini(&dl);
	free(text);
	screen = replay_run(e, keys, nkeys, cols, rows);
	if (dump != NULL) {
		FILE *fp = fopen(dump, "w");

		if (fp == NULL || fputs(screen, fp) < 0 || fclose(fp) != 0) {
			cli_error(_("cannot write %s: %s"), dump,
			          strerror(errno));
			rc = CLI_BAD;
		}
	}
	free(screen);
	free(keys);
	return rc;
}

/* The question about another editor's lock on file (st: stale, held by
 * a live editor, or busy: its holder is running and cannot be taken
 * over). Caller frees. */
static char *
cmd_lock_question(enum session_state st, const char *file,
                  const struct session_owner *o)
{
	char *since = cmd_when(o->since), *q;
	enum session_gone gone = st == SESSION_STALE && o->pid > 0
	                                 ? session_gone(o)
	                                 : SESSION_GONE_ENDED;

	if (st == SESSION_STALE && o->pid > 0 && gone == SESSION_GONE_RUNNING)
		q = xasprintf(
		        _("%s was being edited by %s on %s (process %ld, since %s), as its lock record says; a process with that number is running, but it does not hold the file (the number was reused, or the record was not written by hyoka). Take over? [Y/n] "),
		        file, o->user, o->host, o->pid, since);
	else if (st == SESSION_STALE && o->pid > 0 &&
	         gone == SESSION_GONE_ELSEWHERE)
		q = xasprintf(
		        _("%s was being edited by %s on %s (process %ld, since %s), as its lock record says; that is another computer, so whether the process runs cannot be checked from here, but the record was written by a user who may not write the file. Take over? [Y/n] "),
		        file, o->user, o->host, o->pid, since);
	else if (st == SESSION_STALE && o->pid > 0)
		q = xasprintf(
		        _("%s was being edited by %s on %s (process %ld, since %s), which has ended without closing it. Take over? [Y/n] "),
		        file, o->user, o->host, o->pid, since);
	else if (st == SESSION_STALE)
		q = xasprintf(_("the lock file of %s is damaged (not written "
		                "by hyoka). Take over? [Y/n] "),
		              file);
	else if (st == SESSION_HELD)
		q = xasprintf(
		        _("%s is being edited by %s on %s (process %ld, since %s).\n  r: open read-only  t: take over (only if that editor is really closed)  q: quit [r/t/Q] "),
		        file, o->user, o->host, o->pid, since);
	else if (o->host[0] != '\0')
		q = xasprintf(_("%s is being edited by %s on %s (process %ld, "
		                "since %s).\n  r: open read-only  q: quit "
		                "[r/Q] "),
		              file, o->user, o->host, o->pid, since);
	else
		q = xasprintf(
		        _("%s is in use by another program, or by an editor that opened it under another name (a link).\n  r: open read-only  q: quit [r/Q] "),
		        file);
	free(since);
	return q;
}

/* Tell whether this user may create files in the folder of file (where
 * a save puts its new version). */
static bool
cmd_folder_writable(const char *file)
{
	char *copy = xstrdup(file);
	bool r = faccessat(AT_FDCWD, dirname(copy), W_OK | X_OK, AT_EACCESS) ==
	                 0 ||
	         (errno != EACCES && errno != EROFS && errno != EPERM);

	free(copy);
	return r;
}

/* Take the editor's lock before the file is read, asking about another
 * editor's lock on a terminal (without one: take a stale lock over, open
 * read-only beside a live one). *readonly is set when the editor opens
 * read-only; false when it must not open. */
static bool
cmd_edit_lock(struct cli *c, struct session *s, bool *readonly)
{
	struct session_owner o;
	bool interactive = cli_opt(c, "replay") == NULL && isatty(STDIN_FILENO);
	enum session_state st;
	char *err = NULL;

	/* No save can be put in the folder: read-only, holding nothing, so
	 * that nobody who can save is locked out. */
	*readonly = !cmd_folder_writable(s->file);
	if (*readonly)
		return true;
	st = session_open(s, CMD_EDIT_WAIT_MS, &o);
	if (st == SESSION_NOLOCK) {
		cli_say_nolock(s);
		return false;
	}
	if (st == SESSION_STALE || st == SESSION_HELD || st == SESSION_BUSY) {
		char *q = cmd_lock_question(st, s->file, &o);
		int a = !interactive
		                ? (st == SESSION_STALE ? 'y' : 'r')
		                : cmd_ask(q, st == SESSION_STALE  ? "yYnN"
		                             : st == SESSION_HELD ? "rRtTqQ"
		                                                  : "rRqQ");

		free(q);
		a |= 0x20; /* y, n, r, t, q in either case */
		if (st == SESSION_STALE && a == 'n')
			return false;
		if (st != SESSION_STALE && a == 'r')
			*readonly = true;
		else if (st != SESSION_STALE &&
		         !(st == SESSION_HELD && a == 't'))
			return false;
	}
	if (*readonly) {
		/* Read-only: the file is read, not held. */
		session_unlock(s);
		return true;
	}
	if (!session_record(s, &err)) {
		cli_error(_("the lock of %s cannot be recorded (%s); others "
		            "will not see that you have it open"),
		          s->file, err);
		free(err);
	}
	return true;
}

/* Create a missing file for the editor, holding its lock. */
static bool
cmd_edit_create(struct cli *c, struct session *s)
{
	struct fsave_stamp st;
	struct fsave_opts o = {NULL, false, FSAVE_OWNER_ASK, NULL, &st, NULL,
	                       NULL, NULL};
	size_t version = c->fd->default_version, len;
	char *buf, *err = NULL;
	struct doc *d;
	int fd = -1;

	if (cli_opt(c, "replay") == NULL && !cmd_ask_create(s->file)) {
		cli_say_missing(s->file);
		return false;
	}
	if (!cli_version(c, &version))
		return false;
	d = doc_new_blank(c->fd, version);
	buf = docio_emit_checked(d, s->file, &len, &err);
	doc_free(&d);
	o.lock = &fd;
	if (buf == NULL || fsave_write_opts(s->file, buf, len, FSAVE_CREATE, &o,
	                                    &err) != FSAVE_OK) {
		cli_error("%s", err);
		free(err);
		free(buf);
		return false;
	}
	free(buf);
	session_adopt(s, s->file, fd, &st);
	return true;
}

/* Offer the recovery file of a document when the editor opens it; the
 * restored document (caller frees) or NULL. A recovery file written
 * before the document was last saved is offered saying so, and restored
 * only on an explicit y. One not restored is kept as NAME.old, and
 * *declined (caller frees) says so for the editor's message line. */
static struct doc *
cmd_edit_recovery(struct cli *c, struct session *s, const struct doc *d,
                  struct session_recovery *r, char **unfinished,
                  char **declined)
{
	char *warn = NULL, *old;
	struct doc *rd;
	int a;

	*unfinished = NULL;
	*declined = NULL;
	if (!session_find_recovery(s, r, &warn)) {
		if (warn != NULL)
			cli_error("%s", warn);
		free(warn);
		return NULL;
	}
	rd = cmd_load_recovery(c, r, unfinished);
	if (rd == NULL)
		return NULL;
	if (rd->version == d->version && *unfinished == NULL) {
		/* A recovery file that changes nothing is not offered. */
		struct cmd_changes none = {rd, 0, 0};

		cmd_changes_in(&none, d->root, rd->root);
		if (none.n == 0) {
			unlink(r->path);
			doc_free(&rd);
			return NULL;
		}
	}
	if (r->current) {
		cli_say(stderr,
		        _("%s has unsaved changes from an editor that "
		          "did not close (recovery file). They "
		          "change:\n"),
		        s->file);
		cmd_print_changes(d, rd, 20);
		cmd_say_typing(rd, *unfinished);
		a = isatty(STDIN_FILENO)
		            ? cmd_ask(_("Restore them? [Y/n] "), "yYnN")
		            : 'n';
		if (a != 'n' && a != 'N')
			return rd;
	} else {
		cli_say(stderr,
		        _("%s has unsaved changes from an editor that "
		          "did not close, but the file was saved again "
		          "after them: restoring them would undo these "
		          "later changes:\n"),
		        s->file);
		cmd_print_changes(d, rd, 20);
		cmd_say_typing(rd, *unfinished);
		cmd_say_written(r);
		a = isatty(STDIN_FILENO)
		            ? cmd_ask(_("Restore them anyway? [y/N] "), "yYnN")
		            : 'n';
		if (a == 'y' || a == 'Y')
			return rd;
	}
	old = session_keep_recovery(r);
	if (old != NULL)
		*declined = xasprintf(
		        _("the unsaved changes of %s were not restored (a copy is kept in %s)"),
		        s->file, old);
	free(old);
	free(*unfinished);
	*unfinished = NULL;
	doc_free(&rd);
	return NULL;
}

/* Show at once, before any typing, when no recovery file can be written
 * (the first autosave would say so only after a key). */
static void
cmd_edit_unprotected(struct ed *e)
{
	char *why = session_recovery_problem(), *m;

	if (why == NULL)
		return;
	m = xasprintf(
	        _("NOT PROTECTED: the recovery file cannot be written (%s). Save with Ctrl-S, or to another folder"),
	        why);
	ed_alert(e, m);
	free(m);
	free(why);
}

/* hyoka FILE: open the editor (or run key replay on it); argv[0] is the
 * file, the only argument (cli_main checks). The lock is taken before the
 * file is read and held until the editor ends. */
static int
cmd_edit(struct cli *c, int argc, char **argv)
{
	const char *file = argv[0];
	bool replay = cli_opt(c, "replay") != NULL;
	struct session s;
	struct session_recovery r = {0};
	struct doc *d, *restored = NULL;
	char *unfinished = NULL, *declined = NULL;
	struct ed *e;
	struct edhost host;
	bool readonly = false;
	int rc;

	(void)argc;
	session_init(&s, file);
	if (access(file, F_OK) != 0 && !cmd_edit_create(c, &s)) {
		session_fini(&s);
		return CLI_BAD;
	}
	if (!cmd_edit_lock(c, &s, &readonly)) {
		session_fini(&s);
		return CLI_BAD;
	}
	if (s.fd >= 0) {
		d = cli_load_locked(c, &s);
	} else {
		d = cli_load_doc(c, file);
		if (d != NULL && !readonly)
			s.stamp.valid = false;
	}
	if (d == NULL) {
		session_fini(&s);
		return CLI_BAD;
	}
	if (!readonly && !replay)
		restored =
		        cmd_edit_recovery(c, &s, d, &r, &unfinished, &declined);
	e = ed_new(c->fd, restored ? restored : d, file);
	ed_set_readonly(e, readonly);
	edhost_init(&host, readonly ? NULL : &s);
	ed_set_host(e, &host.host);
	ed_open_baseline(e);
	if (restored != NULL) {
		/* Unsaved until the user saves: mark the editor modified, and
		 * keep the restored text in this document's recovery file at
		 * once before the old one goes. */
		char *now = NULL, *err = NULL;

		ed_set_restored(e);
		ed_write_recovery(e);
		now = session_recover_path(&s, &err);
		if (now != NULL && strcmp(now, r.path) != 0 &&
		    ed_autosave_error(e) == NULL)
			unlink(r.path);
		free(now);
		free(err);
		if (unfinished != NULL) {
			const char *tab = strchr(unfinished, '\t');
			char *name = cmd_unfinished_name(restored, unfinished);

			ed_message(
			        e, true,
			        _("restored; an entry was being typed and is "
			          "not a value yet: %s 「%s」; type it again"),
			        name, tab ? tab + 1 : "");
			free(name);
		} else {
			ed_message(
			        e, false, "%s",
			        _("restored the unsaved changes; Ctrl-S saves "
			          "them"));
		}
	}
	if (declined != NULL)
		ed_message(e, false, "%s", declined);
	free(declined);
	if (readonly && !cmd_folder_writable(file))
		ed_message(
		        e, true, "%s",
		        _("read-only: you may not create files in this file's folder, so it cannot be saved there"));
	else if (readonly)
		ed_message(e, true, "%s",
		           _("read-only: another editor has this file open"));
	else if (!s.recorded)
		ed_alert(e, _("the lock of this file could not be recorded: "
		              "others will not see that you have it open"));
	if (!readonly)
		cmd_edit_unprotected(e);
	if (replay) {
		rc = cmd_replay(c, e);
	} else if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		cli_error(_("the editor needs a terminal; use the commands "
		            "(hyoka --help) in scripts"));
		rc = CLI_BAD;
	} else if (strcmp(nl_langinfo(CODESET), "ANSI_X3.4-1968") == 0) {
		/* LANG=C: the screen would be nearly blank. */
		cli_error(_("the terminal's language setting (LANG) has no "
		            "Japanese characters; start hyoka with "
		            "LANG=ja_JP.UTF-8 (ja_JP.eucJP on an EUC-JP "
		            "terminal)"));
		rc = CLI_BAD;
	} else {
		host.terminal = true;
		rc = tui_run(e);
		if (rc == TUI_HANGUP) {
			/* The connection is gone: the recovery file keeps the
			 * typing; the lock goes, and nothing waits on the
			 * terminal. */
			if (!readonly)
				session_unlock(&s);
			_exit(1);
		}
		/* A clean quit (saved, or changes thrown away on purpose). */
		if (!readonly)
			session_remove_recovery(&s);
	}
	ed_free(&e);
	free(unfinished);
	session_recovery_fini(&r);
	session_fini(&s);
	doc_free(&d);
	doc_free(&restored);
	return rc;
}

/* hyoka recover: a row of cmd_table (cli.c). */
const struct cmd_entry cmd_recover_entry = {
        .name = "recover",
        .args = "FILE",
        .help = N_(
                "restore the unsaved changes of an editor that did not close (connection lost, crash)"),
        .exec = cmd_recover,
};

/* The options of the editor. */
static const struct cmd_option cmd_edit_options[] = {
        {"replay", 0, "KEYS",
         N_("run the editor on the keys in KEYS (tmux key names, one per line) on a virtual screen, for tests")},
        {"size", 0, "COLSxROWS", N_("the size of that screen (80x24)")},
        {"dump", 0, "SCREEN", N_("write its last screen to SCREEN")},
        {NULL, 0, NULL, NULL},
};

/* hyoka FILE, the editor: what runs when the first word is not a command
 * (cli.c). Its help is hyoka's. */
const struct cmd_entry cmd_edit_entry = {
        .args = "FILE\n"
                "--replay KEYS [--size COLSxROWS] [--dump SCREEN] FILE",
        .help = N_("Write and check a 特定個人情報保護評価書(重点項目評価書)."),
        .options = cmd_edit_options,
        .exec = cmd_edit,
};
