#include <config.h>
#include "edhost.h"

#include <errno.h>
#include <libgen.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "charset.h"
#include "docio.h"
#include "export.h"
#include "fsave.h"
#include "i18n.h"
#include "cli.h"
#include "tui.h"
#include "xalloc.h"

/* Write the document over its file, through the lock, never over another
 * program's change, a read-only file or an owner it cannot keep unless
 * how says the user agreed. */
static enum ed_written
edhost_save(void *ctx, const char *file, const char *buf, size_t len,
            unsigned how, char **err)
{
	struct edhost *h = ctx;
	struct fsave_stamp st;
	struct fsave_opts o = {
	        (how & ED_SAVE_OVERWRITE) || h->sess == NULL ? NULL
	                                                     : &h->sess->stamp,
	        (how & ED_SAVE_READONLY) != 0,
	        (how & ED_SAVE_IN_PLACE) ? FSAVE_IN_PLACE : FSAVE_OWNER_ASK,
	        h->sess ? &h->sess->fd : NULL, &st,
	        /* The message line is short: the name without its folder. */
	        strrchr(file, '/') ? strrchr(file, '/') + 1 : file, NULL, NULL};

	o.note = err; /* written, but without a backup: the message */
	switch (fsave_write_opts(file, buf, len, FSAVE_REPLACE, &o, err)) {
	case FSAVE_OK:
		if (h->sess != NULL)
			session_saved(h->sess, &st);
		return ED_WRITTEN;
	case FSAVE_CHANGED:
		return ED_WRITE_CHANGED;
	case FSAVE_READONLY:
		return ED_WRITE_READONLY;
	case FSAVE_OWNER:
		return ED_WRITE_OWNER;
	default:
		return ED_WRITE_FAILED;
	}
}

/* Tell whether path exists (a dangling link too). */
static bool
edhost_exists(void *ctx, const char *path)
{
	struct stat ls;

	(void)ctx;
	return lstat(path, &ls) == 0;
}

/* Create path with the document and move the lock and the recovery file
 * there. */
static enum ed_written
edhost_save_as(void *ctx, const char *path, const char *buf, size_t len,
               char **err, char **alert)
{
	struct edhost *h = ctx;
	struct fsave_stamp st;
	int fd = -1;
	struct fsave_opts o = {NULL, false, FSAVE_OWNER_ASK, &fd, &st, NULL,
	                       NULL, NULL};

	if (fsave_write_opts(path, buf, len, FSAVE_CREATE, &o, err) != FSAVE_OK)
		return ED_WRITE_FAILED;
	if (h->sess != NULL) {
		session_remove_recovery(h->sess);
		session_adopt(h->sess, path, fd, &st);
		session_record(h->sess, alert);
	} else if (fd >= 0) {
		close(fd);
	}
	return ED_WRITTEN;
}

/* Write the recovery file of the session. */
static bool
edhost_write_recovery(void *ctx, const char *buf, size_t len, char **err)
{
	struct edhost *h = ctx;

	return session_write_recovery(h->sess, buf, len, err);
}

/* Read the file again through its lock, dropping the recovery file. */
static struct doc *
edhost_reload(void *ctx, const struct fdef *fd, const char *file, bool *held,
              char **err)
{
	struct edhost *h = ctx;
	struct session_owner o;
	struct diag_list dl;
	enum session_state st;
	struct doc *d;

	session_remove_recovery(h->sess);
	st = session_open(h->sess, 2000, &o);
	if (st == SESSION_BUSY || st == SESSION_NOFILE ||
	    st == SESSION_NOLOCK) {
		*err = xstrdup(
		        st != SESSION_NOFILE
		                ? _("another program is writing the file; try again in a moment")
		                : _("the file is gone; save it with Ctrl-S or under another name"));
		return NULL;
	}
	diag_list_init(&dl);
	d = docio_load_fd(fd, h->sess->fd, file, &dl, &h->sess->stamp);
	if (d == NULL)
		*err = xstrdup(dl.n > 0 ? dl.v[0].msg
		                        : _("the file cannot be read again"));
	diag_list_fini(&dl);
	*held = st == SESSION_HELD;
	return d;
}

/* Tell whether a read-only file is the user's own. */
static bool
edhost_may_force(void *ctx, const char *file)
{
	struct stat st;

	(void)ctx;
	return stat(file, &st) == 0 && st.st_uid == geteuid();
}

/* Tell whether a program is on PATH (or is a path that can run). */
static bool
edhost_on_path(const char *prog)
{
	const char *path = getenv("PATH");
	char *copy, *save = NULL;
	bool found = false;

	if (strchr(prog, '/') != NULL)
		return access(prog, X_OK) == 0;
	copy = xstrdup(path && path[0] ? path : "/usr/bin:/bin");
	for (char *d = strtok_r(copy, ":", &save); d != NULL && !found;
	     d = strtok_r(NULL, ":", &save)) {
		char *full = xasprintf("%s/%s", d, prog);

		found = access(full, X_OK) == 0;
		free(full);
	}
	free(copy);
	return found;
}

/* Run $VISUAL or $EDITOR on path, its words split on blanks and run with
 * execvp: never through a shell. Without either, the first program of the
 * blank-separated list fallback (may be NULL) found on PATH. False when no
 * editor is set or found, or it could not be run. */
bool
edhost_spawn_editor(const char *path, const char *fallback)
{
	const char *ed = getenv("VISUAL");
	char *copy, *argv[16], *save = NULL, *pick = NULL;
	int argc = 0, status = 0;
	pid_t pid;

	if (ed == NULL || ed[0] == '\0')
		ed = getenv("EDITOR");
	if ((ed == NULL || ed[0] == '\0') && fallback != NULL) {
		char *list = xstrdup(fallback), *s2 = NULL;

		for (char *w = strtok_r(list, " ", &s2); w != NULL && !pick;
		     w = strtok_r(NULL, " ", &s2))
			if (edhost_on_path(w))
				pick = xstrdup(w);
		free(list);
		ed = pick;
	}
	if (ed == NULL || ed[0] == '\0') {
		free(pick);
		return false;
	}
	copy = xstrdup(ed);
	free(pick);
	for (char *w = strtok_r(copy, " \t", &save); w != NULL && argc < 14;
	     w = strtok_r(NULL, " \t", &save))
		argv[argc++] = w;
	argv[argc++] = (char *)path;
	argv[argc] = NULL;
	pid = fork();
	if (pid == 0) {
		execvp(argv[0], argv);
		_exit(127);
	}
	while (pid > 0 && waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	free(copy);
	return pid > 0 && WIFEXITED(status) && WEXITSTATUS(status) != 127;
}

/* Tell whether VISUAL or EDITOR names an editor. */
static bool
edhost_editor_set(void)
{
	const char *v = getenv("VISUAL"), *ed = getenv("EDITOR");

	return (v != NULL && v[0] != '\0') || (ed != NULL && ed[0] != '\0');
}

/* Tell whether the user chose an editor with Debian's select-editor (which
 * sensible-editor then runs). */
static bool
edhost_chose_editor(void)
{
	const char *sel = getenv("SELECTED_EDITOR"), *home = getenv("HOME");
	char *f;
	bool chosen;

	if (sel != NULL && sel[0] != '\0')
		return true;
	if (home == NULL || home[0] == '\0')
		return false;
	f = xasprintf("%s/.selected_editor", home);
	chosen = access(f, R_OK) == 0;
	free(f);
	return chosen;
}

/* Run the external editor on path: in the terminal with the screen handed
 * over and, without VISUAL or EDITOR, the editor chosen with Debian's
 * select-editor or nano (never vi, which a newcomer cannot leave); in key
 * replay only VISUAL or EDITOR. */
static bool
edhost_run_editor(const struct edhost *h, const char *path)
{
	bool ok;

	if (!h->terminal)
		return edhost_spawn_editor(path, NULL);
	tui_suspend();
	ok = edhost_spawn_editor(
	        path, edhost_chose_editor() ? "sensible-editor nano" : "nano");
	tui_resume();
	return ok;
}

/* Read the file the external editor wrote, as UTF-8 without its final
 * line break; NULL with *err. Caller frees. */
static char *
edhost_read_back(const char *path, char **err)
{
	FILE *fp = fopen(path, "r");
	char *text, *result;
	size_t len;

	if (fp == NULL) {
		*err = xasprintf(_("cannot read the temporary file: %s"),
		                 strerror(errno));
		return NULL;
	}
	text = cli_slurp(fp, SIZE_MAX, &len);
	fclose(fp);
	/* The final line break the file got (or the editor added). */
	if (len > 0 && text[len - 1] == '\n')
		text[--len] = '\0';
	if (len > 0 && text[len - 1] == '\r')
		text[--len] = '\0';
	if (charset_is_utf8()) {
		result = text;
	} else {
		result = charset_to_utf8(text);
		free(text);
	}
	if (result == NULL)
		*err = xasprintf(
		        _("the edited text is not %s; nothing was changed"),
		        charset_name());
	return result;
}

/* Write text (in the terminal's charset, with a final line break) to a
 * private temporary file, run the external editor on it and read it back;
 * NULL with *err when it could not run or the text cannot be handed
 * over. Caller frees. */
static char *
edhost_edit_text(void *ctx, const char *text, char **err)
{
	struct edhost *h = ctx;
	const char *dir = getenv("TMPDIR");
	char *tmpl, *out, *result;
	size_t len;
	int fd;

	/* An EUC-JP terminal's editor reads EUC-JP; a character it cannot
	 * hold would be lost, so the text is not handed over then. */
	out = charset_encode(text);
	if (out == NULL) {
		*err = xstrdup(_(
		        "this text has characters the terminal's charset cannot show; edit it here instead of with Ctrl-E"));
		return NULL;
	}
	tmpl = xasprintf("%s/hyoka-edit-XXXXXX.txt",
	                 dir && dir[0] ? dir : "/tmp");
	fd = mkstemps(tmpl, 4); /* a private file, mode 0600 */
	if (fd < 0) {
		*err = xasprintf(_("cannot make a temporary file: %s"),
		                 strerror(errno));
		free(tmpl);
		free(out);
		return NULL;
	}
	len = strlen(out);
	if (write(fd, out, len) != (ssize_t)len ||
	    (len > 0 && write(fd, "\n", 1) != 1)) {
		close(fd);
		unlink(tmpl);
		free(tmpl);
		free(out);
		*err = xstrdup(_("cannot write the temporary file"));
		return NULL;
	}
	free(out);
	close(fd);
	if (!edhost_run_editor(h, tmpl)) {
		unlink(tmpl);
		free(tmpl);
		*err = xstrdup(
		        edhost_editor_set()
		                ? _("the external editor could not be run; set VISUAL or EDITOR")
		                : _("no external editor was found: set EDITOR (for example EDITOR=nano) before starting hyoka"));
		return NULL;
	}
	result = edhost_read_back(tmpl, err);
	unlink(tmpl);
	free(tmpl);
	return result;
}

/* Export the document in format f to out, in UTF-8 (a CSV with its BOM,
 * for Excel); *where is the file's full path. */
static bool
edhost_export(void *ctx, const struct doc *d, enum export_format f,
              const char *out, bool force, char **where, char **err)
{
	struct export_opts o = {.format = f};
	struct export_result r;
	bool ok;

	(void)ctx;
	ok = export_write(d, out, force, &o, &r);
	if (ok) {
		*where = realpath(out, NULL);
		if (*where == NULL)
			*where = xstrdup(out);
	} else {
		*err = r.err ? xstrdup(r.err)
		             : xasprintf(_("cannot write %s"), out);
	}
	export_result_fini(&r);
	return ok;
}

/* Read the baseline a document names: base, relative to the folder of
 * file unless absolute. The document (the caller's), or NULL with *err
 * (caller frees) saying why. */
static struct doc *
edhost_load_baseline(void *ctx, const struct fdef *fd, const char *file,
                     const char *base, char **err)
{
	struct diag_list dl;
	struct doc *d;
	char *path;

	(void)ctx;
	if (base[0] == '/') {
		path = xstrdup(base);
	} else {
		char *copy = xstrdup(file);

		path = xasprintf("%s/%s", dirname(copy), base);
		free(copy);
	}
	diag_list_init(&dl);
	d = docio_load_file(fd, path, &dl);
	if (d == NULL)
		*err = xstrdup(dl.n > 0 ? dl.v[0].msg
		                        : _("the file cannot be read"));
	diag_list_fini(&dl);
	free(path);
	return d;
}

/* Set up the host of an editor on the file of session sess (NULL: a
 * read-only editor, which holds nothing); not yet in the terminal. */
void
edhost_init(struct edhost *h, struct session *sess)
{
	memset(h, 0, sizeof *h);
	h->sess = sess;
	h->host.ctx = h;
	h->host.save = edhost_save;
	h->host.exists = edhost_exists;
	h->host.save_as = edhost_save_as;
	h->host.may_force = edhost_may_force;
	h->host.edit_text = edhost_edit_text;
	h->host.export = edhost_export;
	h->host.load_baseline = edhost_load_baseline;
	if (sess != NULL) {
		h->host.write_recovery = edhost_write_recovery;
		h->host.reload = edhost_reload;
	}
}
