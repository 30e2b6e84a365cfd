/* The rule book at work: running each check of the form (a condition or a
 * built-in kind such as the しきい値判断) over a document. */
#ifndef HYOKA_RULES_H
#define HYOKA_RULES_H

#include "doc.h"
#include "fdef.h"

/* Called for each finding: the check, its severity (the check's, or its
 * unsure_severity), the instance and item it is about, and the message
 * with its placeholders filled in. */
typedef void (*rules_report_fn)(void *arg, const struct fdef_check *c,
                                enum diag_sev sev,
                                const struct doc_group *scope,
                                const struct doc_group *g,
                                const struct fdef_node *at, const char *msg);

#include "resolve.h"

/* What the checks of one run over a document share: the change log,
 * resolved once for every check that reads it. */
struct rules_shared {
	const struct doc *d;
	struct resolve_log log;
	bool have_log;
	bool lent; /* log is another's (rules_shared_lend()) */
};

/* Start a run of checks over d. Release with rules_shared_fini(). */
void rules_shared_init(struct rules_shared *sh, const struct doc *d);

/* Free what the checks of a run shared. */
void rules_shared_fini(struct rules_shared *sh);

char *rules_fingerprint(const struct doc *d, const struct fdef_check *c,
                        const struct doc_group *scope);
void rules_run(struct rules_shared *sh, const struct fdef_check *c,
               rules_report_fn report, void *arg);
void rules_shared_lend(struct rules_shared *sh, const struct resolve_log *log);
bool rules_shared_take(struct rules_shared *sh, struct resolve_log *out);
void rules_log_named(const struct rules_shared *sh, unsigned char *named);
void rules_run_in(struct rules_shared *sh, const struct fdef_check *c,
                  const struct doc_group *g, rules_report_fn report, void *arg);
char *rules_derived(const struct doc *d, const struct fdef_check *c,
                    const struct doc_group *scope);

#endif
