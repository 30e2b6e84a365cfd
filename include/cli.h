/* The command line: `hyoka new|fields|get|set|check ...` and the editor.
 * cli.c parses the options and runs a command; the commands are in
 * cmd-doc.c (new, get, set, accept), cmd-check.c (check, rules, fields)
 * and cmd-edit.c (the editor, recover, key replay). */
#ifndef HYOKA_CLI_H
#define HYOKA_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "diag.h"
#include "doc.h"
#include "fdef.h"
#include "fsave.h"

/* Exit statuses. */
enum {
	CLI_OK = 0,
	CLI_FINDINGS = 1,
	CLI_BAD = 2,
};

/* The options given and the form loaded for a command. */
struct cli {
	const char *form_file;
	const char *form_version;
	struct fdef *fd;
	bool batch;
	const char *format;
	const char *replay;
	const char *size;
	const char *dump;
};

int cli_main(int argc, char **argv);

/* Print diagnostics to standard error in the locale's charset. */
void cli_print_diags(struct diag_list *dl);

/* Print an error message naming the program. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Pick the form version for a new document or for `fields`. */
bool cli_version(struct cli *c, size_t *version);

/* Load a document, printing diagnostics on failure. Caller frees. */
struct doc *cli_load_doc(struct cli *c, const char *file);

/* Save a document atomically; false with a message on failure. */
bool cli_save(const struct doc *d, const char *file, enum fsave_mode mode);

/* Refuse to write a file another editor has open; true when it is free. */
bool cli_check_lock(const char *file);

/* Read a whole stream into a string; caller frees. */
char *cli_slurp(FILE *fp);

/* The commands: each returns an exit status. */
int cmd_new(struct cli *c, int argc, char **argv);
int cmd_get(struct cli *c, int argc, char **argv);
int cmd_set(struct cli *c, int argc, char **argv);
int cmd_accept(struct cli *c, int argc, char **argv);
int cmd_fields(struct cli *c, int argc);
int cmd_rules(struct cli *c, int argc);
int cmd_check(struct cli *c, int argc, char **argv);
int cmd_recover(struct cli *c, int argc, char **argv);
int cmd_edit(struct cli *c, const char *file);

#endif
