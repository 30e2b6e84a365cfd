/* The command line: `hyoka COMMAND [OPTION]... [ARGUMENT]...` and the
 * editor (`hyoka FILE`). cli.c finds the command in its table (cmd_table),
 * parses that command's options and the common ones (--form-file,
 * --form-version, --help, --version), loads the form and runs the command.
 * The commands are in cmd-doc.c (new, get, set, accept), cmd-check.c
 * (check, rules, fields), cmd-edit.c (the editor, recover) and
 * cmd-export.c (export). */
#ifndef HYOKA_CLI_H
#define HYOKA_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "diag.h"
#include "doc.h"
#include "fdef.h"
#include "fsave.h"
#include "session.h"

/* Exit statuses. */
enum {
	CLI_OK = 0,
	CLI_FINDINGS = 1,
	CLI_BAD = 2,
};

struct cli;

/* An option of a command: --NAME, and -LETTER when letter is not 0. arg
 * names its argument in the help (NULL: the option takes none); help is
 * one line, marked with N_(). */
struct cmd_option {
	const char *name;
	int letter;
	const char *arg;
	const char *help;
};

/* A command: `hyoka NAME ARGS`. args is the synopsis after the name, one
 * line per form of the command; help is one line, marked with N_();
 * options are the command's own, ending with a NULL name (NULL: none).
 * exec runs with the form loaded and the arguments that are not options;
 * it returns the exit status. */
struct cmd_entry {
	const char *name;
	const char *args;
	const char *help;
	const struct cmd_option *options;
	int (*exec)(struct cli *c, int argc, char **argv);
};

/* A command being run: its entry, the common options and the form. */
struct cli {
	const struct cmd_entry *cmd;
	const char *form_file;
	const char *form_version;
	struct fdef *fd;
	const char **opts; /* the command's options, by their index */
	char **texts;      /* arguments converted by cli_texts(), to free */
	size_t ntexts;
};

/* Run hyoka with main's arguments; return the exit status. */
int cli_main(int argc, char **argv);

/* Return the argument of the command's option NAME: NULL when it was not
 * given, "" for an option without argument. Borrowed. */
const char *cli_opt(const struct cli *c, const char *name);

/* Convert the text arguments argv[from] to argv[to - 1] (paths, values,
 * reasons) from the locale's charset to UTF-8, in place; false with a
 * message when one is not valid. File names are never converted. */
bool cli_texts(struct cli *c, char **argv, int from, int to);

/* The name to give `hyoka NAME` to open file in the editor (./NAME when
 * NAME looks like an option or a command). Caller frees. */
char *cli_edit_name(const char *file);
bool cli_folder_exists(const char *file);
void cli_say_missing(const char *file);

/* Print the command's synopsis as an error; return CLI_BAD. No memory. */
int cli_usage_error(const struct cli *c);

/* Print one diagnostic on one line in the locale's charset. */
void cli_print_diag(FILE *fp, struct diag *d);

/* Print diagnostics to standard error in the locale's charset. */
void cli_print_diags(struct diag_list *dl);

/* Leave a document and its findings to the end of the process instead of
 * freeing them (takes both; what was kept before is freed). */
void cli_keep(struct doc *d, struct diag_list *dl);

/* Print an error message naming the program. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void cli_say(FILE *fp, const char *fmt, ...)
        __attribute__((format(printf, 2, 3)));

/* Pick the form version for a new document or for `fields`. */
bool cli_version(struct cli *c, size_t *version);

/* Load a document, printing diagnostics on failure. Caller frees. */
struct doc *cli_load_doc(struct cli *c, const char *file);

/* Save a document atomically; false with a message on failure. */
bool cli_save(const struct doc *d, const char *file, enum fsave_mode mode);

/* How long a writing command waits for another one to finish. */
#define CLI_WAIT_MS 5000

/* Say who holds the lock of a document (SESSION_BUSY or SESSION_HELD). */
void cli_say_holder(const char *file, const struct session_owner *o);
void cli_say_nolock(const struct session *s);

/* Take the lock of a document before a command reads and changes it;
 * false with a message when another editor or command holds it. */
bool cli_lock(struct session *s, const char *file);

/* Load the document a session holds, keeping what was read. Caller
 * frees. */
struct doc *cli_load_locked(struct cli *c, struct session *s);

/* Lock a document and load it, for a command that changes it; NULL with a
 * message (s finished). Caller frees. */
struct doc *cli_open_locked(struct cli *c, struct session *s, const char *file);

/* Save the document a session holds, never over another program's
 * change; false with a message. */
bool cli_save_locked(struct session *s, const struct doc *d);

/* Read a whole stream of at most max bytes into a string; NULL when it
 * is longer. Caller frees. */
char *cli_slurp(FILE *fp, size_t max, size_t *len);

/* cmd-review.c: the next version of a published one (new --from), and
 * the baseline that check compares a document with. */
int cmd_new_from(struct cli *c, const char *last, const char *file);
bool cmd_load_baseline(struct cli *c, struct doc *d, const char *file,
                       struct doc **base);

#endif
