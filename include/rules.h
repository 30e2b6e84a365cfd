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

char *rules_fingerprint(const struct doc *d, const struct fdef_check *c,
                        const struct doc_group *scope);
void rules_run(const struct doc *d, const struct fdef_check *c,
               rules_report_fn report, void *arg);
char *rules_derived(const struct doc *d, const struct fdef_check *c,
                    const struct doc_group *scope);

#endif
